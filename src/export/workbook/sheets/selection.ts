/**
 * Sheet 4, "Selection": how the sample was sized (basis, rationale, the statistics conventions)
 * and drawn (method, seed, PRN algorithm and how to recompute a PRN by hand, filters, strata and
 * their allocation, key items, the systematic draw), and the manifest: every selected item with
 * its PRN, and the SHA-256 of the ordered selection that `tickmark verify` recomputes.
 */
import { describePrn } from '../../../sampling/prn.js';
import { SheetBuilder, styled, type Row } from '../content.js';
import { wallDate } from '../dates.js';
import type { WorkbookModel } from '../model.js';
import type { WorkbookSheet } from './sheet.js';

const METHOD_WORDS: Record<string, string> = {
  random: 'Simple random: the n eligible records with the smallest PRN',
  systematic: 'Systematic with a random start over the records ordered by event time, key and record',
  stratified: 'Stratified by period: the allocation gives each stratum its seats; each seat takes the stratum’s next-smallest PRN',
  'key-items': 'Key items taken in full, then the rest sampled',
};

function planParameters(model: WorkbookModel): Row[] {
  const p = model.input.sample.plan.parameters as Record<string, unknown>;
  return Object.entries(p).map(([k, v]) => [k, v === null || v === undefined ? null : typeof v === 'boolean' ? (v ? 'yes' : 'no') : typeof v === 'object' ? JSON.stringify(v) : (v as string | number)]);
}

export const selectionSheet: WorkbookSheet = {
  name: 'Selection',
  build(model) {
    const { sample } = model.input;
    const m = sample.manifest;
    const plan = sample.plan;
    const b = new SheetBuilder('Selection');
    b.title(`Selection — ${model.input.control.id}`);
    b.subtitle('Everything needed to re-perform the selection: the population fingerprint, the design, the seed and the algorithm.');
    b.freezeAt(2);

    b.section('Sample size');
    b.pair('Basis', plan.basis);
    b.pair('Sample size (n)', styled(plan.n, 'integer'));
    b.pair('Deviations the plan allows', styled(plan.allowedDeviations, 'integer'));
    b.pair('Rationale', plan.rationale);
    b.add(styled('Statistics conventions', 'label'));
    b.note(plan.conventions);
    for (const row of planParameters(model)) b.pair(`Plan: ${row[0] as string}`, ...row.slice(1));

    b.section('Method');
    b.pair('Method', m.method, METHOD_WORDS[m.method] ?? null);
    b.pair('Seed', m.seed);
    b.pair('PRN algorithm', m.algorithm);
    b.pair('Records considered', styled(m.counts.considered, 'integer'));
    b.pair('Excluded by the filter', styled(m.counts.excludedByFilter, 'integer'));
    b.pair('Excluded by the period', styled(m.counts.excludedByPeriod, 'integer'), `${m.counts.undated} of them without an event time`);
    b.pair('Eligible records', styled(m.eligible, 'integer'));
    b.pair('Items selected', styled(m.selected, 'integer'));
    b.pair('Every eligible record selected', m.allSelected ? 'yes' : 'no');
    if (m.keyItems) b.pair('Key items (taken in full)', m.keyItems.condition, `${m.keyItems.count} items`);
    if (m.systematic) {
      b.pair('Systematic: records ordered', styled(m.systematic.ordered, 'integer'));
      b.pair('Systematic: items drawn', styled(m.systematic.drawn, 'integer'));
      b.pair('Systematic: interval', m.systematic.interval);
      b.pair('Systematic: random start r', m.systematic.start, 'item i (0-based) is at position floor((r + i·N) / drawn) + 1');
    }
    if (m.extendFrom !== undefined) b.pair('Extends an earlier sample of', styled(m.extendFrom, 'integer'), 'items (its items keep their order)');
    b.pair('Design', JSON.stringify(m.design));
    b.pair('Engine', `${m.engine.name} ${m.engine.version}`);
    b.pair('Population SHA-256', styled(m.population.sha256, 'mono'));
    b.pair('Selection SHA-256', styled(m.selectionSha256, 'mono'));
    b.note('The selection SHA-256 is the hash of the ordered item list (order, key, PRN, stratum); `tickmark verify WORKBOOK.xlsx POPULATION_FILE` recomputes it from the population file.');

    b.section('Filters (in the order applied)');
    const filters = b.table(['Filter', 'Applies to', 'Excluded', 'Without an event time'], m.filters.map((f) =>
      f.type === 'condition'
        ? ['condition', f.expression, styled(f.excluded, 'integer'), null]
        : ['in period', `${f.field} in ${f.period.start} to ${f.period.end} (${f.period.timeZone})`, styled(f.excluded, 'integer'), styled(f.undated, 'integer')]));
    b.emptyNote(filters, '(no filter: every record was eligible)');

    b.section('Strata and allocation');
    const stratify = m.design.stratify;
    if (stratify) b.pair('Strata', `by ${stratify.by} in ${stratify.timeZone}, ${stratify.allocation} allocation`);
    const strata = b.table(['Stratum', 'Eligible', 'Allocated', 'Selected'], (m.strata ?? []).map((s) => [s.id, styled(s.population, 'integer'), styled(s.allocated, 'integer'), styled(s.selected, 'integer')]));
    b.emptyNote(strata, '(not stratified)');

    b.section('How to recompute a PRN');
    b.code(describePrn());

    b.section('Manifest: the selected items in draw order');
    const eventHeader = `Event time (${model.zone})`;
    const items = b.table(['Order', 'Key', 'PRN hex', 'PRN', 'Stratum', 'Source record', 'Source line', eventHeader, 'Key item', 'Added by extension'],
      model.items.map((i) => [
        i.order, i.key, styled(i.prnHex, 'mono'), styled(i.prn, 'prn'), i.stratum ?? null, i.record, i.line,
        wallDate(i.eventTime, model.zone), i.keyItem ? 'yes' : 'no', i.addedByExtension ? 'yes' : 'no',
      ]));
    b.filter(items);
    b.note(model.zoneNote);
    const content = b.done();
    content.widths = [34, 26, 16, 19, 10, 14, 12, 21, 10, 18];
    return content;
  },
};
