/**
 * Sheet 8, "Legend": every tick mark, colour, status and conclusion used in the workbook, the
 * terms a reviewer meets (PRN, selection order, key item, stratum, SHA-256), and the attributes
 * tested with what each requires and its parameters.
 */
import { parametersText } from '../cells.js';
import { SheetBuilder, styled, type Row } from '../content.js';
import { CONCLUSION_STATUS_WORDS, RESULT_WORDS } from './evaluation.js';
import { MACHINE_SHEET } from '../machine-copy.js';
import { ACCEPTED_MARKS, TICK } from '../tickmarks.js';
import type { WorkbookSheet } from './sheet.js';

export const legendSheet: WorkbookSheet = {
  name: 'Legend',
  build(model) {
    const b = new SheetBuilder('Legend', 'visible', 150);
    b.title('Legend');
    b.subtitle('Every mark, colour and status used in this workbook.');
    const rows: Row[] = [
      [styled(TICK.pass, 'tick'), 'Tick mark', styled('Attribute tested: no exception (the item meets the attribute).', 'wrap')],
      [styled(TICK.exception, 'tick'), 'Tick mark', styled('Exception: the item does not meet the attribute. Listed on the Exceptions sheet; the cell is shown in red.', 'wrap')],
      [styled(TICK.notApplicable, 'tick'), 'Tick mark', styled('Not applicable to this item (e.g. a pre-approved standard change); the reason is in the Notes column of the Test matrix.', 'wrap')],
      [styled(null, 'plain'), 'Input (yellow)', styled(`Yellow cell: to be completed by the engagement team — the only cells a protected sheet lets you type in. On the Test matrix, choose ${TICK.pass}, ${TICK.exception} or ${TICK.notApplicable} from the drop-down after inspecting the evidence; typed, ${ACCEPTED_MARKS} are read as the same marks.`, 'wrap')],
      [styled('override', 'plain'), 'Test matrix', styled('To correct an automated result, choose the mark that counts in the attribute’s override column and give the reason under "Override reason"; tickmark’s own result stays beside it, and both are shown in the evaluation.', 'wrap')],
      [styled('pass', 'pass'), 'Completeness status', styled('The check found nothing to explain.', 'wrap')],
      [styled('warn', 'warn'), 'Completeness status', styled('The check found something to look at (e.g. a low month, a sequence gap); explain or accept it.', 'wrap')],
      [styled('fail', 'fail'), 'Completeness status', styled('The check found a problem with the population (e.g. rows outside the period, duplicate keys) to resolve before relying on it.', 'wrap')],
      [styled('not run', 'note'), 'Completeness status', styled('The check did not run (no data or no expectation given): it proves nothing.', 'wrap')],
      ...Object.values(RESULT_WORDS).map((w): Row => [styled(w.split(':')[0]!, 'bold'), 'Attribute conclusion', styled(w, 'wrap')]),
      ...Object.values(CONCLUSION_STATUS_WORDS).map((w): Row => [styled(w.split(':')[0]!, 'bold'), 'Control conclusion', styled(w === 'Effective' ? 'Effective: no deviation, and every statistical part within the tolerable rate.' : w, 'wrap')]),
      ['PRN', 'Term', styled('Permanent random number in [0, 1) of a record, from SHA-256 of the seed and the record key; the Selection sheet shows how to recompute it.', 'wrap')],
      ['Order (#)', 'Term', styled('The draw order of an item: a sample of n is always the first n draws of a larger sample with the same seed.', 'wrap')],
      ['Key item', 'Term', styled('An item taken in full because it matches the key-item condition, not drawn at random.', 'wrap')],
      ['Stratum', 'Term', styled('The period bucket (month or quarter) an item was drawn from in a stratified selection.', 'wrap')],
      ['SHA-256', 'Term', styled('A fingerprint: the population file’s (recompute with sha256sum) and the ordered selection’s (recomputed by tickmark verify).', 'wrap')],
      ['Times', 'Term', styled(model.zoneNote, 'wrap')],
    ];
    rows[3] = [styled(null, 'swatch'), ...rows[3]!.slice(1)];
    const area = b.table(['Mark', 'Kind', 'Meaning'], rows);
    b.leadingTable(area);
    b.section('Attributes tested');
    const attributes = b.table(['Attribute', 'Name', 'Rule', 'Mode', 'What the rule requires', 'Parameters'], model.attributes.map((a) => [
      a.attribute, styled(a.name, 'wrap'), a.rule, a.mode, styled(a.description, 'wrap'), styled(parametersText(a.params) || null, 'wrap'),
    ]));
    b.emptyNote(attributes, '(not tested yet)');
    b.section('What tickmark wrote, and how it is guarded');
    for (const line of [
      `A very hidden sheet "${MACHINE_SHEET}" holds a checksummed copy of everything tickmark wrote (the sample, the tests, the evaluation, the workpaper fields and the team's entries it was given). \`tickmark verify WORKBOOK.xlsx POPULATION_FILE\` re-performs the selection and the automated tests from the population file, and compares every cell tickmark wrote on every sheet with that copy: an edited, added or deleted cell is reported as a difference naming the sheet and the cell; what is in the yellow cells is listed as the engagement team's entries.`,
      'Every sheet is protected without a password, so that only the yellow cells can be typed in: a reviewer can remove the protection (Review › Unprotect Sheet in Excel; Tools › Protect Sheet in LibreOffice) — verify still reports any change to what tickmark wrote.',
      'A very hidden sheet does not appear under Unhide; it can be listed with a macro or any XLSX reader (e.g. Python openpyxl: load_workbook(path)["tickmark"]).',
    ]) b.note(line);
    const content = b.done();
    content.widths = [22, 24, 80, 12, 40, 30];
    return content;
  },
};
