/**
 * The streamed generator: a population of any size as CSV text chunks of about 64 KiB, with flat
 * memory (only the layout — O(days + defects) — and one chunk are held), and its manifest once the
 * last chunk is out. Same options → byte-identical text.
 *
 * @example
 * const population = generatePopulation({ kind: 'change', rows: 1_000_000, seed: 7 })
 * for await (const text of population) process.stdout.write(text)
 * population.manifest.totals.dataRows // 1000000
 */
import { tickmarkError } from '../errors.js';
import { KEY_SEPARATOR } from '../population/key.js';
import { cellQuoter } from './csv-cell.js';
import { deviations as allDeviations, kindDefects, type Deviation, type PassingVariant } from './defects.js';
import { modelOf } from './kinds/index.js';
import type { KindModel } from './kinds/model.js';
import { planLayout, type Layout } from './layout.js';
import type { BlankCell, PopulationManifest, SequenceGap } from './manifest.js';
import { resolveOptions, type GenerateOptions, type ResolvedOptions } from './options.js';
import { randomStream } from './rng.js';
import { DAY, HOUR, SECOND, dayStart, isoDay, localDayOf, timestampWriter } from './time.js';
import { jiraColumns, jiraValues, scriptNames, secondLines, westernTails } from './vocabulary.js';

/**
 * Target size of one text chunk. Kept small (64 KiB) on purpose: the text is built by string
 * concatenation, and a chunk that stays alive across young-generation collections gets promoted
 * and then costs far more to collect than to build; writers batch chunks into ~1 MB writes.
 */
export const CHUNK_CHARS = 1 << 16;

export interface GeneratedPopulation extends AsyncIterable<string> {
  /** Throws TM_ERR_USAGE until every chunk has been read. */
  readonly manifest: PopulationManifest;
  /** The checked options. */
  readonly options: ResolvedOptions;
}

export function generatePopulation(options: GenerateOptions): GeneratedPopulation {
  const resolved = resolveOptions(options);
  const model = modelOf(resolved.kind);
  const layout = planLayout(resolved, model, randomStream(resolved.seed, 'layout'));
  let manifest: PopulationManifest | undefined;
  return {
    options: resolved,
    get manifest(): PopulationManifest {
      if (!manifest) throw tickmarkError('TM_ERR_USAGE', { message: 'the manifest of a generated population is ready once every chunk has been read' });
      return manifest;
    },
    async *[Symbol.asyncIterator]() {
      yield* populationText(resolved, model, layout, (m) => (manifest = m));
    },
  };
}

/** Sorted whole-second instants: `count` in [from, to), busier in working hours when `workHours`. */
function instants(rand: ReturnType<typeof randomStream>, count: number, from: number, to: number, workHours: boolean): Float64Array {
  const out = new Float64Array(count);
  const span = to - from;
  for (let i = 0; i < count; i++) {
    const offset = workHours && span > 20 * HOUR && rand.next() < 0.75 ? rand.between(8 * HOUR, 19 * HOUR) : rand.between(0, span);
    out[i] = from + Math.floor(offset / SECOND) * SECOND;
  }
  return out.sort();
}

/** The synchronous core: yields the header and the records in chunks, then reports the manifest. */
export function* populationText(opts: ResolvedOptions, model: KindModel, layout: Layout, done: (m: PopulationManifest) => void): Generator<string> {
  const zone = opts.period.timeZone;
  const d = opts.defects;
  const ts = timestampWriter(opts.timestampFormat, zone);
  const quote = opts.quoting === 'all' ? quoteAll : cellQuoter(opts.delimiter);
  const shape = randomStream(opts.seed, 'shape');
  const times = randomStream(opts.seed, 'times');
  const format = randomStream(opts.seed, 'format');
  const eol = opts.lineEnding;
  const delim = opts.delimiter;

  const maxNumber = opts.rows + d.sequenceGaps * d.sequenceGapLength[1] + 1;
  const width = Math.max(7, String(maxNumber).length);
  const keyText = (n: number) => model.prefix + String(n).padStart(width, '0');

  const own = model.columns.length;
  const headers = [...model.columns.map((c) => c.header), ...Array.from({ length: opts.extraColumns }, (_, k) => jiraColumns[k % jiraColumns.length]!)];
  const col = (field: string) => model.columns.findIndex((c) => c.field === field);
  const keyCols = model.keyFields.map(col);
  const eventCol = col(model.eventField);
  const isText = [...model.columns.map((c) => c.text === true), ...Array.from({ length: opts.extraColumns }, () => true)];
  const quoteEvery = opts.quoting === 'all';
  const tails = opts.nonAsciiText === 'scripts' ? scriptNames.map((n) => ` — ${n}`) : opts.nonAsciiText === 'western' ? westernTails : null;
  /** The shape options' part of a row: non-ASCII endings on its free text, then the extra columns. */
  const shaped = (cells: string[]): string[] => {
    if (tails) for (let i = 0; i < own; i++) if (isText[i] && cells[i] !== '') cells[i] += shape.pick(tails);
    for (let k = 0; k < opts.extraColumns; k++) cells.push(shape.next() < 0.3 ? '' : shape.pick(jiraValues));
    return cells;
  };
  const newlineCol = headers.indexOf(model.newlineColumn);
  const amountCol = model.amountColumn ? headers.indexOf(model.amountColumn) : -1;

  // Numbering, with gaps applied lazily so a gap only opens between two in-period rows.
  let lastNumber = 0;
  let pendingGap = 0;
  let inPeriodPhase = false;
  const gaps: SequenceGap[] = [];
  const nextNumber = (): number => {
    if (pendingGap > 0 && inPeriodPhase) {
      gaps.push({ prefix: model.prefix, from: lastNumber + 1, to: lastNumber + pendingGap, missing: pendingGap, before: keyText(lastNumber), after: keyText(lastNumber + pendingGap + 1) });
      lastNumber += pendingGap;
    }
    pendingGap = 0;
    return ++lastNumber;
  };
  const maker = model.create({
    rand: randomStream(opts.seed, 'content'),
    deviationRand: randomStream(opts.seed, 'deviations'),
    ts,
    timeZone: zone,
    nextNumber,
    keyText,
  });

  // Manifest lists and totals.
  const before: string[] = [];
  const after: string[] = [];
  const deviationKeys: Partial<Record<Deviation, string[]>> = {};
  for (const v of kindDefects[opts.kind].deviations) deviationKeys[v] = [];
  const passingKeys: Partial<Record<PassingVariant, string[]>> = {};
  for (const v of kindDefects[opts.kind].passing) passingKeys[v] = [];
  const duplicateKeys: string[] = [];
  const duplicateRows: string[] = [];
  const blankRequired: BlankCell[] = [];
  let record = 0;
  let inPeriodRows = 0;
  let blankEventTimeRows = 0;
  let blankKeyRows = 0;
  let keyedRows = 0;
  let recordsWithNewlines = 0;
  let recordsQuoted = 0;
  let embeddedNewlines = 0;
  let amountCents = 0;

  const keyOf = (cells: string[]): string | null => {
    let key = '';
    for (let i = 0; i < keyCols.length; i++) {
      const v = cells[keyCols[i]!]!;
      if (v === '') return null;
      key = i === 0 ? v : key + KEY_SEPARATOR + v;
    }
    return key;
  };

  interface Rendered { text: string; quoted: boolean; newlines: number }
  /** One record's text: text cells quoted when they need it. */
  const render = (cells: string[]): Rendered => {
    let text = '';
    let quoted = false;
    let newlines = 0;
    for (let i = 0; i < cells.length; i++) {
      let cell = cells[i]!;
      if (isText[i] || quoteEvery) {
        const q = quote(cell);
        if (q !== cell) {
          quoted = true;
          for (let p = cell.indexOf('\n'); p !== -1; p = cell.indexOf('\n', p + 1)) newlines++;
          cell = q;
        }
      }
      text = i === 0 ? cell : text + delim + cell;
    }
    return { text: text + eol, quoted, newlines };
  };
  /** Counts a record as written and returns its text. */
  const emit = (r: Rendered, cells: string[]): string => {
    record++;
    if (r.quoted) recordsQuoted++;
    if (r.newlines > 0) recordsWithNewlines++;
    embeddedNewlines += r.newlines;
    if (amountCol >= 0 && cells[amountCol] !== '') amountCents += Math.round(Number(cells[amountCol]) * 100);
    return r.text;
  };
  const maybeNewline = (cells: string[]) => {
    if (opts.quotedNewlineRate > 0 && format.next() < opts.quotedNewlineRate) cells[newlineCol] += '\n' + format.pick(secondLines);
  };

  let buf = (opts.bom ? '\ufeff' : '') + headers.map(quote).join(delim) + eol;

  // Rows before the period.
  const periodStart = opts.period.startMs;
  const periodEnd = opts.period.endExclusiveMs;
  const outside = (list: string[], at: Float64Array) => {
    for (const t of at) {
      const cells = shaped(maker.row({ at: t, day: localDayOf(t, zone), number: model.numbering === 'row' ? nextNumber() : 0, variant: null }));
      maybeNewline(cells);
      list.push(keyOf(cells)!);
      keyedRows++;
      buf += emit(render(cells), cells);
    }
  };
  outside(before, instants(times, layout.before, periodStart - 30 * DAY, periodStart, false));

  // In-period rows, day by day.
  inPeriodPhase = true;
  let j = 0;
  for (let i = 0; i < layout.dayCounts.length; i++) {
    const n = layout.dayCounts[i]!;
    if (n === 0) continue;
    const day = layout.firstDay + i;
    const from = dayStart(day, zone);
    const at = instants(times, n, from, dayStart(day + 1, zone), true);
    for (let k = 0; k < n; k++, j++) {
      const a = layout.assignments.get(j);
      const blankField = a?.type === 'blank' ? a.field : null;
      const blanksKey = blankField !== null && model.keyFields.includes(blankField);
      const number = model.numbering === 'row' && !blanksKey ? nextNumber() : 0;
      const cells = shaped(maker.row({ at: at[k]!, day, number, variant: a?.type === 'variant' ? a.variant : null }));
      maybeNewline(cells);
      if (blankField !== null) {
        const c = col(blankField);
        cells[c] = '';
        blankRequired.push({ record: record + 1, key: keyOf(cells), field: blankField, header: headers[c]! });
      }
      const key = keyOf(cells);
      if (key === null) blankKeyRows++;
      else keyedRows++;
      if (cells[eventCol] === '') blankEventTimeRows++;
      else inPeriodRows++;
      if (a?.type === 'variant') {
        const list = (allDeviations as readonly string[]).includes(a.variant) ? deviationKeys[a.variant as Deviation] : passingKeys[a.variant as PassingVariant];
        list!.push(key!);
      }
      const rendered = render(cells);
      buf += emit(rendered, cells);
      if (a?.type === 'duplicateRow') {
        duplicateRows.push(key!);
        keyedRows++;
        inPeriodRows++;
        buf += emit(rendered, cells);
      } else if (a?.type === 'duplicateKey') {
        duplicateKeys.push(key!);
        const twin = cells.slice();
        maker.vary(twin);
        keyedRows++;
        inPeriodRows++;
        buf += emit(render(twin), twin);
      }
      const gap = layout.gapsAfter.get(j);
      if (gap !== undefined) pendingGap = gap;
      if (buf.length >= CHUNK_CHARS) {
        yield buf;
        buf = '';
      }
    }
  }
  inPeriodPhase = false;
  pendingGap = 0;

  outside(after, instants(times, layout.after, periodEnd, periodEnd + 30 * DAY, false));
  if (buf.length > 0) yield buf;

  const listed = before.length + after.length + blankRequired.length + 2 * (duplicateRows.length + duplicateKeys.length) +
    Object.values(deviationKeys).reduce((s, l) => s + l!.length, 0) + Object.values(passingKeys).reduce((s, l) => s + l!.length, 0);
  const mapping: Record<string, string> = {};
  for (const c of model.columns) if (c.field) mapping[c.field] = c.header;
  done({
    generator: { name: 'tickmark-synthetic', version: 1 },
    kind: opts.kind,
    seed: opts.seed,
    period: { start: opts.period.start, end: opts.period.end, timeZone: zone },
    format: {
      encoding: opts.encoding, bom: opts.bom, delimiter: delim, lineEnding: eol, timestampFormat: opts.timestampFormat, quotedNewlineRate: opts.quotedNewlineRate,
      ...(opts.quoting !== 'needed' ? { quoting: opts.quoting } : {}),
      ...(opts.extraColumns ? { extraColumns: opts.extraColumns } : {}),
      ...(opts.nonAsciiText !== 'none' ? { nonAsciiText: opts.nonAsciiText } : {}),
    },
    headers,
    mapping,
    key: { fields: model.keyFields, headers: keyCols.map((c) => headers[c]!), separator: KEY_SEPARATOR },
    eventTime: { field: model.eventField, header: headers[eventCol]! },
    sequence: model.numbering === 'row' ? { prefix: model.prefix, width, first: lastNumber > 0 ? 1 : 0, last: lastNumber } : null,
    parameters: model.parameters,
    requested: { rows: opts.rows, defects: d },
    totals: {
      dataRows: record,
      inPeriodRows,
      outOfPeriodRows: before.length + after.length,
      blankEventTimeRows,
      blankKeyRows,
      distinctKeys: keyedRows - duplicateRows.length - duplicateKeys.length,
      cleanRows: record - listed,
      listedRows: listed,
      recordsWithNewlines,
      recordsQuoted,
      physicalLines: 1 + record + embeddedNewlines,
    },
    coverage: { everyDayCovered: layout.covered },
    defects: {
      outOfPeriod: { before, after },
      emptyRanges: layout.emptyRanges.map((r) => ({ from: isoDay(r.from), to: isoDay(r.to), days: r.to - r.from + 1 })),
      sequenceGaps: gaps,
      duplicateKeys,
      duplicateRows,
      blankRequired,
      deviations: deviationKeys,
    },
    passing: passingKeys,
    ...(amountCol >= 0 ? { controlTotals: { amount: { header: headers[amountCol]!, sum: centsText(amountCents) } } } : {}),
  });
}

/** A cell in double quotes, its quotes doubled (`quoting: 'all'`). */
function quoteAll(cell: string): string {
  return `"${cell.replace(/"/g, '""')}"`;
}

function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
