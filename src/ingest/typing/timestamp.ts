/**
 * Timestamp parsing for population cells: ISO 8601 (with or without offset), `YYYY-MM-DD HH:mm[:ss]`,
 * compact `YYYYMMDD`, Excel serial numbers, and slash dates only when the date order is given
 * (an ambiguous `03/04/2025` is never guessed). Naive values are read in the population's zone.
 * Hand-written and allocation-light: millions of cells go through here.
 *
 * @example
 * parseTimestamp('2025-03-04 10:20', { timeZone: 'UTC' }) // { ok: true, ms: 1741083600000 }
 */
import { zonedToUtc } from '../../time/zone.js';
import type { TypingOptions } from '../../population/types.js';

export type TimestampResult = { ok: true; ms: number } | { ok: false; ambiguous?: boolean };

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;
const FAIL = NaN;
let ambiguous = false;
/** A slash date without a date order: NaN, and `lastWasAmbiguous()` says so. */
const AMBIGUOUS = () => {
  ambiguous = true;
  return NaN;
};

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil): no Date object per cell. */
export function utcDay(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

export const TIMESTAMP_EXPECTED =
  'a timestamp: ISO 8601 (2025-03-04T10:20:00Z), YYYY-MM-DD HH:mm[:ss], an Excel serial, or a slash date with --date-order';

function digits(s: string, from: number, len: number): number {
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

export function validDate(y: number, m: number, d: number): boolean {
  if (y < 1000 || m < 1 || m > 12 || d < 1) return false;
  const dim = m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= dim;
}

/** Parse `HH:mm[:ss[.fff]]` starting at `i`; returns ms of day and the index after, or -1. */
function parseTime(s: string, i: number, out: { ms: number; end: number }): boolean {
  let h = digits(s, i, 2);
  let j = i + 2;
  if (h < 0) {
    h = digits(s, i, 1); // 9:05 (US exports)
    j = i + 1;
    if (h < 0) return false;
  }
  if (s.charCodeAt(j) !== 58) return false;
  const mi = digits(s, j + 1, 2);
  if (mi < 0) return false;
  j += 3;
  let sec = 0;
  let frac = 0;
  if (s.charCodeAt(j) === 58) {
    sec = digits(s, j + 1, 2);
    if (sec < 0) return false;
    j += 3;
    if (s.charCodeAt(j) === 46 || s.charCodeAt(j) === 44) {
      let k = j + 1;
      let scale = 100;
      while (k < s.length) {
        const c = s.charCodeAt(k) - 48;
        if (c < 0 || c > 9) break;
        frac += c * scale;
        scale /= 10;
        k++;
      }
      if (k === j + 1) return false;
      frac = Math.floor(frac);
      j = k;
    }
  }
  if (h > 24 || mi > 59 || sec > 60 || (h === 24 && (mi > 0 || sec > 0))) return false;
  out.ms = ((h * 60 + mi) * 60 + Math.min(sec, 59)) * 1000 + frac;
  out.end = j;
  return true;
}

/** Parse a zone designator at `i` (Z, ±hh:mm, ±hhmm, ±hh); returns offset ms or NaN if none/invalid. */
function parseOffset(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 90 || c === 122) return i + 1 === s.length ? 0 : NaN; // Z
  if (c !== 43 && c !== 45) return NaN;
  const sign = c === 45 ? -1 : 1;
  const hh = digits(s, i + 1, 2);
  let mm = 0;
  let end = i + 3;
  if (s.charCodeAt(end) === 58) {
    mm = digits(s, end + 1, 2);
    end += 3;
  } else if (end < s.length) {
    mm = digits(s, end, 2);
    end += 2;
  }
  if (hh < 0 || mm < 0 || hh > 14 || mm > 59 || end !== s.length) return NaN;
  return sign * (hh * 60 + mm) * 60_000;
}

const time = { ms: 0, end: 0 };

function finish(s: string, wallDate: number, i: number, opts: TypingOptions): number {
  // i: index after the date; optional [T| ]time [offset] [AM|PM]
  if (i === s.length) return zonedToUtc(wallDate, opts.timeZone);
  const sep = s.charCodeAt(i);
  if (sep !== 84 && sep !== 116 && sep !== 32) return FAIL;
  let j = i + 1;
  while (s.charCodeAt(j) === 32) j++;
  if (!parseTime(s, j, time)) return FAIL;
  let ms = time.ms;
  j = time.end;
  while (s.charCodeAt(j) === 32) j++;
  if (j === s.length) return zonedToUtc(wallDate + ms, opts.timeZone);
  const rest = s.slice(j).toUpperCase();
  if (rest === 'AM' || rest === 'PM') {
    const h = Math.floor(ms / 3_600_000);
    if (h < 1 || h > 12) return FAIL;
    if (rest === 'AM' && h === 12) ms -= 12 * 3_600_000;
    if (rest === 'PM' && h !== 12) ms += 12 * 3_600_000;
    return zonedToUtc(wallDate + ms, opts.timeZone);
  }
  const off = parseOffset(s, j);
  return wallDate + ms - off; // NaN when the offset is not one
}

/** Epoch ms of a timestamp cell, or NaN (then `lastWasAmbiguous()` tells an ambiguous slash date). */
export function timestampMs(raw: string, opts: TypingOptions): number {
  ambiguous = false;
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  const s = first <= 32 || first > 126 || last <= 32 || last > 126 ? raw.trim() : raw; // trim only when it can change the text
  const n = s.length;
  if (n < 5) return FAIL;
  const c4 = s.charCodeAt(4);
  // YYYY-MM-DD…
  if (c4 === 45 && n >= 10 && s.charCodeAt(7) === 45) {
    const y = digits(s, 0, 4);
    const m = digits(s, 5, 2);
    const d = digits(s, 8, 2);
    if (y < 0 || m < 0 || d < 0 || !validDate(y, m, d)) return FAIL;
    return finish(s, utcDay(y, m, d) * DAY, 10, opts);
  }
  // YYYYMMDD
  if (n === 8) {
    const v = digits(s, 0, 8);
    if (v >= 0) {
      const y = Math.floor(v / 10000), m = Math.floor(v / 100) % 100, d = v % 100;
      if (validDate(y, m, d)) return zonedToUtc(utcDay(y, m, d) * DAY, opts.timeZone);
      return FAIL;
    }
  }
  // slash (or dot) dates: a/b/yyyy
  const slash = s.indexOf('/');
  if (slash > 0 && slash <= 2) {
    const slash2 = s.indexOf('/', slash + 1);
    if (slash2 < 0 || slash2 - slash > 3) return FAIL;
    const a = digits(s, 0, slash);
    const b = digits(s, slash + 1, slash2 - slash - 1);
    const y = digits(s, slash2 + 1, 4);
    if (a < 0 || b < 0 || y < 0) return FAIL;
    if (!opts.dateOrder) return AMBIGUOUS();
    const [d, m] = opts.dateOrder === 'dmy' ? [a, b] : [b, a];
    if (!validDate(y, m, d)) return FAIL;
    return finish(s, utcDay(y, m, d) * DAY, slash2 + 5, opts);
  }
  // Excel serial (days since 1899-12-30, fractional days are the time)
  const c0 = s.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    const v = Number(s);
    if (Number.isFinite(v) && v >= 1 && v < 2_958_466) {
      const wall = EXCEL_EPOCH + Math.round(v * DAY);
      return zonedToUtc(wall, opts.timeZone);
    }
  }
  return FAIL;
}

export function lastWasAmbiguous(): boolean {
  return ambiguous;
}

export function parseTimestamp(raw: string, opts: TypingOptions): TimestampResult {
  const ms = timestampMs(raw, opts);
  if (!Number.isNaN(ms)) return { ok: true, ms };
  return ambiguous ? { ok: false, ambiguous: true } : { ok: false };
}
