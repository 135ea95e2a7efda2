/**
 * Sheet 8, "Legend": every tick mark, colour, status and conclusion used in the workbook, the
 * terms a reviewer meets (PRN, selection order, key item, stratum, SHA-256), and the attributes
 * tested with what each requires and its parameters.
 */
import { parametersText } from '../cells.js';
import { SheetBuilder, styled, type Row } from '../content.js';
import { CONCLUSION_WORDS } from '../evaluation.js';
import { TICK } from '../tickmarks.js';
import type { WorkbookSheet } from './sheet.js';

export const legendSheet: WorkbookSheet = {
  name: 'Legend',
  build(model) {
    const b = new SheetBuilder('Legend');
    b.title('Legend');
    b.subtitle('Every mark, colour and status used in this workbook.');
    const rows: Row[] = [
      [styled(TICK.pass, 'tick'), 'Tick mark', styled('Attribute tested: no exception (the item meets the attribute).', 'wrap')],
      [styled(TICK.exception, 'tick'), 'Tick mark', styled('Exception: the item does not meet the attribute. Listed on the Exceptions sheet; the cell is shown in red.', 'wrap')],
      [styled(TICK.notApplicable, 'tick'), 'Tick mark', styled('Not applicable to this item (e.g. a pre-approved standard change); the reason is in the Notes column of the Test matrix.', 'wrap')],
      [styled(null, 'input'), 'Manual attribute / input', styled(`Yellow cell: to be completed by the engagement team. On the Test matrix, choose ${TICK.pass}, ${TICK.exception} or ${TICK.notApplicable} from the drop-down after inspecting the evidence.`, 'wrap')],
      [styled('pass', 'pass'), 'Completeness status', styled('The check found nothing to explain.', 'wrap')],
      [styled('warn', 'warn'), 'Completeness status', styled('The check found something to look at (e.g. a low month, a sequence gap); explain or accept it.', 'wrap')],
      [styled('fail', 'fail'), 'Completeness status', styled('The check found a problem with the population (e.g. rows outside the period, duplicate keys) to resolve before relying on it.', 'wrap')],
      [styled('not run', 'note'), 'Completeness status', styled('The check did not run (no data or no expectation given): it proves nothing.', 'wrap')],
      ...Object.values(CONCLUSION_WORDS).map((w): Row => [styled(w.split(':')[0]!.split(' (')[0]!, 'bold'), 'Evaluation conclusion', styled(w, 'wrap')]),
      ['PRN', 'Term', styled('Permanent random number in [0, 1) of a record, from SHA-256 of the seed and the record key; the Selection sheet shows how to recompute it.', 'wrap')],
      ['Order (#)', 'Term', styled('The draw order of an item: a sample of n is always the first n draws of a larger sample with the same seed.', 'wrap')],
      ['Key item', 'Term', styled('An item taken in full because it matches the key-item condition, not drawn at random.', 'wrap')],
      ['Stratum', 'Term', styled('The period bucket (month or quarter) an item was drawn from in a stratified selection.', 'wrap')],
      ['SHA-256', 'Term', styled('A fingerprint: the population file’s (recompute with sha256sum) and the ordered selection’s (recomputed by tickmark verify).', 'wrap')],
      ['Times', 'Term', styled(model.zoneNote, 'wrap')],
    ];
    const area = b.table(['Mark', 'Kind', 'Meaning'], rows);
    b.leadingTable(area);
    b.section('Attributes tested');
    const attributes = b.table(['Attribute', 'Name', 'Rule', 'Mode', 'What the rule requires', 'Parameters'], model.attributes.map((a) => [
      a.attribute, styled(a.name, 'wrap'), a.rule, a.mode, styled(a.description, 'wrap'), styled(parametersText(a.params) || null, 'wrap'),
    ]));
    b.emptyNote(attributes, '(not tested yet)');
    const content = b.done();
    content.widths = [22, 24, 80, 12, 60, 40];
    return content;
  },
};
