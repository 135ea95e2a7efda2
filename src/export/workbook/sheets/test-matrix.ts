/**
 * Sheet 5, "Test matrix": the tester's view. One row per sampled item in draw order — its number,
 * key, stratum (or "key item"), the few source columns needed to find its evidence — then one
 * column per attribute: an automated attribute's result as tickmark wrote it (✓ / X / N/A, locked)
 * with a yellow override column beside it, a manual attribute as a yellow ✓ / X / N/A cell; then
 * the override reason, the evidence reference and a comment, all yellow. Every other source
 * column, the PRN and the tool's notes are on "Sample detail". X cells light up red, whoever wrote
 * them.
 */
import type { Outcome } from '../../../rules/types.js';
import { valueCell } from '../cells.js';
import { ColumnTable, type TableColumn } from '../column-table.js';
import { areaRef, columnName, SheetBuilder } from '../content.js';
import type { ItemEntry } from '../../../evaluation/entries.js';
import type { AttributeView, ItemView, WorkbookModel } from '../model.js';
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
export function itemNotes(item: ItemView, attributes: readonly AttributeView[], tested: boolean): string | null {
  if (!tested) return null;
  if (!item.result) return 'Not tested: the record was not found in the population when the tests ran.';
  // Groups in the order their text first appears: the text, and its attributes' letters.
  const texts: string[] = [];
  const letters: string[] = [];
  const outcomes = item.result.outcomes;
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
export function itemNotesOf(attributes: readonly AttributeView[], tested: boolean): (item: ItemView) => string | null {
  // Each distinct reason (N/A) or message (exception) numbered; an item's outcomes as those
  // numbers (0: no text), followed down a tree of them to the notes made for the first such item.
  const reasons = new Map<string, number>();
  const messages = new Map<string, number>();
  const root: NotesNode = { next: new Map(), notes: undefined };
  return (item) => {
    if (!tested || !item.result) return itemNotes(item, attributes, tested);
    const outcomes = item.result.outcomes;
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
    if (node.notes === undefined) node.notes = itemNotes(item, attributes, tested);
    return node.notes;
  };
}

/** Items' outcome texts so far, position by position, and the notes of the items that end here. */
interface NotesNode {
  next: Map<number, NotesNode>;
  notes: string | null | undefined;
}

/** An item of the matrix: the item and the team's entries for it. */
interface MatrixItem {
  item: ItemView;
  entry: ItemEntry | undefined;
  /** Per attribute: marked by hand (a manual attribute, or a rule that left it manual), else the mark tickmark wrote (null when none). */
  byHand: boolean[];
  marks: (string | null)[];
}

/** An item of the matrix, its attributes' marks read once. */
function matrixItem(item: ItemView, entry: ItemEntry | undefined, attributes: readonly AttributeView[]): MatrixItem {
  const byHand = new Array<boolean>(attributes.length);
  const marks = new Array<string | null>(attributes.length);
  const outcomes = item.result?.outcomes;
  for (let i = 0; i < attributes.length; i++) {
    const outcome = outcomes?.[i];
    byHand[i] = attributes[i]!.mode === 'manual' || outcome?.status === 'manual';
    marks[i] = byHand[i] ? null : toolMarkOf(outcome);
  }
  return { item, entry, byHand, marks };
}


function matrixColumns(model: WorkbookModel): TableColumn<MatrixItem>[] {
  const { attributes, testColumns, zone } = model;
  const ref = (item: ItemView) => ({ order: item.order, key: item.key });
  const columns: TableColumn<MatrixItem>[] = [
    { value: ({ item }) => item.order },
    { value: ({ item }) => item.key },
    { value: ({ item }) => (item.keyItem ? 'key item' : item.stratum ?? null) },
  ];
  for (const c of testColumns) {
    columns.push({ value: ({ item }) => valueCell(item, c, zone), textStyle: 'wrap', dateStyle: 'datetime' });
  }
  attributes.forEach((a, i) => {
    if (a.mode === 'manual') {
      columns.push({ value: ({ entry }) => entry?.marks[a.attribute] ?? null, style: 'input', entry: ({ item }) => ({ kind: 'mark', attribute: a.attribute, ...ref(item) }) });
      return;
    }
    columns.push({ value: ({ marks }) => marks[i]!, style: 'tick' });
    columns.push({
      value: ({ entry, byHand }) => (byHand[i] ? entry?.marks[a.attribute] ?? null : entry?.overrides[a.attribute]?.mark ?? null),
      style: 'input',
      entry: ({ item, byHand }) => ({ kind: byHand[i] ? 'mark' : 'override', attribute: a.attribute, ...ref(item) }),
    });
  });
  columns.push(
    { value: ({ entry }) => (entry ? Object.values(entry.overrides).find((o) => o.reason)?.reason ?? null : null), style: 'inputWrap', entry: ({ item }) => ({ kind: 'overrideReason', ...ref(item) }) },
    { value: ({ entry }) => entry?.evidence ?? null, style: 'inputWrap', entry: ({ item }) => ({ kind: 'evidence', ...ref(item) }) },
    { value: ({ entry }) => entry?.comment ?? null, style: 'inputWrap', entry: ({ item }) => ({ kind: 'comment', ...ref(item) }) },
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
    const rows = new ColumnTable(model.items.map((item) => matrixItem(item, model.itemEntries.get(item.order), attributes)), matrixColumns(model));
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
