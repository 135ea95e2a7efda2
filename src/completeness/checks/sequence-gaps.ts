/**
 * sequence_gaps: the numeric part of each key is its trailing run of digits (CHG0001234 → prefix
 * "CHG", number 1234; INC-2025-0042 → prefix "INC-2025-", 42), and each prefix is its own
 * sequence. Gaps are reported *within the observed set* — between the lowest and highest number
 * seen — as ranges {prefix, from, to, count}, never one entry per missing number, so a huge
 * jump costs nothing. When the numbering restarts (e.g. every January) set
 * `sequenceRestart: 'yearly'`: sequences are then taken per prefix and local year of the event
 * time. Numbers seen twice are counted as `repeated` (a restart, or duplicate keys). Keys with no
 * trailing digits (or more than 15) are counted aside. Gaps warn: the client explains them
 * (cancelled tickets, a shared sequence), the auditor decides.
 * The partial holds, per sequence, one Float64Array of numbers per chunk; finish joins and sorts.
 *
 * @example
 * // CHG0001, CHG0002, CHG0005 → gaps [{ prefix: 'CHG', from: 3, to: 4, count: 2, fromKey: 'CHG0003', toKey: 'CHG0004' }]
 */
import type { PopulationChunk } from '../../population/types.js';
import { notRun, type CompletenessCheck } from '../check.js';
import type { CheckContext } from '../context.js';
import { headerOf } from '../params.js';
import { cappedRows, finishCapped, mergeCapped, offer, type CappedRows } from '../support/capped.js';
import { keyReader, timestampColumn } from '../support/columns.js';
import { Float64Builder, joinFloat64, sortWholeNumbers } from '../support/parts.js';
import { DAY_MS, yearOfDay } from '../support/period-days.js';
import { digitsAt, trailingDigitsStart } from '../../kernels/integer.js';
import { trimEnd, trimStart } from '../../kernels/trim.js';
import { unitsToString, type TextUnits, type Units } from '../../kernels/units.js';
import { columnsOf, type TextVector } from '../../population/vectors.js';
import { utcToZoned } from '../../time/zone.js';
import type { GapRange, Listing, RowRef, SequenceGapsResult, SequenceGroup } from '../types.js';

export interface SequencePart {
  prefix: string;
  year: number | null;
  /** Numbers seen, one array per chunk (unsorted). */
  parts: Float64Array[];
  /** Widest zero-padded digit run seen (for writing keys back), 0 when none was padded. */
  pad: number;
}

export interface SequenceGapsPartial {
  numericKeys: number;
  blank: number;
  /** By prefix + U+001F + year. */
  groups: Map<string, SequencePart>;
  nonNumeric: CappedRows<RowRef>;
}

const MAX_DIGITS = 15;

/** The key field's text: the typed string, or the source cells of a field typed otherwise. */
function sequenceValues(chunk: PopulationChunk, ctx: CheckContext, field: string): TextVector | undefined {
  const columns = columnsOf(chunk);
  const typed = columns.field(field);
  if (typed?.kind === 'text') return typed;
  const header = headerOf(ctx.meta, field);
  return header == null ? undefined : columns.source(header);
}

/** Number builders by sequence (prefix and year), remembering the last one: keys come in runs. */
class Sequences {
  readonly builders = new Map<string, { prefix: string; year: number | null; numbers: Float64Builder; pad: number }>();
  prefix = '';
  private year: number | null = null;
  private last: { numbers: Float64Builder; pad: number } | null = null;

  /** Whether a key with a prefix of this length and this year may be the last sequence's (the caller compares the text). */
  maybeLast(prefixLength: number, year: number | null): boolean {
    return this.last !== null && prefixLength === this.prefix.length && year === this.year;
  }

  switchTo(prefix: string, year: number | null): void {
    this.prefix = prefix;
    this.year = year;
    const id = `${prefix}\u001f${year ?? ''}`;
    let b = this.builders.get(id);
    if (!b) this.builders.set(id, (b = { prefix, year, numbers: new Float64Builder(), pad: 0 }));
    this.last = b;
  }

  /** `n` into the last sequence; `padded` = the digit count when the run starts with a 0 (else 0). */
  push(n: number, padded: number): void {
    const last = this.last!;
    last.numbers.push(n);
    if (padded > last.pad) last.pad = padded;
  }
}

/**
 * Every row's key: trimmed, split into its prefix and trailing digits and parsed from its code
 * units, with no string per row (a string only when a sequence's prefix changes, or for a key
 * listed as non-numeric).
 */
function addKeys(cells: TextUnits, years: (i: number) => number | null, seq: Sequences, out: SequenceGapsPartial, chunk: PopulationChunk, ctx: CheckContext, key: (i: number) => string | null): void {
  const { units, start, end, valid } = cells;
  for (let i = 0; i < chunk.rows; i++) {
    if (!valid[i]) { out.blank++; continue; }
    const a = trimStart(units, start[i]!, end[i]!);
    const b = trimEnd(units, a, end[i]!);
    if (a === b) { out.blank++; continue; }
    const j = trailingDigitsStart(units, a, b);
    const digits = b - j;
    if (digits === 0 || digits > MAX_DIGITS) {
      offer(out.nonNumeric, chunk.record[i]!, ctx.cap, () => ({ record: chunk.record[i]!, line: chunk.line[i]!, key: key(i) ?? unitsToString(units, a, b) }));
      continue;
    }
    const n = digitsAt(units, j, digits, b);
    const year = years(i);
    if (!seq.maybeLast(j - a, year) || !startsWith(units, a, seq.prefix)) seq.switchTo(unitsToString(units, a, j), year);
    seq.push(n, digits > 1 && units[j] === 48 ? digits : 0);
    out.numericKeys++;
  }
}

function startsWith(units: Units, at: number, prefix: string): boolean {
  for (let k = 0; k < prefix.length; k++) if (units[at + k] !== prefix.charCodeAt(k)) return false;
  return true;
}

function map(chunk: PopulationChunk, ctx: CheckContext): SequenceGapsPartial {
  const out: SequenceGapsPartial = { numericKeys: 0, blank: 0, groups: new Map(), nonNumeric: cappedRows() };
  const field = ctx.params.sequenceField;
  if (!field) return out;
  const yearly = ctx.params.sequenceRestart === 'yearly';
  const times = yearly ? timestampColumn(chunk, ctx.event?.field ?? null) : undefined;
  const zone = ctx.period.timeZone;
  const years = times
    ? (i: number): number | null => {
      const t = times[i]!;
      return t === t ? yearOfDay(Math.floor(utcToZoned(t, zone) / DAY_MS)) : null;
    }
    : () => null;
  const seq = new Sequences();
  const key = keyReader(chunk, ctx.keyFields);
  const values = sequenceValues(chunk, ctx, field);
  if (!values) { out.blank = chunk.rows; return out; }
  addKeys(values.units(), years, seq, out, chunk, ctx, key);
  for (const [id, b] of seq.builders) out.groups.set(id, { prefix: b.prefix, year: b.year, parts: [b.numbers.take()], pad: b.pad });
  return out;
}

function merge(a: SequenceGapsPartial, b: SequenceGapsPartial, ctx: CheckContext): SequenceGapsPartial {
  const groups = new Map<string, SequencePart>(a.groups);
  for (const [id, g] of b.groups) {
    const prev = groups.get(id);
    groups.set(id, prev ? { prefix: g.prefix, year: g.year, parts: [...prev.parts, ...g.parts], pad: Math.max(prev.pad, g.pad) } : g);
  }
  return { numericKeys: a.numericKeys + b.numericKeys, blank: a.blank + b.blank, groups, nonNumeric: mergeCapped(a.nonNumeric, b.nonNumeric, ctx.cap) };
}

const compareGroups = (a: SequencePart, b: SequencePart): number =>
  a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : (a.year ?? -Infinity) - (b.year ?? -Infinity);

/** What sequence_gaps reports, however it was computed (here from the numbers; in SQL from aggregates). */
export interface SequenceFigures {
  numericKeys: number;
  blank: number;
  /** Every sequence, ordered by prefix (code units) then year (none first). */
  groups: SequenceGroup[];
  /** The first `cap` gap ranges in that order. */
  gaps: GapRange[];
  gapRanges: number;
  missing: number;
  repeated: number;
  nonNumeric: Listing<RowRef>;
}

/** The result from the figures: status, summary and evidence (the one place they are worded). */
export function sequenceGapsOutcome(f: SequenceFigures, ctx: CheckContext): SequenceGapsResult {
  const field = ctx.params.sequenceField;
  const parameters = { sequenceField: field, sequenceRestart: ctx.params.sequenceRestart, evidenceCap: ctx.cap };
  if (!field) return notRun('sequence_gaps', 'no single key field to read a sequence from (set sequenceField)', parameters);
  if (f.numericKeys === 0) return notRun('sequence_gaps', `no ${field} value ends in digits`, parameters);
  const { groups, gaps, gapRanges, missing, repeated, nonNumeric } = f;
  const names = groups.map((g) => (g.year === null ? g.prefix || '(no prefix)' : `${g.prefix || '(no prefix)'} ${g.year}`));
  let summary = missing === 0
    ? `no gaps in ${f.numericKeys} numbered ${field} value(s) across ${groups.length} sequence(s)`
    : `${missing} number(s) missing in ${gapRanges} gap range(s) across ${groups.length} sequence(s) (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''})`;
  if (nonNumeric.total) summary += `; ${nonNumeric.total} value(s) without a numeric part`;
  if (repeated) summary += `; ${repeated} number(s) repeat (duplicate keys${ctx.params.sequenceRestart === 'none' ? ", or numbering that restarts: then set sequenceRestart: 'yearly'" : ''})`;
  return {
    id: 'sequence_gaps', status: missing > 0 ? 'warn' : 'pass', ran: true, summary, parameters,
    evidence: {
      field, restart: ctx.params.sequenceRestart, numericKeys: f.numericKeys, blank: f.blank,
      groups: { total: groups.length, items: groups.slice(0, ctx.cap) }, gaps: { total: gapRanges, items: gaps }, missing, repeated, nonNumeric,
    },
  };
}

/** A gap's missing keys at both ends, written like the population's keys (prefix + zero padding). */
export function gapKey(prefix: string, pad: number, n: number): string {
  return prefix + (pad ? String(n).padStart(pad, '0') : String(n));
}

function finish(p: SequenceGapsPartial, ctx: CheckContext): SequenceGapsResult {
  const cap = ctx.cap;
  const groups: SequenceGroup[] = [];
  const gaps: GapRange[] = [];
  let gapRanges = 0, missing = 0, repeated = 0;
  for (const g of [...p.groups.values()].sort(compareGroups)) {
    const numbers = sortWholeNumbers(joinFloat64(g.parts));
    let distinct = 1, groupRepeated = 0, groupMissing = 0, groupRanges = 0;
    for (let i = 1; i < numbers.length; i++) {
      const prev = numbers[i - 1]!, cur = numbers[i]!;
      if (cur === prev) { groupRepeated++; continue; }
      distinct++;
      if (cur - prev > 1) {
        const count = cur - prev - 1;
        groupRanges++;
        groupMissing += count;
        if (gaps.length < cap) gaps.push({ prefix: g.prefix, year: g.year, from: prev + 1, to: cur - 1, count, fromKey: gapKey(g.prefix, g.pad, prev + 1), toKey: gapKey(g.prefix, g.pad, cur - 1) });
      }
    }
    gapRanges += groupRanges;
    missing += groupMissing;
    repeated += groupRepeated;
    if (numbers.length) groups.push({ prefix: g.prefix, year: g.year, first: numbers[0]!, last: numbers[numbers.length - 1]!, distinct, repeated: groupRepeated, missing: groupMissing, gapRanges: groupRanges });
  }
  return sequenceGapsOutcome({ numericKeys: p.numericKeys, blank: p.blank, groups, gaps, gapRanges, missing, repeated, nonNumeric: finishCapped(p.nonNumeric, cap) }, ctx);
}

export const sequenceGaps: CompletenessCheck<'sequence_gaps', SequenceGapsPartial> = {
  id: 'sequence_gaps',
  empty: () => ({ numericKeys: 0, blank: 0, groups: new Map(), nonNumeric: cappedRows() }),
  map,
  merge,
  finish,
};
