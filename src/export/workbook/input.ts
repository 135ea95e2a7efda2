/**
 * What the auditor-ready workbook is built from: one plain object the `pull` command (or the
 * HTTP service, or `tickmark export`) fills — the control, the period, the population's
 * fingerprint, the completeness report, the sample (plan + manifest + selection), the sampled
 * rows' values, the attribute test run and its evaluation. Everything but the control, period,
 * population, sample and sampled rows is optional: a sheet whose input is missing says so.
 *
 * @example
 * const input: WorkbookInput = {
 *   control: { id: 'CC8.1-01', description: 'Changes are approved before deployment', tsc: 'CC8.1' },
 *   period: { start: '2025-01-01', end: '2025-12-31', timeZone: 'UTC' },
 *   population: meta, sample, sampledRows, engineVersion: ENGINE_VERSION,
 * };
 */
import type { CompletenessReport } from '../../completeness/types.js';
import type { SampleRecord } from '../../operations/sample.js';
import type { PopulationChunk, PopulationMeta } from '../../population/types.js';
import type { AttributeInfo, TestRun } from '../../rules/types.js';
import type { TestJob } from '../../scan/test-job.js';
import type { SampleEvaluation } from '../../stats/evaluate.js';
import type { TeamEntries, WorkpaperFields } from '../../evaluation/entries.js';
import type { ControlEvaluation } from '../../evaluation/types.js';

/** One sampled row: its source record number, the raw text of every column, the typed fields. */
export interface SampledRow {
  record: number;
  /** Raw source text by header; blank → null. */
  values: Record<string, string | null>;
  /** Canonical fields, typed: timestamps as UTC epoch ms, numbers, booleans as 1/0; null when blank or invalid. */
  fields: Record<string, string | number | null>;
}

export interface ControlInfo {
  /** The client's control id, e.g. `CC8.1-01`. */
  id: string;
  /** The control as the client describes it; absent: a yellow cell the team fills (never invented). */
  description?: string;
  /** Trust Services Criteria reference, e.g. `CC8.1`. */
  tsc?: string;
  /** How often the control runs (annual … many times a day, automated). */
  frequency?: string;
  /** The test procedure performed, in words. */
  procedure?: string;
}

/** Where the population came from, as the user told us (the IPE evidence). */
export interface ExtractionInfo {
  system?: string;
  /** The query, report name or parameters used for the extraction. */
  query?: string;
  extractedBy?: string;
  /** When it was extracted, as given (an ISO date or timestamp is shown as an Excel date). */
  extractedAt?: string;
  /** A population read in place by SQL (src/sql): the engine that ran it, as it reports its version… */
  engine?: string;
  /** …the SQL dialect (duckdb, postgres, trino, spark, bigquery, snowflake)… */
  dialect?: string;
  /** …and every statement that ran, in order, each headed by a comment naming it: the extraction recipe. */
  sql?: string;
}

export type AttributeConclusion =
  /** Statistical: the upper deviation limit is within the tolerable rate. */
  | 'supported'
  | 'not_supported'
  /** Non-statistical: no deviation / deviations found (auditor's judgement). */
  | 'no_deviations'
  | 'deviations_found'
  /** A manual attribute still to be inspected. */
  | 'pending_manual'
  /** No item could be tested (every item not applicable). */
  | 'not_tested';

/** The evaluation of one attribute (or of the items overall). */
export interface AttributeEvaluation {
  /** Column letter, or `overall`. */
  attribute: string;
  label: string;
  mode: 'automated' | 'manual' | 'overall';
  /** Items tested (pass or exception). */
  n: number;
  deviations: number;
  allowedDeviations: number;
  /** k / n; null when n = 0. */
  sampleRate: number | null;
  /** Statistical plans only: exact upper deviation limit 0..1, and the table-style percent (rounded up to 0.1). */
  upperLimit: number | null;
  upperLimitPct: number | null;
  tolerable: number | null;
  confidence: number | null;
  conclusion: AttributeConclusion;
  rationale: string;
}

export interface WorkbookEvaluation {
  statistical: boolean;
  /** The distribution used (statistical plans), else null. */
  distribution: string | null;
  attributes: AttributeEvaluation[];
  overall: AttributeEvaluation;
  /** The conventions statement (from the evaluation or the plan). */
  conventions: string;
}

/** The evaluation `runTests` records (src/operations/test.ts `TestRunRecord.evaluation`). */
export interface RecordedEvaluation {
  overall: SampleEvaluation;
  attributes: { attribute: string; label: string; evaluation: SampleEvaluation }[];
}

export interface WorkbookInput {
  engagement?: { client: string; name: string };
  control: ControlInfo;
  /** The lead sheet's workpaper fields given by the caller; the others are yellow inputs. */
  workpaper?: WorkpaperFields;
  /** The team's entries so far (a refreshed workbook shows them in its yellow cells). */
  entries?: TeamEntries;
  /** The evaluation of the sample after the entries (src/evaluation). */
  controlEvaluation?: ControlEvaluation;
  /** The version of the test run's results the entries are (absent: none entered yet). */
  resultsVersion?: { version: number; by: string; at: string; workbookSha256?: string };
  /** The stored test run the workbook shows. */
  testRunId?: string;
  /** The audit period; its zone is the zone every timestamp is shown in. */
  period: { start: string; end: string; timeZone: string };
  population: PopulationMeta;
  extraction?: ExtractionInfo;
  completeness?: CompletenessReport;
  sample: SampleRecord;
  /** The sampled rows (any order; matched to the selection by record number). */
  sampledRows: SampledRow[];
  tests?: TestRun;
  /** Descriptions of the attributes (the rule set's `attributes`); derived from `testJob` when absent. */
  attributes?: AttributeInfo[];
  /** How the tests were run (rule-set spec + context): kept so `verify` can re-run them. */
  testJob?: TestJob;
  /**
   * Overrides the evaluation derived from the plan and the test run: a `WorkbookEvaluation`, or
   * the statistical evaluation `runTests` records (`TestRunRecord.evaluation`: overall + per
   * attribute `SampleEvaluation`s — e.g. a non-statistical sample evaluated at given rates).
   */
  evaluation?: WorkbookEvaluation | RecordedEvaluation | null;
  preparer?: string;
  engineVersion: string;
  /** When the workbook was generated (ISO); default now. Shown on the lead sheet, never hashed. */
  generatedAt?: string;
  /**
   * Every row of the population, for a "Population data" sheet. Only written when the population
   * fits a worksheet (1,048,575 data rows); otherwise the sheet says the fingerprint stands in.
   */
  populationData?: Iterable<PopulationChunk> | AsyncIterable<PopulationChunk>;
}
