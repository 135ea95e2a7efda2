/**
 * The workbook's model, computed once from the input: the sampled items in selection order,
 * each joined with its row's values and its test outcomes (by source record number), the
 * attributes with their descriptions, the evaluation and the conclusion, the time zone every
 * timestamp is shown in. Sheets read the model; none of them recomputes anything.
 *
 * @example
 * const model = workbookModel(input)
 * model.items[0] // { order: 1, key: 'CHG0000317', record: 307, row: {…}, result: {…} }
 */
import { emptyEntries, type ItemEntry, type TeamEntries } from '../../evaluation/entries.js';
import { kindSpec } from '../../population/kinds.js';
import { ruleSetFromSpec } from '../../rules/evaluate/rule-set.js';
import type { AttributeInfo, ItemResult, ObservedValue } from '../../rules/types.js';
import type { SelectedItem } from '../../sampling/selection.js';
import { assertTimeZone } from '../../time/zone.js';
import type { SampledRow, WorkbookInput } from './input.js';

export interface ItemView extends SelectedItem {
  /** The row's values; absent when the caller did not pass it. */
  row?: SampledRow;
  /** The item's outcomes, one per attribute; absent when untested or not found. */
  result?: ItemResult;
}

export interface AttributeView {
  attribute: string;
  label: string;
  name: string;
  rule: string;
  description: string;
  mode: 'automated' | 'manual';
  params: Record<string, ObservedValue>;
}

/** A source column shown beside each item: its header, the field it maps to and its type. */
export interface ColumnView {
  header: string;
  field?: string;
  type: 'string' | 'enum' | 'timestamp' | 'number' | 'boolean';
}

export interface WorkbookModel {
  input: WorkbookInput;
  /** IANA zone of the period: every timestamp is shown as wall time there. */
  zone: string;
  zoneNote: string;
  generatedAt: Date;
  items: ItemView[];
  /** The items' source records in ascending order, each with the item's index in `items`. */
  recordOrder: RecordOrder;
  /** The sampled rows by source record number. */
  rows: Map<number, SampledRow>;
  attributes: AttributeView[];
  /** Source columns beside the items (key columns are in the key column already). */
  columns: ColumnView[];
  /** The few source columns a tester needs beside each item on the Test matrix (the rest are on Sample detail). */
  testColumns: ColumnView[];
  /** The team's entries so far (none for a fresh pull), and each item's by draw order. */
  entries: TeamEntries;
  itemEntries: Map<number, ItemEntry>;
  conclusion: string;
  /** The TSC reference: given, else the one the kind names (e.g. CC8.1). */
  tsc: string | null;
}

/** The canonical fields a tester needs to find an item's evidence, per kind (at most three are shown). */
const TEST_VIEW_FIELDS: Record<string, readonly string[]> = {
  change: ['type', 'title', 'deployed_at'],
  access_grant: ['user_id', 'role', 'granted_at'],
  termination: ['employee_name', 'account_id', 'termination_date'],
  access_review: ['system', 'reviewer', 'completed_at'],
  ticket: ['severity', 'opened_at', 'resolved_at'],
  vulnerability: ['severity', 'asset', 'discovered_at'],
};

function testColumnsOf(kind: string, columns: readonly ColumnView[], eventTime: string | undefined): ColumnView[] {
  const wanted = TEST_VIEW_FIELDS[kind] ?? (eventTime ? [eventTime] : []);
  const chosen = wanted.map((f) => columns.find((c) => c.field === f)).filter((c): c is ColumnView => !!c);
  if (!chosen.length && eventTime) {
    const event = columns.find((c) => c.field === eventTime);
    if (event) chosen.push(event);
  }
  return chosen.slice(0, 3);
}

function tscOfKind(kind: string): string | null {
  const m = /\((CC[^)]*)\)/.exec(kindSpec(kind).description);
  return m ? m[1]! : null;
}

function attributeInfos(input: WorkbookInput): AttributeInfo[] {
  if (input.attributes) return input.attributes;
  if (!input.testJob) return [];
  try {
    return ruleSetFromSpec(input.testJob.rules).attributes;
  } catch {
    return []; // descriptions are a courtesy; the labels still show
  }
}

function attributeViews(input: WorkbookInput): AttributeView[] {
  if (!input.tests) return [];
  const infos = new Map(attributeInfos(input).map((a) => [a.rule, a]));
  return input.tests.attributes.map((a) => {
    const info = infos.get(a.rule);
    const name = info?.name ?? a.label.replace(/^[A-Z]+ — /, '');
    return { attribute: a.attribute, label: a.label, name, rule: a.rule, description: info?.description ?? name, mode: a.mode, params: info?.params ?? {} };
  });
}

/** The Lead's conclusion sentence: the control evaluation's, else why there is none yet. */
function conclusionOf(input: WorkbookInput): string {
  if (input.controlEvaluation) return input.controlEvaluation.conclusion.sentence;
  if (!input.tests) return 'Not yet concluded: the attributes have not been tested.';
  return "Not yet concluded: the sample has not been evaluated (tickmark evaluate --workbook reads the team's entries and evaluates it).";
}

/** Each of a list's members by its source record number (the last one with a number wins). */
function byRecord<T extends { record: number }>(list: readonly T[]): Map<number, T> {
  const map = new Map<number, T>();
  for (const member of list) map.set(member.record, member);
  return map;
}

/** The records of items in ascending order, each with its item's index. */
export interface RecordOrder {
  records: Float64Array;
  indexes: Int32Array;
}

/** Items' indexes have at most this many bits when sorted packed beside their record in a double. */
const INDEX_BITS = 22;

function recordOrder(items: readonly { record: number }[]): RecordOrder {
  const n = items.length;
  const packed = new Float64Array(n);
  if (n < 2 ** INDEX_BITS) {
    for (let i = 0; i < n; i++) packed[i] = items[i]!.record * 2 ** INDEX_BITS + i;
    packed.sort();
    const records = new Float64Array(n);
    const indexes = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const i = packed[k]! % 2 ** INDEX_BITS;
      indexes[k] = i;
      records[k] = (packed[k]! - i) / 2 ** INDEX_BITS;
    }
    return { records, indexes };
  }
  const indexes = Int32Array.from(items, (_, i) => i).sort((a, b) => items[a]!.record - items[b]!.record || a - b);
  return { records: Float64Array.from(indexes, (i) => items[i]!.record), indexes };
}

/**
 * For each item (by index), the member of `list` with its record (the last one), joined by walking
 * both in record order when `list` is in record order (as stored rows and test results are): no
 * lookup per item, whose jumps about a large list cost more than the walk. Otherwise by `map`.
 */
function joinByRecord<T extends { record: number }>({ records, indexes }: RecordOrder, list: readonly T[], map?: Map<number, T>): (T | undefined)[] {
  const out = new Array<T | undefined>(records.length).fill(undefined);
  let sorted = true;
  for (let j = 1; sorted && j < list.length; j++) sorted = list[j - 1]!.record <= list[j]!.record;
  if (!sorted) {
    const byIt = map ?? byRecord(list);
    for (let k = 0; k < records.length; k++) out[indexes[k]!] = byIt.get(records[k]!);
    return out;
  }
  let j = 0;
  for (let k = 0; k < records.length; k++) {
    const record = records[k]!;
    while (j < list.length && list[j]!.record < record) j++;
    for (let m = j; m < list.length && list[m]!.record === record; m++) out[indexes[k]!] = list[m];
  }
  return out;
}

/**
 * Build the model.
 *
 * @example
 * workbookModel(input).zoneNote // 'Times are wall-clock times in UTC, the audit period's zone.'
 */
export function workbookModel(input: WorkbookInput): WorkbookModel {
  const zone = assertTimeZone(input.period.timeZone);
  const rows = byRecord(input.sampledRows);
  const selected = input.sample.selection.items;
  const order = recordOrder(selected);
  const rowOf = joinByRecord(order, input.sampledRows, rows);
  const resultOf = joinByRecord(order, input.tests?.items ?? []);
  const items: ItemView[] = selected.map((item, i) => {
    const row = rowOf[i];
    const result = resultOf[i];
    // Copied member by member: a copy made by spreading takes new members far more slowly.
    const view: ItemView = Object.assign({}, item);
    if (row) view.row = row;
    if (result) view.result = result;
    return view;
  });
  const attributes = attributeViews(input);
  const meta = input.population;
  const keyHeaders = new Set(meta.key.map((f) => meta.mapping[f]).filter((h): h is string => !!h));
  const profile = new Map(meta.columns.map((c) => [c.header, c]));
  const fieldOf = new Map(Object.entries(meta.mapping).map(([field, header]) => [header, field]));
  const columns: ColumnView[] = meta.headers
    .filter((h) => !keyHeaders.has(h))
    .map((header) => {
      const field = fieldOf.get(header);
      return { header, ...(field ? { field } : {}), type: profile.get(header)?.type ?? 'string' };
    });
  const entries = input.entries ?? emptyEntries();
  return {
    input,
    zone,
    zoneNote: `Times are wall-clock times in ${zone}, the audit period's zone.`,
    generatedAt: input.generatedAt ? new Date(input.generatedAt) : new Date(),
    items,
    recordOrder: order,
    rows,
    attributes,
    columns,
    testColumns: testColumnsOf(meta.kind, columns, meta.eventTime),
    entries,
    itemEntries: new Map(entries.items.map((e) => [e.order, e])),
    conclusion: conclusionOf(input),
    tsc: input.control.tsc ?? tscOfKind(meta.kind),
  };
}

/**
 * Visit every item's result with the item's index in `items`: in the order the results were
 * given, then (undefined) for the items without one; a record given twice is visited twice, and
 * its last result is the item's, as in `items`. A large sample's results lie in memory in that
 * order (by source record), so reading them in draw order would jump about it: read them here,
 * and keep what is read by index.
 *
 * @example
 * const notes = new Array<string | null>(model.items.length)
 * eachItemResult(model, (result, i) => (notes[i] = itemNotes(result, model.attributes, true)))
 */
export function eachItemResult(model: WorkbookModel, visit: (result: ItemResult | undefined, index: number) => void): void {
  const { items, recordOrder: { records, indexes } } = model;
  const tested = new Uint8Array(items.length);
  for (const result of model.input.tests?.items ?? []) {
    let lo = 0;
    let hi = records.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (records[mid]! < result.record) lo = mid + 1;
      else hi = mid;
    }
    if (records[lo] !== result.record) continue;
    const i = indexes[lo]!;
    tested[i] = 1;
    visit(result, i);
  }
  for (let i = 0; i < items.length; i++) if (!tested[i]) visit(undefined, i);
}
