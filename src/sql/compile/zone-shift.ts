/**
 * Time zones as data: tickmark's own conversions (time/zone.ts — `utcToZoned` and `zonedToUtc`,
 * with their rules for DST gaps and repeated hours) written as piecewise shifts over a range of
 * years, so SQL reproduces them with integer comparisons and no time-zone database of its own
 * (an engine's tz data and its DST rules may differ from ours). A shift is a sorted list of
 * pieces: from `from` (inclusive) to the next piece, `value + offset`. UTC is one piece of 0.
 *
 * `zoneOffset` is read per UTC hour, so `utcToZoned` changes only at UTC hour boundaries;
 * `zonedToUtc(w)` reads offsets at w ± 12 h and at w − offset, so it changes only where one of
 * those crosses a transition T: at T ± 12 h and T + o for each offset o of the zone. Each
 * piece's offset is evaluated by the TypeScript function itself, so the table is exact by
 * construction. Values outside the covered years are counted and refused by the compiler.
 *
 * @example
 * utcToLocalShift('America/New_York', 2025, 2025).pieces.length // 3 (EST, EDT, EST)
 */
import { utcToZoned, zonedToUtc, zoneOffset } from '../../time/zone.js';

const HOUR = 3_600_000;

export interface ShiftPiece {
  /** First value (ms) the offset applies to. */
  from: number;
  /** Added to the value. */
  offset: number;
}

export interface ZoneShift {
  zone: string;
  /** Covered values [coverFrom, coverTo); the first piece also serves below, the last above. */
  coverFrom: number;
  coverTo: number;
  pieces: ShiftPiece[];
}

const yearStart = (year: number): number => new Date(0).setUTCFullYear(year, 0, 1);

/** UTC hours (as ms) where zoneOffset changes, within [from, to). */
function transitions(zone: string, from: number, to: number): number[] {
  const found: number[] = [];
  const step = 6 * HOUR;
  let t = Math.floor(from / HOUR) * HOUR;
  let off = zoneOffset(t, zone);
  for (let next = t + step; t < to; t = next, next += step) {
    const offNext = zoneOffset(next, zone);
    if (offNext === off) continue;
    let lo = t; // offset(lo) = off, offset(hi) ≠ off
    let hi = next;
    while (hi - lo > HOUR) {
      const mid = lo + Math.floor((hi - lo) / HOUR / 2) * HOUR;
      if (zoneOffset(mid, zone) === off) lo = mid;
      else hi = mid;
    }
    found.push(hi);
    off = offNext;
  }
  return found;
}

function compact(pieces: ShiftPiece[]): ShiftPiece[] {
  const out: ShiftPiece[] = [];
  for (const p of pieces) if (!out.length || out[out.length - 1]!.offset !== p.offset) out.push(p);
  return out;
}

/** local = utc + offset, for UTC instants in the years [fromYear, toYear]. */
export function utcToLocalShift(zone: string, fromYear: number, toYear: number): ZoneShift {
  const coverFrom = yearStart(fromYear) - 14 * HOUR;
  const coverTo = yearStart(toYear + 1) + 14 * HOUR;
  if (zone === 'UTC') return { zone, coverFrom, coverTo, pieces: [{ from: coverFrom, offset: 0 }] };
  const points = [coverFrom, ...transitions(zone, coverFrom, coverTo)];
  return { zone, coverFrom, coverTo, pieces: compact(points.map((from) => ({ from, offset: utcToZoned(from, zone) - from }))) };
}

/** utc = wall + offset, for wall-clock values in the years [fromYear, toYear]. */
export function wallToUtcShift(zone: string, fromYear: number, toYear: number): ZoneShift {
  const coverFrom = yearStart(fromYear);
  const coverTo = yearStart(toYear + 1);
  if (zone === 'UTC') return { zone, coverFrom, coverTo, pieces: [{ from: coverFrom, offset: 0 }] };
  const ts = transitions(zone, coverFrom - 2 * 86_400_000, coverTo + 2 * 86_400_000);
  const offsets = new Set<number>([zoneOffset(coverFrom, zone), ...ts.flatMap((t) => [zoneOffset(t - HOUR, zone), zoneOffset(t, zone)])]);
  const candidates = new Set<number>([coverFrom]);
  for (const t of ts) for (const c of [t - 12 * HOUR, t + 12 * HOUR, ...[...offsets].map((o) => t + o)]) if (c > coverFrom && c < coverTo) candidates.add(c);
  const points = [...candidates].sort((a, b) => a - b);
  return { zone, coverFrom, coverTo, pieces: compact(points.map((from) => ({ from, offset: zonedToUtc(from, zone) - from }))) };
}

/** The shift applied to one value (the TypeScript reading of the table; tests hold it to time/zone.ts). */
export function applyShift(shift: ZoneShift, value: number): number {
  const { pieces } = shift;
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (value >= pieces[mid]!.from) lo = mid;
    else hi = mid - 1;
  }
  return value + pieces[lo]!.offset;
}

/**
 * The offset of a shift as a SQL expression over `value` (a bigint expression that may be
 * repeated): nested CASEs halving the pieces, so a row costs log2(pieces) comparisons.
 */
export function shiftOffsetSql(shift: ZoneShift, value: string): string {
  const { pieces } = shift;
  const emit = (lo: number, hi: number): string => {
    if (lo === hi) return String(pieces[lo]!.offset);
    const mid = (lo + hi + 1) >> 1;
    return `CASE WHEN ${value} < ${pieces[mid]!.from} THEN ${emit(lo, mid - 1)} ELSE ${emit(mid, hi)} END`;
  };
  return emit(0, pieces.length - 1);
}

/** True when every piece has offset 0 (UTC): no expression needed. */
export const isIdentity = (shift: ZoneShift): boolean => shift.pieces.every((p) => p.offset === 0);
