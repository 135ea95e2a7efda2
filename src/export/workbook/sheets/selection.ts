/**
 * Sheet 4, "Selection": how the sample was sized (basis, rationale, the statistics conventions)
 * and drawn (method, seed, PRN algorithm and how to recompute a PRN by hand, filters, strata and
 * their allocation, key items, the systematic draw), and the manifest: every selected item with
 * its PRN, and the SHA-256 of the ordered selection that `tickmark verify` recomputes.
 */
import { describePrn } from '../../../sampling/prn.js';
import { ColumnTable } from '../column-table.js';
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

/** Plain words for the plan's parameters (never the internal names). */
const PARAMETER_WORDS: Record<string, string> = {
  confidence: 'Confidence',
  riskOfOverreliance: 'Risk of overreliance (1 − confidence)',
  tolerable: 'Tolerable deviation rate',
  expected: 'Expected deviation rate',
  expectedCount: 'Expected deviations (count)',
  population: 'Population size used (N)',
  intolerableDeviations: 'Intolerable deviations in the population (ceil(TDR·N))',
  computedSize: 'Size the distribution gave',
  allTested: 'Every item tested',
  frequency: 'Control frequency',
  risk: 'Risk (picks the low or high end of the range)',
  range: 'Range of the frequency table',
  tableSize: 'Size from the table',
  requested: 'Size requested',
};

const RATES = new Set(['confidence', 'riskOfOverreliance', 'tolerable', 'expected']);

function planParameters(model: WorkbookModel): Row[] {
  const p = model.input.sample.plan.parameters as Record<string, unknown>;
  return Object.entries(p).filter(([, v]) => v !== null && v !== undefined).map(([k, v]): Row => [
    PARAMETER_WORDS[k] ?? k,
    typeof v === 'boolean' ? (v ? 'yes' : 'no') : Array.isArray(v) ? v.join('–') : typeof v === 'number' && RATES.has(k) ? styled(v, 'percent') : typeof v === 'object' ? JSON.stringify(v) : (v as string | number),
  ]);
}

/** The selection design in words, one line each. */
function designLines(model: WorkbookModel): [string, string][] {
  const d = model.input.sample.manifest.design;
  const lines: [string, string][] = [['Sample size asked for (n)', String(d.n)]];
  if (d.key.length) lines.push(['Record key fields', d.key.join(', ')]);
  else lines.push(['Record key', 'content key (no key field): "#" + SHA-256 of the row\'s cells']);
  if (d.eventTime) lines.push(['Event time field', d.eventTime]);
  if (d.period) lines.push(['Eligible period', `${d.period.start} to ${d.period.end} (${d.period.timeZone})`]);
  if (d.filter) lines.push(['Filter', d.filter]);
  if (d.stratify) lines.push(['Strata', `by ${d.stratify.by} in ${d.stratify.timeZone}, ${d.stratify.allocation} allocation`]);
  if (d.keyItems) lines.push(['Key items', `${d.keyItems.condition}, the rest ${d.keyItems.rest}`]);
  return lines;
}

export const selectionSheet: WorkbookSheet = {
  name: 'Selection',
  build(model) {
    const { sample } = model.input;
    const m = sample.manifest;
    const plan = sample.plan;
    const b = new SheetBuilder('Selection', 'visible', 120);
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
    for (const row of planParameters(model)) b.pair(row[0] as string, ...row.slice(1));

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
    for (const [label, value] of designLines(model)) b.pair(label, styled(value, 'wrap'));
    b.pair('Engine', `${m.engine.name} ${m.engine.version}`);
    b.pair('Population SHA-256', styled(m.population.sha256, 'mono'));
    b.pair('Selection SHA-256', styled(m.selectionSha256, 'mono'));
    b.note('The selection SHA-256 is the fingerprint of the ordered item list; `tickmark verify WORKBOOK.xlsx POPULATION_FILE` recomputes it from the population file, and so can anyone (below).');

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

    b.section('How to recompute the selection SHA-256');
    b.code([
      'One line per item of the manifest below, in draw order (Order 1, 2, 3 …), each ending with a line feed (LF, byte 0x0A):',
      '  ORDER <TAB> KEY <TAB> PRNHEX <TAB> STRATUM <LF>',
      'ORDER in decimal; KEY the record key; PRNHEX the 13 lower-case hex digits; STRATUM the stratum id, or nothing.',
      'In KEY and STRATUM a backslash is written \\\\, a tab \\t, a line feed \\n, a carriage return \\r. UTF-8, no header line.',
      'The SHA-256 of that text, in lower-case hex, is the Selection SHA-256 above. In a shell, from a CSV (no header) of the columns Order, Key, PRN hex, Stratum:',
      "  awk -F, '{printf \"%s\\t%s\\t%s\\t%s\\n\", $1, $2, $3, $4}' items.csv | sha256sum",
      'or in Python:',
      "  python3 -c 'import csv,hashlib,sys; print(hashlib.sha256(\"\".join(\"\\t\".join(r[:4])+\"\\n\" for r in csv.reader(open(sys.argv[1]))).encode()).hexdigest())' items.csv",
    ].join('\n'));

    b.section('Manifest: the selected items in draw order');
    const eventHeader = `Event time (${model.zone})`;
    const items = b.table(['Order', 'Key', 'PRN hex', 'PRN', 'Stratum', 'Source record', 'Source line', eventHeader, 'Key item', 'Added by extension'],
      new ColumnTable(model.items, [
        { value: (i) => i.order },
        { value: (i) => i.key },
        { value: (i) => i.prnHex, style: 'mono' },
        { value: (i) => i.prn, style: 'prn' },
        { value: (i) => i.stratum ?? null },
        { value: (i) => i.record },
        { value: (i) => i.line },
        { value: (i) => wallDate(i.eventTime, model.zone) },
        { value: (i) => (i.keyItem ? 'yes' : 'no') },
        { value: (i) => (i.addedByExtension ? 'yes' : 'no') },
      ]));
    b.filter(items);
    b.printHeader(items); // a long manifest continues under its header on every page
    b.note(model.zoneNote);
    const content = b.done();
    content.widths = [34, 26, 16, 19, 10, 14, 12, 21, 10, 18];
    return content;
  },
};
