/**
 * Sheet 6, "Exceptions": one row per exception the automated tests found — the item, the
 * attribute, what the rule requires (its sentence), what was observed — with yellow columns for
 * the root cause, management's response and whether the exception is isolated or systemic
 * (a drop-down). Exceptions found on manual attributes are added by the auditor below.
 */
import { observedText } from '../cells.js';
import { areaRef, SheetBuilder, styled, type Row } from '../content.js';
import type { WorkbookSheet } from './sheet.js';

export const ISOLATED_CHOICES = ['Isolated', 'Systemic'] as const;
const BLANK_ROWS_FOR_MANUAL = 5;

export const exceptionsSheet: WorkbookSheet = {
  name: 'Exceptions',
  build(model) {
    const b = new SheetBuilder('Exceptions');
    const tests = model.input.tests;
    const attributes = new Map(model.attributes.map((a) => [a.attribute, a]));
    b.title(`Exceptions — ${model.input.control.id}`);
    b.subtitle(tests
      ? `${tests.findings.length} exception(s) found by the automated tests. Add a row for each X ticked on a manual attribute. Yellow columns are for the engagement team.`
      : 'The attributes have not been tested yet.');
    const input = styled(null, 'input');
    const rows: Row[] = (tests?.findings ?? []).map((f, i) => {
      const a = attributes.get(f.attribute);
      return [
        `EX-${String(i + 1).padStart(2, '0')}`, f.key, f.record, f.line, styled(a ? a.label : f.attribute, 'wrap'), f.rule, styled(a?.description ?? null, 'wrap'),
        styled(observedText(f.observed), 'wrap'), styled(f.message, 'wrap'), input, input, input,
      ];
    });
    const first = rows.length;
    for (let i = 0; i < (tests ? BLANK_ROWS_FOR_MANUAL : 0); i++) {
      rows.push([`EX-${String(first + i + 1).padStart(2, '0')}`, input, input, null, input, null, null, input, input, input, input, input]);
    }
    const area = b.table(['Ref', 'Item key', 'Source record', 'Source line', 'Attribute', 'Rule', 'What the rule requires', 'What was observed', 'Finding', 'Root cause', 'Management response', 'Isolated / systemic'], rows);
    b.mainTable(area, 2);
    if (rows.length) b.dropdown(areaRef(area, 12), ISOLATED_CHOICES, 'Is the exception isolated or systemic?');
    const content = b.done();
    content.widths = [8, 16, 10, 8, 28, 28, 40, 40, 40, 28, 28, 16];
    return content;
  },
};
