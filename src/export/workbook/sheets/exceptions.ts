/**
 * Sheet 7, "Exceptions": one row per exception the automated tests found — the item (draw order
 * and key), the attribute, what the rule requires, what was observed, the finding — with yellow
 * cells for the write-up: root cause, management's response, isolated or systemic (a drop-down).
 * Below, yellow rows for the exceptions the team adds (an X on a manual attribute, or one the
 * tests could not see): the item's # or key, the attribute letter, a description and the same
 * write-up.
 */
import { observedText } from '../cells.js';
import { areaRef, inputCell, SheetBuilder, styled, type Row } from '../content.js';
import type { WriteUpField } from '../entry-fields.js';
import type { WorkbookModel } from '../model.js';
import type { WorkbookSheet } from './sheet.js';

export const ISOLATED_CHOICES = ['Isolated', 'Systemic'] as const;
/** Free rows for added exceptions, beyond those already entered. */
export const BLANK_ADDED_ROWS = 5;
const WIDTHS = [7, 5, 13, 16, 28, 28, 28, 22, 22, 11];
const WRITE_UP: WriteUpField[] = ['rootCause', 'managementResponse', 'nature'];

const natureWord = (n: 'isolated' | 'systemic' | undefined): string | null => (n === 'isolated' ? 'Isolated' : n === 'systemic' ? 'Systemic' : null);

function writeUpOf(model: WorkbookModel, order: number, attribute: string) {
  return model.entries.writeUps.find((w) => w.order === order && w.attribute === attribute);
}

export const exceptionsSheet: WorkbookSheet = {
  name: 'Exceptions',
  build(model) {
    const b = new SheetBuilder('Exceptions', 'visible', WIDTHS.reduce((a, w) => a + w, 0));
    const tests = model.input.tests;
    const attributes = new Map(model.attributes.map((a) => [a.attribute, a]));
    const orderOf = new Map(model.items.map((i) => [i.record, i.order]));
    b.title(`Exceptions — ${model.input.control.id}`);
    b.note(tests
      ? `${tests.findings.length} exception(s) found by the automated tests. Yellow cells are for the engagement team: write up each exception, and add below every exception the tests did not flag (an X on a manual attribute, or an override to X).`
      : 'The attributes have not been tested yet.');
    const rows: Row[] = (tests?.findings ?? []).map((f, i) => {
      const a = attributes.get(f.attribute);
      const order = (f.record === null ? undefined : orderOf.get(f.record)) ?? 0;
      const w = writeUpOf(model, order, f.attribute);
      const ref = { order, key: f.key, attribute: f.attribute };
      return [
        `EX-${String(i + 1).padStart(2, '0')}`, order, f.key, styled(a ? `${a.attribute} ${a.name}` : f.attribute, 'wrap'), styled(a?.description ?? null, 'wrap'),
        styled(observedText(f.observed), 'wrap'), styled(f.message, 'wrap'),
        ...WRITE_UP.map((field) => inputCell({ kind: 'writeUp', field, ...ref }, field === 'nature' ? natureWord(w?.nature) : w?.[field] ?? null, field === 'nature' ? 'input' : 'inputWrap')),
      ];
    });
    const area = b.table(['Ref', '#', 'Item key', 'Attribute', 'What the rule requires', 'What was observed', 'Finding', 'Root cause', 'Management response', 'Isolated / systemic'], rows);
    b.mainTable(area, 3);
    b.emptyNote(area, '(no exception found by the automated tests)');
    if (rows.length) b.dropdown(areaRef(area, 10), ISOLATED_CHOICES, 'Is the exception isolated or systemic?');

    b.section('Exceptions added by the team');
    b.note('One row per exception: the item (its # or key), the attribute letter, what was found, and the write-up.');
    const added = model.entries.addedExceptions;
    const addedRows: Row[] = [];
    const count = added.length + BLANK_ADDED_ROWS;
    for (let i = 0; i < count; i++) {
      const e = added[i];
      const w = e ? writeUpOf(model, e.order, e.attribute) : undefined;
      const row = i + 1;
      addedRows.push([
        `AX-${String(row).padStart(2, '0')}`, inputCell({ kind: 'added', row, field: 'item' }, e ? e.order : null), null,
        inputCell({ kind: 'added', row, field: 'attribute' }, e?.attribute ?? null),
        inputCell({ kind: 'added', row, field: 'description' }, e?.description ?? null, 'inputWrap'), null, null,
        inputCell({ kind: 'added', row, field: 'rootCause' }, w?.rootCause ?? null, 'inputWrap'),
        inputCell({ kind: 'added', row, field: 'managementResponse' }, w?.managementResponse ?? null, 'inputWrap'),
        inputCell({ kind: 'added', row, field: 'nature' }, natureWord(w?.nature)),
      ]);
    }
    const addedArea = b.table(['Ref', '# or key', '', 'Attribute', 'Description', '', '', 'Root cause', 'Management response', 'Isolated / systemic'], addedRows);
    b.dropdown(areaRef(addedArea, 10), ISOLATED_CHOICES, 'Is the exception isolated or systemic?');
    if (model.attributes.length) b.dropdown(areaRef(addedArea, 4), model.attributes.map((a) => a.attribute), 'The attribute letter (see the Test matrix)');
    const content = b.done();
    content.widths = WIDTHS;
    return content;
  },
};
