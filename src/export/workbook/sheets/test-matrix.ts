/**
 * Sheet 5, "Test matrix": the tester's view. One row per sampled item in draw order — its number,
 * key, stratum (or "key item"), the few source columns needed to find its evidence — then one
 * column per attribute: an automated attribute's result as tickmark wrote it (✓ / X / N/A, locked)
 * with a yellow override column beside it, a manual attribute as a yellow ✓ / X / N/A cell; then
 * the override reason, the evidence reference and a comment, all yellow. Every other source
 * column, the PRN and the tool's notes are on "Sample detail". X cells light up red, whoever wrote
 * them.
 */
import type { ItemResult, Outcome } from '../../../rules/types.js';
import { valueCell } from '../cells.js';
import { ColumnTable, type TableColumn } from '../column-table.js';
import { areaRef, columnName, SheetBuilder } from '../content.js';
import type { ItemEntry } from '../../../evaluation/entries.js';
import { eachItemResult, type AttributeView, type WorkbookModel } from '../model.js';
import { markOf, MANUAL_CHOICES, TICK } from '../tickmarks.js';
import type { WorkbookSheet } from './sheet.js';

export const TEST_MATRIX = 'Test matrix';
const IDENTITY = ['#', 'Key', 'Stratum'];
const IDENTITY_WIDTHS = [5, 12, 8];
const TOOL_WIDTH = 5;
const OVERRIDE_WIDTH = 8.5;
const MANUAL_WIDTH = 6;
const TRAILING = ['Override reason', 'Evidence reference', 'Comment'];
const TRAILING_WIDTHS = [14, 13, 14];

/** The mark tickmark wrote for an outcome (a 'tick' cell); null when there is none. */
function toolMarkOf(outcome: Outcome | undefined): string | null {
  return outcome ? markOf(outcome.status) : null;
}

/** The column headers of one attribute: its result (and an override beside an automated one). */
export function attributeHeaders(a: AttributeView): string[] {
  return a.mode === 'manual' ? [`${a.attribute} (manual)`] : [a.attribute, `${a.attribute} override`];
}

function sourceWidth(type: string, header: string): number {
  if (type === 'timestamp') return 20; // yyyy-mm-dd hh:mm:ss, or the cell shows ###
  return Math.min(14, Math.max(8, header.length + 2));
}

/** Why items were not applicable and what the exceptions were, grouped by identical text: "A, B N/A: standard change". */
export function itemNotes(result: ItemResult | undefined, attributes: readonly AttributeView[], tested: boolean): string | null {
  if (!tested) return null;
  if (!result) return 'Not tested: the record was not found in the population when the tests ran.';
  // Groups in the order their text first appears: the text, and its attributes' letters.
  const texts: string[] = [];
  const letters: string[] = [];
  const outcomes = result.outcomes;
  for (let i = 0; i < outcomes.length; i++) {
    const o = outcomes[i]!;
    const text = o.status === 'not_applicable' ? `${TICK.notApplicable}: ${o.reason}` : o.status === 'exception' ? `${TICK.exception}: ${o.message}` : null;
    if (text === null) continue;
    const letter = attributes[i]?.attribute ?? String(i + 1);
    const at = texts.indexOf(text);
    if (at < 0) {
      texts.push(text);
      letters.push(letter);
    } else letters[at] += `, ${letter}`;
  }
  if (!texts.length) return null;
  let notes = '';
  for (let g = 0; g < texts.length; g++) notes += `${g ? ' | ' : ''}${letters[g]} ${texts[g]}`;
  return notes;
}

/**
 * `itemNotes` for many items: items whose outcomes give the same texts in the same places share
 * one notes text (made once; the same string each time, so the shared-string table finds it fast).
 */
export function itemNotesOf(attributes: readonly AttributeView[], tested: boolean): (result: ItemResult | undefined) => string | null {
  // Each distinct reason (N/A) or message (exception) numbered; an item's outcomes as those
  // numbers (0: no text), followed down a tree of them to the notes made for the first such item.
  const reasons = new Map<string, number>();
  const messages = new Map<string, number>();
  const root: NotesNode = { next: new Map(), notes: undefined };
  return (result) => {
    if (!tested || !result) return itemNotes(result, attributes, tested);
    const outcomes = result.outcomes;
    let node = root;
    for (let i = 0; i < outcomes.length; i++) {
      const o = outcomes[i]!;
      let id = 0;
      if (o.status === 'not_applicable') {
        let n = reasons.get(o.reason);
        if (n === undefined) reasons.set(o.reason, (n = reasons.size));
        id = 2 * n + 1;
      } else if (o.status === 'exception') {
        let n = messages.get(o.message);
        if (n === undefined) messages.set(o.message, (n = messages.size));
        id = 2 * n + 2;
      }
      let child = node.next.get(id);
      if (child === undefined) node.next.set(id, (child = { next: new Map(), notes: undefined }));
      node = child;
    }
    if (node.notes === undefined) node.notes = itemNotes(result, attributes, tested);
    return node.notes;
  };
}

/** Items' outcome texts so far, position by position, and the notes of the items that end here. */
interface NotesNode {
  next: Map<number, NotesNode>;
  notes: string | null | undefined;
}

/**
 * What the matrix reads of each item, by its index in `model.items`: the team's entries, and per
 * attribute (item by item, attribute by attribute) whether it is marked by hand (a manual
 * attribute, or a rule that left it manual) and else the mark tickmark wrote (null when none).
 */
interface MatrixMarks {
  entries: (ItemEntry | undefined)[];
  byHand: Uint8Array;
  marks: (string | null)[];
}

/** The items' marks, read once, in the order their results lie (`eachItemResult`). */
function matrixMarks(model: WorkbookModel): MatrixMarks {
  const { attributes, items } = model;
  const n = attributes.length;
  const byHand = new Uint8Array(items.length * n);
  const marks = new Array<string | null>(items.length * n).fill(null);
  eachItemResult(model, (result, i) => {
    const outcomes = result?.outcomes;
    for (let k = 0; k < n; k++) {
      const outcome = outcomes?.[k];
      const hand = attributes[k]!.mode === 'manual' || outcome?.status === 'manual';
      byHand[i * n + k] = hand ? 1 : 0;
      marks[i * n + k] = hand ? null : toolMarkOf(outcome);
    }
  });
  return { entries: items.map((item) => model.itemEntries.get(item.order)), byHand, marks };
}

/** The matrix's columns, over the items' indexes. */
function matrixColumns(model: WorkbookModel, { entries, byHand, marks }: MatrixMarks): TableColumn<number>[] {
  const { attributes, items, testColumns, zone } = model;
  const n = attributes.length;
  const ref = (i: number) => ({ order: items[i]!.order, key: items[i]!.key });
  const columns: TableColumn<number>[] = [
    { value: (i) => items[i]!.order },
    { value: (i) => items[i]!.key },
    { value: (i) => (items[i]!.keyItem ? 'key item' : items[i]!.stratum ?? null) },
  ];
  for (const c of testColumns) {
    columns.push({ value: (i) => valueCell(items[i]!, c, zone), textStyle: 'wrap', dateStyle: 'datetime' });
  }
  attributes.forEach((a, k) => {
    if (a.mode === 'manual') {
      columns.push({ value: (i) => entries[i]?.marks[a.attribute] ?? null, style: 'input', entry: (i) => ({ kind: 'mark', attribute: a.attribute, ...ref(i) }) });
      return;
    }
    columns.push({ value: (i) => marks[i * n + k]!, style: 'tick' });
    columns.push({
      value: (i) => (byHand[i * n + k] ? entries[i]?.marks[a.attribute] ?? null : entries[i]?.overrides[a.attribute]?.mark ?? null),
      style: 'input',
      entry: (i) => ({ kind: byHand[i * n + k] ? 'mark' : 'override', attribute: a.attribute, ...ref(i) }),
    });
  });
  columns.push(
    { value: (i) => { const entry = entries[i]; return entry ? Object.values(entry.overrides).find((o) => o.reason)?.reason ?? null : null; }, style: 'inputWrap', entry: (i) => ({ kind: 'overrideReason', ...ref(i) }) },
    { value: (i) => entries[i]?.evidence ?? null, style: 'inputWrap', entry: (i) => ({ kind: 'evidence', ...ref(i) }) },
    { value: (i) => entries[i]?.comment ?? null, style: 'inputWrap', entry: (i) => ({ kind: 'comment', ...ref(i) }) },
  );
  return columns;
}

export const testMatrixSheet: WorkbookSheet = {
  name: TEST_MATRIX,
  build(model) {
    const { attributes, testColumns, zone } = model;
    const tested = !!model.input.tests;
    const widths = [...IDENTITY_WIDTHS, ...testColumns.map((c) => sourceWidth(c.type, c.header))];
    for (const a of attributes) widths.push(...(a.mode === 'manual' ? [MANUAL_WIDTH] : [TOOL_WIDTH, OVERRIDE_WIDTH]));
    widths.push(...TRAILING_WIDTHS);
    const line = widths.reduce((s, w) => s + w, 0);
    const b = new SheetBuilder(TEST_MATRIX, 'visible', line);
    b.title(`Test matrix — ${model.input.control.id}: ${model.items.length} items × ${attributes.length} attributes`);
    b.note(tested
      ? `${attributes.map((a) => `${a.attribute} ${a.name}`).join(' · ')}. ${TICK.pass} no exception · ${TICK.exception} exception · ${TICK.notApplicable} not applicable. ` +
        `Yellow cells are yours: mark each manual attribute from its list; to correct an automated result, pick the mark that counts in its override column and say why under "Override reason" (tickmark's result stays beside it). ` +
        `N/A reasons, every source column and the PRN: "Sample detail". ${model.zoneNote}`
      : `The attributes have not been tested yet. ${model.zoneNote}`);
    const valueHeaders = testColumns.map((c) => (c.type === 'timestamp' ? `${c.header} (${zone})` : c.header));
    const headers = [...IDENTITY, ...valueHeaders, ...attributes.flatMap(attributeHeaders), ...TRAILING];
    const rows = new ColumnTable(model.items.map((_, i) => i), matrixColumns(model, matrixMarks(model)));
    const area = b.table(headers, rows);
    b.mainTable(area, 2);
    const first = IDENTITY.length + testColumns.length + 1;
    if (attributes.length && rows.length) {
      const last = first + attributes.reduce((n, a) => n + (a.mode === 'manual' ? 1 : 2), 0) - 1;
      b.highlight(`${columnName(first)}${area.firstRow}:${columnName(last)}${area.lastRow}`, TICK.exception);
      let column = first;
      for (const a of attributes) {
        if (a.mode === 'manual') {
          b.dropdown(areaRef(area, column), MANUAL_CHOICES, `${a.attribute} ${a.name}: ${MANUAL_CHOICES.join(' / ')}`);
          column += 1;
        } else {
          b.dropdown(areaRef(area, column + 1), MANUAL_CHOICES, `Override of ${a.attribute} (tickmark wrote the mark to its left): the mark that counts, and why under "Override reason"`);
          column += 2;
        }
      }
    }
    const content = b.done();
    content.widths = widths;
    content.printTitleColumns = 2;
    return content;
  },
};
