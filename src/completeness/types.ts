/**
 * The vocabulary of the completeness & accuracy (C&A) report: check ids, statuses, the result of
 * each check as a discriminated union on `id` with typed evidence, and the report itself.
 * Results are data; rendering lives in `render.ts`.
 *
 * @example
 * const r: CheckResult = report.checks[0]
 * if (r.id === 'empty_periods' && r.evidence) r.evidence.months // the per-month counts table
 */
import type { IngestIssue } from '../population/types.js';
import type { ResolvedCompletenessParams } from './params.js';

/** `not_run`: the check did not run, or had nothing to check (its summary says why). */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'not_run';

/** Every check, in report order. All of them are always present in a report (see `ran`). */
export const checkIds = [
  'period_coverage', 'out_of_period', 'empty_periods', 'sequence_gaps', 'duplicate_keys', 'duplicate_rows',
  'blank_required', 'malformed_rows', 'control_total', 'tie_out', 'roll_forward',
] as const;
export type CheckId = (typeof checkIds)[number];

/** A capped listing: `total` counts everything, `items` holds at most the evidence cap, in a fixed order. */
export interface Listing<T> {
  total: number;
  items: T[];
}

/** A source row named in evidence. `key` is the business key (fields joined by " | "), null when blank. */
export interface RowRef {
  record: number;
  line: number;
  key: string | null;
}

/** An event of a row: its instant (UTC ms) and the same instant written in the period's zone. */
export interface EventRef extends RowRef {
  ms: number;
  at: string;
}

export interface PeriodCoverageEvidence {
  eventField: string;
  inPeriod: number;
  /** First and last event inside the period. */
  first: EventRef | null;
  last: EventRef | null;
  /** Earliest and latest usable event of the whole population (in the period or not). */
  earliest: EventRef | null;
  latest: EventRef | null;
  /** Calendar days of the period before the first event's day / after the last event's day. */
  daysBeforeFirst: number | null;
  daysAfterLast: number | null;
  businessDaysBeforeFirst: number | null;
  businessDaysAfterLast: number | null;
}

export interface OutOfPeriodRow extends RowRef {
  reason: 'before' | 'after' | 'blank' | 'invalid';
  /** Raw text of the event column. */
  value: string | null;
  /** The parsed instant in the period's zone (before/after only). */
  at: string | null;
}

export interface OutOfPeriodEvidence {
  eventField: string;
  before: number;
  after: number;
  blank: number;
  invalid: number;
  rows: Listing<OutOfPeriodRow>;
}

/** One day, ISO week or month of the period. */
export interface BucketRow {
  /** 2025-03-09, 2025-W10 or 2025-03. */
  bucket: string;
  /** First and last date of the bucket inside the period. */
  start: string;
  end: string;
  /** Calendar and business days of the bucket inside the period. */
  days: number;
  businessDays: number;
  count: number;
  /** median rate × span; null when the bucket is not judged (no span, or median 0). */
  expected: number | null;
  low: boolean;
}

export interface EmptyPeriodsEvidence {
  eventField: string;
  calendar: 'business' | 'all';
  inPeriod: number;
  /** Median events per (business or calendar) day, per granularity. */
  medianRate: { day: number; week: number; month: number };
  months: BucketRow[];
  weeks: BucketRow[];
  /** Judged days (business days, or every day with calendar 'all') that are low; capped. */
  lowDays: Listing<BucketRow>;
  /** Judged days with no event, in date order; capped. */
  emptyDays: Listing<BucketRow>;
  low: { day: number; week: number; month: number };
  empty: { day: number; week: number; month: number };
}

export interface SequenceGroup {
  prefix: string;
  /** Local year of the event time when `sequenceRestart` is 'yearly'; null otherwise (or no event time). */
  year: number | null;
  first: number;
  last: number;
  distinct: number;
  /** Numbers seen more than once (extra occurrences). */
  repeated: number;
  missing: number;
  gapRanges: number;
}

export interface GapRange {
  prefix: string;
  year: number | null;
  from: number;
  to: number;
  count: number;
  /** The missing keys at both ends, written like the population's keys (prefix + zero padding). */
  fromKey: string;
  toKey: string;
}

export interface SequenceGapsEvidence {
  field: string;
  restart: 'none' | 'yearly';
  numericKeys: number;
  blank: number;
  groups: Listing<SequenceGroup>;
  gaps: Listing<GapRange>;
  missing: number;
  repeated: number;
  /** Keys with no trailing digits (or more than 15 of them); counted aside. */
  nonNumeric: Listing<RowRef>;
}

export interface DuplicateGroup {
  key: string;
  rows: number;
  /** Record numbers, ascending, capped. */
  records: number[];
}

export interface DuplicateKeysEvidence {
  keyFields: string[];
  rowsWithKey: number;
  blankKey: number;
  duplicateKeys: number;
  rowsInvolved: number;
  /** Rows beyond the first of each key. */
  extraRows: number;
  /** The export writes an item over several rows by design: the groups are its items' lines, not duplicates. */
  lineItems: boolean;
  groups: Listing<DuplicateGroup>;
}

export interface DuplicateRowGroup {
  /** Hex of the 64-bit row hash the rows share. */
  hash: string;
  rows: number;
  records: number[];
}

export interface DuplicateRowsEvidence {
  columns: string[];
  method: string;
  duplicateGroups: number;
  rowsInvolved: number;
  extraRows: number;
  groups: Listing<DuplicateRowGroup>;
}

export interface BlankValueRow extends RowRef {
  problem: 'blank' | 'invalid';
  value: string | null;
}

export interface BlankFieldRow {
  field: string;
  header: string | null;
  type: string;
  /** Required fields fail the check; the others warn. */
  required: boolean;
  mapped: boolean;
  blank: number;
  invalid: number;
  rows: Listing<BlankValueRow>;
}

export interface BlankRequiredEvidence {
  rows: number;
  fields: BlankFieldRow[];
}

export interface MalformedRowsEvidence {
  rows: { total: number; accepted: number; malformed: number };
  valueIssues: number;
  byCode: Record<string, number>;
  byColumn: Record<string, number>;
  first: Listing<IngestIssue>;
}

export interface InvalidAmountRow extends RowRef {
  value: string;
}

export interface ControlTotalEvidence {
  scope: 'all' | 'in_period';
  rows: { total: number; accepted: number; malformed: number; counted: number; inPeriod: number | null };
  count: { counted: number; expected: number | null; difference: number | null };
  /** Exact decimal strings; null when no sum was asked for. */
  sum: {
    field: string;
    header: string;
    counted: string;
    expected: string | null;
    difference: string | null;
    blank: number;
    invalid: number;
    invalidRows: Listing<InvalidAmountRow>;
  } | null;
}

export interface OrphanKey {
  key: string;
  /** Lowest record number carrying the key, and how many rows carry it. */
  record: number;
  rows: number;
}

export interface TieOutSide {
  population: string;
  field: string;
  rows: number;
  keys: number;
  blank: number;
  orphans: Listing<OrphanKey>;
  orphanRows: number;
}

/** A population as a tie-out names it: the file it came from and its fingerprint. */
export interface PopulationIdentity {
  id: string;
  kind: string;
  file: string;
  sha256: string;
  rows: number;
}

export interface TieOutEvidence {
  /** The two populations tied out. */
  populations: { ours: PopulationIdentity; theirs: PopulationIdentity };
  caseFold: boolean;
  require: 'both' | 'ours' | 'theirs';
  matchedKeys: number;
  /** Our keys missing from theirs, and theirs missing from ours. */
  ours: TieOutSide;
  theirs: TieOutSide;
}

export interface RollForwardTerm {
  value: number;
  source: 'given' | 'counted';
}

export interface RollForwardEvidence {
  equation: string;
  start: RollForwardTerm;
  adds: RollForwardTerm;
  removes: RollForwardTerm;
  end: RollForwardTerm;
  computedEnd: number;
  /** computedEnd − end. */
  difference: number;
  addedField: string | null;
  removedField: string | null;
  /** Rows without an added time (left out of every counted term). */
  undated: number;
  /** Rows removed before they were added. */
  removedBeforeAdded: number;
}

interface ResultOf<Id extends CheckId, E> {
  id: Id;
  status: CheckStatus;
  /** False when the check could not or need not run (no event field, no expectation given…): status is then 'pass' and the summary says "not run". */
  ran: boolean;
  summary: string;
  parameters: Record<string, unknown>;
  /** Null when the check did not run (control_total keeps its counted figures). */
  evidence: E | null;
}

export type PeriodCoverageResult = ResultOf<'period_coverage', PeriodCoverageEvidence>;
export type OutOfPeriodResult = ResultOf<'out_of_period', OutOfPeriodEvidence>;
export type EmptyPeriodsResult = ResultOf<'empty_periods', EmptyPeriodsEvidence>;
export type SequenceGapsResult = ResultOf<'sequence_gaps', SequenceGapsEvidence>;
export type DuplicateKeysResult = ResultOf<'duplicate_keys', DuplicateKeysEvidence>;
export type DuplicateRowsResult = ResultOf<'duplicate_rows', DuplicateRowsEvidence>;
export type BlankRequiredResult = ResultOf<'blank_required', BlankRequiredEvidence>;
export type MalformedRowsResult = ResultOf<'malformed_rows', MalformedRowsEvidence>;
export type ControlTotalResult = ResultOf<'control_total', ControlTotalEvidence>;
export type TieOutResult = ResultOf<'tie_out', TieOutEvidence>;
export type RollForwardResult = ResultOf<'roll_forward', RollForwardEvidence>;

export type CheckResult =
  | PeriodCoverageResult | OutOfPeriodResult | EmptyPeriodsResult | SequenceGapsResult | DuplicateKeysResult
  | DuplicateRowsResult | BlankRequiredResult | MalformedRowsResult | ControlTotalResult | TieOutResult | RollForwardResult;

export type CheckResultFor<Id extends CheckId> = Extract<CheckResult, { id: Id }>;

export interface CompletenessReport {
  /** Worst status of the checks. */
  status: CheckStatus;
  population: { id: string; kind: string; sha256: string; rows: number };
  period: { start: string; end: string; timeZone: string; startMs: number; endExclusiveMs: number };
  parameters: ResolvedCompletenessParams;
  checks: CheckResult[];
}
