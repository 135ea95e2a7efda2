/**
 * The attribute-testing model: a rule is one attribute of a control (a column of the test matrix,
 * e.g. "A — Approval present"); each item tested gets one outcome per attribute; exceptions become
 * findings (data, never thrown); per-attribute and overall counts feed the sampling evaluation.
 *
 * @example
 * const outcome: Outcome = { status: 'not_applicable', reason: 'standard change: pre-approved' };
 */
import type { BusinessCalendar } from '../period/calendar.js';
import type { Kind } from '../population/kinds.js';
import type { PopulationChunk } from '../population/types.js';
import type { JoinIndex } from './join/types.js';

/** The four results of testing one item against one attribute. */
export type Status = 'pass' | 'exception' | 'not_applicable' | 'manual';

/** A value shown to the reader of a finding: timestamps rendered in the calendar's zone. */
export type ObservedValue = string | number | boolean | null;
export type Observed = Record<string, ObservedValue>;

/** One item × one attribute. Discriminated by `status`. */
export type Outcome =
  | { status: 'pass'; note?: string }
  | { status: 'exception'; observed: Observed; message: string }
  | { status: 'not_applicable'; reason: string }
  | { status: 'manual'; evidence: string };

/** What every rule says about itself (the matrix column). */
export interface RuleInfo {
  /** Stable id, e.g. `change.approved_before_deploy`. */
  id: string;
  /** Column name, e.g. "Approval present". The letter is assigned by the rule set. */
  name: string;
  /** The pass criterion, written for a CPA. */
  description: string;
  /** Kinds the rule applies to. */
  kinds: readonly Kind[];
  /** Parameters that shaped it (rendered in the workbook's method section). */
  params: Record<string, ObservedValue>;
  mode: 'automated' | 'manual';
  /** Where the rule came from. */
  origin: 'builtin' | 'custom';
}

/** What evaluation needs besides the chunk: all plain data, structured-cloneable for workers. */
export interface TestContext {
  /** `population` = every row (100% testing); `sample` = only the listed records. */
  scope: 'population' | 'sample';
  /** Source record numbers of the sample (scope `sample`). */
  sample?: readonly number[];
  /** Business calendar in the period's zone (also the zone used to render timestamps). */
  calendar: BusinessCalendar;
  /** Key fields of the population (default: the kind's key). */
  key?: readonly string[];
  /** Source headers in file order (content keys; default: the chunk's source columns). */
  headers?: readonly string[];
  /** canonical field → source header, to quote the raw text of unparseable values. */
  mapping?: Record<string, string>;
  /** Instant at which open items are judged (e.g. the period end); absent: open = not done. */
  asOfMs?: number;
  /** Indexes of second populations, by join name (`accounts`, `deployments`). */
  joins?: Record<string, JoinIndex>;
  /** Keep per-item results (the test matrix). Default: true for a sample, false for a population. */
  items?: boolean;
  /** Person fields naming several people per cell → separators (PopulationMeta.multiValue). */
  multiValue?: Record<string, readonly string[]>;
}

/** Evaluation of one row, bound to one chunk (columns resolved once per chunk). */
export type RowTest = (row: number) => Outcome;

/** A rule decided row by row. */
export interface ItemRule extends RuleInfo {
  level: 'item';
  /** Cross-population rules name the join index they read. */
  join?: JoinRequirement;
  bind(chunk: PopulationChunk, ctx: TestContext): RowTest;
}

/** Per-group tally of a population-level rule, merged across chunks. */
export interface GroupTally {
  count: number;
  /** The smallest record numbers in the group (at most 10), for the finding's message. */
  records: number[];
  /** Display values of the group's parts (first seen by record order). */
  label: Record<string, string>;
  /** Record number the label was taken from (smallest wins on merge). */
  labelRecord: number;
  /**
   * Distinct values seen in the group, per name (e.g. the review ids of a system's period): the
   * smallest `GROUP_MEMBERS` of each, sorted, so merging in any order keeps the same ones.
   */
  members?: Record<string, string[]>;
}

/** A row's vote in a population-level rule: its group, a display label, and values to count distinct. */
export interface GroupVote {
  group: string;
  label: Record<string, string>;
  members?: Record<string, string>;
}

/** A rule that needs the whole population: map each row to a group, then decide per group. */
export interface GroupRule extends RuleInfo {
  level: 'population';
  /** Row → its group (and display label) or a final outcome (e.g. not applicable: no period). */
  bind(chunk: PopulationChunk, ctx: TestContext): (row: number) => Outcome | GroupVote;
  /** The outcome of an item in a group, once all chunks are merged. */
  decide(group: string, tallies: ReadonlyMap<string, GroupTally>, ctx: TestContext): Outcome;
  /** Expected groups that never occurred (e.g. a quarter without a review). */
  missing?(tallies: ReadonlyMap<string, GroupTally>, ctx: TestContext): MissingGroup[];
}

export interface MissingGroup {
  key: string;
  observed: Observed;
  message: string;
}

export type Rule = ItemRule | GroupRule;

/** A second population the rule reads, and the fields to keep in its index. */
export interface JoinRequirement {
  /** Name the index is passed under in `TestContext.joins`. */
  name: string;
  /** Field (or header) of this population whose value is looked up. */
  leftField: string;
  /** Field (or header) of the second population the index is keyed on. */
  keyField: string;
  /**
   * Key pairs [this population's field, the second population's field] in order of preference;
   * the caller indexes every pair both populations carry, and each row is looked up by the first
   * that finds it (leftField/keyField are the first pair). Absent: only leftField/keyField.
   */
  keys?: readonly (readonly [string, string])[];
  /** Fields (or headers) of the second population the rule reads. */
  fields: string[];
}

/** An attribute (column) of the test matrix, as plain data. */
export interface AttributeInfo {
  /** Column letter: A, B, …, Z, AA, … */
  attribute: string;
  /** "A — Approval present" */
  label: string;
  name: string;
  rule: string;
  description: string;
  mode: 'automated' | 'manual';
  level: 'item' | 'population';
  origin: 'builtin' | 'custom';
  params: Record<string, ObservedValue>;
}

/** An exception found while testing. Missing ones are expected items that do not exist. */
export type Finding =
  | {
      type: 'item';
      key: string;
      record: number;
      line: number;
      attribute: string;
      rule: string;
      status: 'exception';
      observed: Observed;
      message: string;
    }
  | {
      type: 'missing';
      key: string;
      record: null;
      line: null;
      attribute: string;
      rule: string;
      status: 'exception';
      observed: Observed;
      message: string;
    };

/** One row of the test matrix: the item and its outcome per attribute (same order as attributes). */
export interface ItemResult {
  key: string;
  record: number;
  line: number;
  outcomes: Outcome[];
  /** True when at least one attribute is an exception. */
  deviation: boolean;
  /** Rows tested for the item when its sampling unit has several (resultsPerUnit). */
  rows?: number;
}

/** Counts per attribute, as the evaluation (src/stats) wants them. */
export interface AttributeSummary {
  attribute: string;
  label: string;
  rule: string;
  mode: 'automated' | 'manual';
  /** Items decided pass or exception. */
  tested: number;
  passed: number;
  deviations: number;
  notApplicable: number;
  manual: number;
  /** Expected items that do not exist (population-level rules). Not part of `tested`. */
  missing: number;
}

/** Counts per item: an item with ≥ 1 exception counts once. */
export interface OverallSummary {
  /** Items in scope that were found in the population. */
  items: number;
  /** Items with at least one automated pass or exception. */
  tested: number;
  /** Items with at least one exception. */
  deviations: number;
  /** Items where every attribute was not applicable. */
  notApplicable: number;
  /** Items with at least one manual attribute left to inspect. */
  manual: number;
  /** Missing-item findings over all attributes. */
  missing: number;
}

/** The result of testing a population or a sample. */
export interface TestRun {
  scope: 'sample' | 'population';
  kind: Kind;
  attributes: AttributeSummary[];
  overall: OverallSummary;
  findings: Finding[];
  /** Per item per attribute (the test matrix); always present for a sample. */
  items?: ItemResult[];
  /** Sample records that no chunk contained (scope `sample`). */
  unmatchedSample?: number[];
}
