/**
 * What the engagement team enters on a sample after tickmark wrote it — in the workbook's yellow
 * cells or through the results API: marks on manual attributes, overrides of automated results
 * (with a reason; the tool's own result stays visible), evidence references and comments per
 * item, exceptions the team adds, write-ups of exceptions, the lead sheet's workpaper fields and
 * sign-offs, and a disposition per completeness check. Plain data: stored append-only as a
 * version of a test run's results, and the input of `evaluateControl`.
 *
 * @example
 * const entries: TeamEntries = {
 *   items: [{ order: 3, key: 'CHG0000417', marks: { H: 'X' }, overrides: {}, evidence: 'CAB minutes 2025-03-04' }],
 *   addedExceptions: [], writeUps: [], workpaper: { preparedBy: 'A. Auditor' }, completeness: [],
 * }
 */

/** The marks a person may enter in the test matrix (the Legend lists them). */
export const MARKS = ['✓', 'X', 'N/A'] as const;
export type Mark = (typeof MARKS)[number];

/** One sampled item's entries, keyed by the item's draw order and key. */
export interface ItemEntry {
  order: number;
  key: string;
  /** Marks on manual attributes, by attribute letter. */
  marks: Record<string, Mark>;
  /** Overrides of automated results, by attribute letter: the mark that counts and why. */
  overrides: Record<string, { mark: Mark; reason: string }>;
  /** Evidence reference (document, ticket, screenshot id). */
  evidence?: string;
  comment?: string;
}

/** An exception the team found that the tool did not flag (an item × attribute). */
export interface AddedException {
  order: number;
  key: string;
  attribute: string;
  description: string;
}

/** How an exception is written up (tool-found or added). */
export interface ExceptionWriteUp {
  order: number;
  key: string;
  attribute: string;
  rootCause?: string;
  managementResponse?: string;
  nature?: 'isolated' | 'systemic';
}

/** The nature of a control, as a workpaper states it. */
export const CONTROL_NATURES = ['manual', 'automated', 'it-dependent manual'] as const;
export type ControlNature = (typeof CONTROL_NATURES)[number];

/**
 * The lead sheet's workpaper fields and sign-offs. Given by the caller (flags, the engagement,
 * HTTP fields) they are written by tickmark; left out, they are yellow cells the team fills.
 * Dates are calendar dates `YYYY-MM-DD`.
 */
export interface WorkpaperFields {
  objective?: string;
  owner?: string;
  nature?: ControlNature;
  frequency?: string;
  keyControl?: boolean;
  populationDefinition?: string;
  workpaperRef?: string;
  preparedBy?: string;
  preparedOn?: string;
  reviewedBy?: string;
  reviewedOn?: string;
  auditorConclusion?: string;
}

export interface TeamEntries {
  items: ItemEntry[];
  addedExceptions: AddedException[];
  writeUps: ExceptionWriteUp[];
  workpaper: WorkpaperFields;
  /** Disposition per completeness check id (the team's note on a warn or fail). */
  completeness: { check: string; disposition: string }[];
}

/** No entries yet: what a freshly pulled sample has. */
export function emptyEntries(): TeamEntries {
  return { items: [], addedExceptions: [], writeUps: [], workpaper: {}, completeness: [] };
}
