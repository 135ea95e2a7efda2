/**
 * The shapes the app reads and sends, named in the audit's words. The domain's own types are
 * imported where they are plain data (types only: nothing of the engine runs in the browser);
 * the service's views of stored things (a sample, a test run, a pull) are described here as the
 * API returns them, with the fields the app reads.
 */
import type { CompletenessReport } from '../../completeness/types.js';
import type { TeamEntries } from '../../evaluation/entries.js';
import type { ControlEvaluation } from '../../evaluation/types.js';
import type { PopulationMeta } from '../../population/types.js';
import type { Outcome } from '../../rules/types.js';

export type { CompletenessReport, CheckResult, CheckId, CheckStatus, BucketRow } from '../../completeness/types.js';
export type { ControlEvaluation, AttributeResult, PartEvaluation } from '../../evaluation/types.js';
export type { TeamEntries, ItemEntry, Mark, ExceptionWriteUp, AddedException, WorkpaperFields } from '../../evaluation/entries.js';
export type { Outcome, Status } from '../../rules/types.js';
export type { IngestIssue, ColumnProfile, SourceFingerprint } from '../../population/types.js';

export interface ApiToken {
  id: string;
  engagementId: string | null;
  admin: boolean;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface Engagement {
  id: string;
  client: string;
  name: string | null;
  period: { start: string; end: string } | null;
  timeZone: string;
  createdAt: string;
}

/** How a field's column was chosen (from the source-profile work; absent on older populations). */
export interface MappingDecision {
  field: string;
  header: string;
  how: 'profile' | 'exact' | 'synonym' | 'override' | 'option';
  alternatives: { header: string; why: string }[];
}

export type PopulationView = Omit<PopulationMeta, 'chunks'> & {
  engagementId: string | null;
  profile?: { id: string; name: string; reason: string; forced: boolean };
  mappingDecisions?: MappingDecision[];
};

export interface PopulationSummary {
  id: string;
  kind: string;
  engagementId: string | null;
  source: PopulationMeta['source'];
  rows: PopulationMeta['rows'];
  issues: number;
  createdAt: string;
}

export interface KindView {
  kind: string;
  description: string;
  key: string[];
  eventTime?: string;
  fields: { name: string; type: 'string' | 'timestamp' | 'number' | 'boolean' | 'enum'; required: boolean; values?: string[] }[];
}

export interface PopulationRow {
  record: number;
  values: Record<string, string | null>;
  fields: Record<string, string | number | null>;
}

export interface JobView {
  id: string;
  type: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: { done: number; total: number | null; bytes?: number; rows?: number };
  engagementId?: string | null;
  result?: { id: string; href: string };
  error?: { code: string; message: string; hint?: string; details: Record<string, unknown> };
  createdAt: string;
}

export interface PlanView {
  basis: 'frequency' | 'statistical' | 'fixed' | 'all';
  n: number;
  allowedDeviations: number;
  distribution: string | null;
  statistical: boolean;
  rationale: string;
  conventions: string;
  extendedFrom?: number;
  parameters: Record<string, unknown>;
}

export interface SelectedItem {
  order: number;
  key: string;
  prn: number;
  prnHex: string;
  stratum?: string;
  record: number;
  line: number;
  eventTime: number | null;
  keyItem: boolean;
  addedByExtension: boolean;
  rows?: number[];
}

export interface SampleView {
  id: string;
  populationId: string;
  parentId: string | null;
  createdAt: string;
  request: { seed: string; size?: number; method?: string; strata?: string; keyItems?: string; filter?: string; period?: string };
  plan: PlanView;
  manifest: {
    algorithm: string;
    method: string;
    seed: string;
    population: { id: string; sha256: string; rows: number };
    counts: Record<string, number>;
    strata?: { id: string; population: number; allocated: number; selected: number }[];
    keyItems?: { condition: string; count: number };
    n: number;
    eligible: number;
    selected: number;
    allSelected: boolean;
    selectionSha256: string;
    design: { period?: { start: string; end: string; timeZone: string } };
  };
  selection: { items: SelectedItem[] };
}

export interface AttributeSummary {
  attribute: string;
  label: string;
  rule: string;
  mode: 'automated' | 'manual';
  tested: number;
  passed: number;
  deviations: number;
  notApplicable: number;
  manual: number;
}

export interface ItemResult {
  key: string;
  record: number;
  line: number;
  outcomes: Outcome[];
  deviation: boolean;
}

export interface TestRunView {
  id: string;
  populationId: string;
  createdAt: string;
  sampleId: string | null;
  run: { scope: 'sample' | 'population'; kind: string; attributes: AttributeSummary[]; items?: ItemResult[] };
  evaluation: ControlEvaluation | null;
}

export interface ResultsVersion {
  id: string;
  testRunId: string;
  sampleId: string;
  version: number;
  entries: TeamEntries;
  source: { via: 'workbook' | 'api'; workbookSha256?: string; file?: string };
  by: string;
  at: string;
  evaluation: ControlEvaluation;
}

export interface PullView {
  id: string;
  populationId: string;
  createdAt: string;
  request: {
    populationId: string;
    period: string;
    timeZone?: string;
    sample: SampleView['request'] & { plan?: Record<string, unknown> };
    workbook?: { control?: { id?: string; description?: string } };
  };
  completenessId: string;
  sampleId: string;
  testRunId: string;
  conclusion: string;
  warnings: string[];
  links: { workbook: string; sample: string; testRun: string; completeness: string };
}

export interface PullSummary {
  id: string;
  populationId: string;
  createdAt: string;
  controlId: string | null;
  controlDescription: string | null;
  period: string;
  seed: string;
  method: string;
  completenessId: string;
  sampleId: string;
  testRunId: string;
  conclusion: string;
}

export interface CompletenessView {
  id: string;
  populationId: string;
  createdAt: string;
  report: CompletenessReport;
}

export interface CheckInfo {
  id: string;
  title: string;
  description: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  params: unknown;
}

/** A difference a verification names: a sentence, or a cell of a sheet with what tickmark wrote and what it holds now. */
export type VerificationDifference = string | { sheet: string; cell: string; wrote: string | null; now: string | null; note?: string };

export interface WorkbookVerification {
  id: string;
  pullId: string;
  file: string;
  createdAt: string;
  identical: boolean;
  selection: { identical: boolean; differences: string[]; recomputedSha256?: string };
  workbook: { identical: boolean; differences: VerificationDifference[]; entries: { sheet: string; cell: string; value: string; entry: string }[]; notes: string[] };
  tests: { status: 'identical' | 'different' | 'not_rerun'; reason?: string; compared?: number; differences: string[] } | null;
  population: { identical: boolean; workbook: { name: string; sha256: string; rows: number }; file: { name: string; sha256: string; rows: number } };
  engineVersion: { workbook: string; running: string };
}
