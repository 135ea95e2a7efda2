/**
 * What the auditor-ready workbook is built from: one plain object the `pull` command (or the
 * HTTP service, or `tickmark export`) fills — the control, the period, the population's
 * fingerprint, the completeness report, the sample (plan + manifest + selection), the sampled
 * rows' values, the attribute test run and the control's evaluation (`evaluateControl`). Everything but the control, period,
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
import type { TeamEntries, WorkpaperFields } from '../../evaluation/entries.js';
import type { ControlEvaluation } from '../../evaluation/types.js';
import type { SampleRecord } from '../../sampling/request.js';
import type { PopulationChunk, PopulationMeta } from '../../population/types.js';
import type { AttributeInfo, TestRun } from '../../rules/types.js';
import type { TestJob } from '../../rules/evaluate/test-job.js';

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
  /** What the control does, as the client states it; absent: a yellow input on the Lead sheet (never invented). */
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

export interface WorkbookInput {
  engagement?: { client: string; name: string };
  control: ControlInfo;
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
  preparer?: string;
  /**
   * The lead sheet's workpaper fields given by the caller (flags, the engagement, HTTP fields):
   * written by tickmark. A field left out is a yellow input (prefilled from `entries.workpaper`).
   */
  workpaper?: WorkpaperFields;
  /** The team's entries so far, prefilled into the yellow cells (a refreshed workbook). */
  entries?: TeamEntries;
  /** The evaluation of the control after the entries (`evaluateControl`): the Evaluation sheet and the Lead's conclusion. */
  controlEvaluation?: ControlEvaluation;
  /** Which stored version of the results this workbook shows (after `evaluate --workbook`). */
  resultsVersion?: { version: number; by: string; at: string; workbookSha256?: string };
  /** The stored test run the results belong to. */
  testRunId?: string;
  /** Paper the sheets are set up for (default Letter; both landscape). */
  paper?: 'letter' | 'a4';
  engineVersion: string;
  /** When the workbook was generated (ISO); default now. Shown on the lead sheet, never hashed. */
  generatedAt?: string;
  /**
   * Every row of the population, for a "Population data" sheet. Only written when the population
   * fits a worksheet (1,048,575 data rows); otherwise the sheet says the fingerprint stands in.
   */
  populationData?: Iterable<PopulationChunk> | AsyncIterable<PopulationChunk>;
}
