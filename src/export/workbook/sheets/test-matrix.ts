/**
 * Sheet 5, "Test matrix": one row per sampled item in selection order (order, key, stratum, PRN,
 * source record and the row's values), one column per attribute with the automated result as a
 * tick mark (✓ / X / N/A), manual attributes as yellow cells with a ✓ / X / N/A drop-down, then an
 * evidence-reference and a comments column for the auditor and the tool's notes (why an item was
 * not applicable, what an exception was). X cells are highlighted by a conditional format, so an
 * X the auditor picks on a manual attribute lights up too.
 */
import type { Outcome } from '../../../rules/types.js';
import { valueCell } from '../cells.js';
import { columnWidths } from '../widths.js';
import { areaRef, columnName, SheetBuilder, styled, type Cell, type Row } from '../content.js';
import type { AttributeView, ItemView } from '../model.js';
import { markOf, MANUAL_CHOICES, TICK } from '../tickmarks.js';
import type { WorkbookSheet } from './sheet.js';

const IDENTITY = ['#', 'Key', 'Stratum', 'Key item', 'PRN', 'PRN hex', 'Source record', 'Source line'];

function markCell(attribute: AttributeView, outcome: Outcome | undefined): Cell {
  if (attribute.mode === 'manual' || outcome?.status === 'manual') return styled(null, 'input');
  if (!outcome) return styled(null, 'tick');
  return styled(markOf(outcome.status), 'tick');
}

/** Why items were not applicable and what the exceptions were, grouped by identical text: "A, B N/A: standard change". */
export function itemNotes(item: ItemView, attributes: readonly AttributeView[], tested: boolean): string | null {
  if (!tested) return null;
  if (!item.result) return 'Not tested: the record was not found in the population when the tests ran.';
  const groups = new Map<string, string[]>();
  item.result.outcomes.forEach((o, i) => {
    const letter = attributes[i]?.attribute ?? String(i + 1);
    const text = o.status === 'not_applicable' ? `${TICK.notApplicable}: ${o.reason}` : o.status === 'exception' ? `${TICK.exception}: ${o.message}` : null;
    if (text) groups.set(text, [...(groups.get(text) ?? []), letter]);
  });
  return groups.size ? [...groups].map(([text, letters]) => `${letters.join(', ')} ${text}`).join(' | ') : null;
}

export const testMatrixSheet: WorkbookSheet = {
  name: 'Test matrix',
  build(model) {
    const { attributes, columns, zone } = model;
    const tested = !!model.input.tests;
    const b = new SheetBuilder('Test matrix');
    b.title(`Test matrix — ${model.input.control.id}: ${model.items.length} items × ${attributes.length} attributes`);
    b.subtitle(tested
      ? `${TICK.pass} tested, no exception · ${TICK.exception} exception (see Exceptions) · ${TICK.notApplicable} not applicable (see Notes) · yellow: manual attribute, choose ${MANUAL_CHOICES.join(' / ')} from the list. ${model.zoneNote}`
      : `The attributes have not been tested yet. ${model.zoneNote}`);
    const valueHeaders = columns.map((c) => (c.type === 'timestamp' ? `${c.header} (${zone})` : c.header));
    const headers = [...IDENTITY, ...valueHeaders, ...attributes.map((a) => a.label), 'Evidence reference', 'Comments', 'Notes (tool)'];
    const rows: Row[] = model.items.map((item) => [
      item.order, item.key, item.stratum ?? null, item.keyItem ? 'yes' : 'no', styled(item.prn, 'prn'), styled(item.prnHex, 'mono'), item.record, item.line,
      ...columns.map((c) => valueCell(item, c, zone)),
      ...attributes.map((a, i) => markCell(a, item.result?.outcomes[i])),
      styled(null, 'input'), styled(null, 'input'), styled(itemNotes(item, attributes, tested), 'wrap'),
    ]);
    const area = b.table(headers, rows);
    b.mainTable(area, 2);
    const firstAttribute = IDENTITY.length + columns.length + 1;
    if (attributes.length && rows.length) {
      const lastAttribute = firstAttribute + attributes.length - 1;
      b.highlight(`${columnName(firstAttribute)}${area.firstRow}:${columnName(lastAttribute)}${area.lastRow}`, TICK.exception);
      attributes.forEach((a, i) => {
        if (a.mode === 'manual') b.dropdown(areaRef(area, firstAttribute + i), MANUAL_CHOICES, `${a.label}: ${MANUAL_CHOICES.join(' / ')}`);
      });
    }
    const content = b.done();
    const widths = columnWidths(content.rows).map((w) => Math.min(w, 30));
    widths[0] = 5;
    for (let i = 0; i < attributes.length; i++) widths[firstAttribute - 1 + i] = 12;
    const last = firstAttribute - 1 + attributes.length;
    widths[last] = 20;
    widths[last + 1] = 30;
    widths[last + 2] = 60;
    content.widths = widths;
    return content;
  },
};
