/**
 * Timestamp parsing for population cells over strings — the reference form; `isoTimestampUnits`
 * (iso-units.ts) is the fast form for ISO cells over code units. Families:
 *
 * - ISO 8601 `YYYY-MM-DD[(T| )H:mm[:ss[.fff]]][zone]`, compact `YYYYMMDD`, year-first `2025/04/11`
 *   and `2025.04.11`;
 * - month names in English: `03/Jan/25 2:22 PM` (Jira), `03-Jan-2025`, `3 Jan 2025`,
 *   `January 3, 2025`, `Jan 3, 2025 2:22 PM`, `Aug 17, 2025 17:39:43 UTC` (Tenable), RFC 2822
 *   `Tue, 03 Jun 2025 14:22:05 +0000` (a weekday, when written, must be the date's);
 * - numeric day and month: dots are always day first (`12.09.2025 23:31`); slashes and dashes
 *   (`03/04/2025`, `03-04-25`) in the given order (`dateOrder`), else only when the value itself
 *   proves it (a first number above 12 is a day, a second one above 12 is a day) — `03/04/2025`
 *   alone is never guessed: NaN, and `lastDayMonthOrder()` says `ambiguous`;
 * - Excel serial numbers; epoch seconds or milliseconds only when the column is declared to hold
 *   them (`epoch`), since a bare number is otherwise a serial or `YYYYMMDD`.
 *
 * Any date may be followed by a time (`T`, a space or `, ` between), 24-hour or 12-hour with
 * AM/PM, and a zone (Z, UTC, GMT, ±hh:mm…; see clock.ts). Two-digit years pivot as POSIX
 * `strptime %y` does: 00–68 are 2000–2068, 69–99 are 1969–1999. Values without a zone are read in
 * the population's zone. Hand-written and allocation-free: millions of cells go through here.
 *
 * @example
 * timestampMs('03/Jan/25 2:22 PM', { timeZone: 'UTC' }) // Date.UTC(2025, 0, 3, 14, 22)
 * timestampMs('12.09.2025 23:31', { timeZone: 'UTC' })  // Date.UTC(2025, 8, 12, 23, 31)
 */
import { zonedToUtc } from '../../time/zone.js';
import { dayOfCivil as utcDay, validDate } from '../civil.js';
import { isLetter, monthNamed, weekdayNamed } from './calendar-words.js';
import { digits } from '../integer.js';
import { readClock, skipSpaces, zoneOffsetAt } from './clock.js';

/** How a timestamp column is read: the population's zone, and what a profile or flag says of the column. */
export interface TimestampOptions {
  /** IANA zone for values written without one. */
  timeZone: string;
  /** Order of numeric day/month dates written with slashes or dashes. */
  dateOrder?: 'dmy' | 'mdy';
  /** The column holds Unix epoch seconds or milliseconds. */
  epoch?: 's' | 'ms';
}

export type TimestampResult = { ok: true; ms: number } | { ok: false; ambiguous?: boolean };

/**
 * What the last numeric day/month value said about its column's order, when none was given:
 * `dmy`/`mdy` when the value proves it (and was read so), `ambiguous` when it could be either
 * (NaN was returned), `none` otherwise.
 */
export type DayMonthOrder = 'none' | 'ambiguous' | 'dmy' | 'mdy';

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;
const FAIL = NaN;
const SLASH = 47;
const DASH = 45;
const DOT = 46;
const SPACE = 32;
const COMMA = 44;
let dayMonth: DayMonthOrder = 'none';

export const TIMESTAMP_EXPECTED =
  'a timestamp: ISO 8601 (2025-03-04T10:20:00Z, 2025-03-04 10:20 UTC), a date with an English month name ' +
  '(03/Jan/25 2:22 PM, 3 Jan 2025, Jan 3, 2025 2:22 PM, Tue, 03 Jun 2025 14:22:05 +0000), a day-first dot date (12.09.2025), ' +
  'a slash or dash date whose day/month order is known (--date-order, or a day above 12 in the column), YYYYMMDD or an Excel serial';

/** A two-digit year as POSIX `strptime %y` reads it: 00–68 → 2000–2068, 69–99 → 1969–1999. */
export function fullYear(yy: number): number {
  return yy <= 68 ? 2000 + yy : 1900 + yy;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

function digitRunEnd(s: string, i: number): number {
  while (isDigit(s.charCodeAt(i))) i++;
  return i;
}

function letterRunEnd(s: string, i: number): number {
  while (isLetter(s.charCodeAt(i))) i++;
  return i;
}

/** The date read by the family parsers below: year, month, day, and the index after it. */
const civil = { y: 0, m: 0, d: 0, end: 0 };
const clock = { ms: 0, end: 0 };

/** A 2- or 4-digit year at `i` into `civil.y` (2 digits pivot: see `fullYear`). */
function readYear(s: string, i: number): boolean {
  const e = digitRunEnd(s, i);
  if (e - i === 4) civil.y = digits(s, i, 4);
  else if (e - i === 2) civil.y = fullYear(digits(s, i, 2));
  else return false;
  civil.end = e;
  return true;
}

/** A month name at `i` (optionally with a period: `Jan.`); the index after it, or -1. */
function readMonthName(s: string, i: number): number {
  const e = letterRunEnd(s, i);
  civil.m = monthNamed(s, i, e);
  if (!civil.m) return -1;
  return s.charCodeAt(e) === DOT ? e + 1 : e;
}

/** `, ` or spaces (at least one character) at `i`; the index after, or -1. */
function commaOrSpaces(s: string, i: number): number {
  let j = i;
  if (s.charCodeAt(j) === COMMA) j++;
  j = skipSpaces(s, j);
  return j > i ? j : -1;
}

/** `D sep Mon sep Y` with the day read at [i, dayEnd): `03/Jan/25`, `03-Jan-2025`, `3 Jan 2025`, `03 Jun 2025`. */
function dayMonthNameYear(s: string, i: number, dayEnd: number, sep: number): boolean {
  civil.d = digits(s, i, dayEnd - i);
  let j = sep === SPACE ? skipSpaces(s, dayEnd) : dayEnd + 1;
  j = readMonthName(s, j);
  if (j < 0) return false;
  if (sep === SPACE) j = commaOrSpaces(s, j);
  else if (s.charCodeAt(j) === sep) j++;
  else return false;
  return j >= 0 && readYear(s, j);
}

/** `Mon D[st|nd|rd|th][,] YYYY` at `i`: `January 3, 2025`, `Aug 17, 2025`, `Jan 3 2025`. */
function monthNameDayYear(s: string, i: number): boolean {
  let j = readMonthName(s, i);
  if (j < 0) return false;
  const dayStart = skipSpaces(s, j);
  if (dayStart === j) return false;
  const dayEnd = digitRunEnd(s, dayStart);
  if (dayEnd === dayStart || dayEnd - dayStart > 2) return false;
  civil.d = digits(s, dayStart, dayEnd - dayStart);
  j = dayEnd;
  if (isLetter(s.charCodeAt(j))) {
    const e = letterRunEnd(s, j);
    if (e - j !== 2 || !ordinalSuffix(s, j)) return false;
    j = e;
  }
  j = commaOrSpaces(s, j);
  if (j < 0 || digitRunEnd(s, j) - j !== 4) return false;
  civil.y = digits(s, j, 4);
  civil.end = j + 4;
  return true;
}

/** `st`, `nd`, `rd` or `th` at `i` (any case). */
function ordinalSuffix(s: string, i: number): boolean {
  const a = s.charCodeAt(i) | 32;
  const b = s.charCodeAt(i + 1) | 32;
  return (a === 115 && b === 116) || (a === 110 && b === 100) || (a === 114 && b === 100) || (a === 116 && b === 104);
}

/**
 * The end of a date, then an optional time and zone (see clock.ts); the epoch ms, or NaN.
 * `wallDate`: the date's midnight as if in UTC.
 */
function finish(s: string, wallDate: number, i: number, zone: string): number {
  if (i === s.length) return zonedToUtc(wallDate, zone);
  const sep = s.charCodeAt(i);
  let j: number;
  if (sep === 84 || sep === 116) j = i + 1; // T
  else if (sep === SPACE || sep === COMMA) j = commaOrSpaces(s, i);
  else return FAIL;
  j = skipSpaces(s, j);
  if (!readClock(s, j, clock)) return FAIL;
  const ms = clock.ms;
  j = skipSpaces(s, clock.end);
  if (j === s.length) return zonedToUtc(wallDate + ms, zone);
  return wallDate + ms - zoneOffsetAt(s, j); // NaN when it is not a zone
}

/** `civil` as a timestamp (date checked), with its time from `civil.end`. */
function civilTimestamp(s: string, zone: string): number {
  if (!validDate(civil.y, civil.m, civil.d)) return FAIL;
  return finish(s, utcDay(civil.y, civil.m, civil.d) * DAY, civil.end, zone);
}

/** 0 Sunday … 6 Saturday of a day number (1970-01-01 was a Thursday). */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** A date starting with letters: an optional weekday (`Tue,`), then `D Mon Y` or `Mon D, Y`. */
function wordDate(s: string, opts: TimestampOptions): number {
  let i = 0;
  let weekday = -1;
  const e = letterRunEnd(s, 0);
  if (!monthNamed(s, 0, e)) {
    weekday = weekdayNamed(s, 0, e);
    if (weekday < 0) return FAIL;
    i = commaOrSpaces(s, s.charCodeAt(e) === DOT ? e + 1 : e);
    if (i < 0) return FAIL;
  }
  const c = s.charCodeAt(i);
  if (isDigit(c)) {
    const dayEnd = digitRunEnd(s, i);
    if (dayEnd - i > 2 || !dayMonthNameYear(s, i, dayEnd, SPACE)) return FAIL;
  } else if (!monthNameDayYear(s, i)) return FAIL;
  // A weekday that is not the date's: the value is wrong somewhere, and is not read.
  if (weekday >= 0 && validDate(civil.y, civil.m, civil.d) && weekdayOf(utcDay(civil.y, civil.m, civil.d)) !== weekday) return FAIL;
  return civilTimestamp(s, opts.timeZone);
}

/**
 * `a sep b sep y` with numbers a and b (1–2 digits) and y (2 or 4), or a month name for b. The
 * numeric day/month order: dots are day first; slashes and dashes take `opts.dateOrder`, else the
 * value's own proof, else NaN with `dayMonth = 'ambiguous'`.
 */
function dayMonthYear(s: string, aEnd: number, sep: number, opts: TimestampOptions): number {
  if (isLetter(s.charCodeAt(sep === SPACE ? skipSpaces(s, aEnd) : aEnd + 1))) {
    return dayMonthNameYear(s, 0, aEnd, sep) ? civilTimestamp(s, opts.timeZone) : FAIL;
  }
  if (sep === SPACE) return FAIL;
  const a = digits(s, 0, aEnd);
  const bEnd = digitRunEnd(s, aEnd + 1);
  if (bEnd === aEnd + 1 || bEnd - aEnd - 1 > 2 || s.charCodeAt(bEnd) !== sep || !readYear(s, bEnd + 1)) return FAIL;
  const b = digits(s, aEnd + 1, bEnd - aEnd - 1);
  let order = sep === DOT ? 'dmy' : opts.dateOrder;
  let proof: DayMonthOrder = 'none';
  if (!order) {
    if (a === b) order = 'dmy'; // the same date either way
    else if (a > 12 && b <= 12) proof = order = 'dmy';
    else if (b > 12 && a <= 12) proof = order = 'mdy';
    else if (a <= 12 && b <= 12) {
      civil.d = a;
      civil.m = b;
      const either = civilTimestamp(s, opts.timeZone); // both numbers are ≤ 12: a valid date either way, or neither
      if (either === either) dayMonth = 'ambiguous';
      return FAIL;
    } else return FAIL;
  }
  civil.d = order === 'dmy' ? a : b;
  civil.m = order === 'dmy' ? b : a;
  const ms = civilTimestamp(s, opts.timeZone);
  if (ms === ms) dayMonth = proof;
  return ms;
}

/** `2025/04/11` or `2025.04.11` (year first is always year, month, day). */
function yearFirst(s: string, sep: number, opts: TimestampOptions): number {
  civil.y = digits(s, 0, 4);
  const mEnd = digitRunEnd(s, 5);
  if (mEnd === 5 || mEnd - 5 > 2 || s.charCodeAt(mEnd) !== sep) return FAIL;
  const dEnd = digitRunEnd(s, mEnd + 1);
  if (dEnd === mEnd + 1 || dEnd - mEnd - 1 > 2) return FAIL;
  civil.m = digits(s, 5, mEnd - 5);
  civil.d = digits(s, mEnd + 1, dEnd - mEnd - 1);
  civil.end = dEnd;
  return civilTimestamp(s, opts.timeZone);
}

/** A plain decimal number (`-12`, `1735689600`, `1735689600.5`) as epoch seconds or ms; NaN when not one. */
function epochMs(s: string, unit: 's' | 'ms'): number {
  let i = s.charCodeAt(0) === 45 || s.charCodeAt(0) === 43 ? 1 : 0;
  const intEnd = digitRunEnd(s, i);
  if (intEnd === i) return FAIL;
  i = intEnd;
  if (s.charCodeAt(i) === DOT) {
    const e = digitRunEnd(s, i + 1);
    if (e === i + 1) return FAIL;
    i = e;
  }
  if (i !== s.length) return FAIL;
  const ms = Math.round(unit === 's' ? Number(s) * 1000 : Number(s));
  return Math.abs(ms) <= 8.64e15 ? ms : FAIL;
}

/** Epoch ms of a timestamp cell, or NaN (then `lastDayMonthOrder()` tells an ambiguous day/month date). */
export function timestampMs(raw: string, opts: TimestampOptions): number {
  dayMonth = 'none';
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  const s = first <= 32 || first > 126 || last <= 32 || last > 126 ? raw.trim() : raw; // trim only when it can change the text
  const n = s.length;
  if (opts.epoch && n > 0) {
    const ms = epochMs(s, opts.epoch);
    if (ms === ms) return ms;
  }
  if (n < 5) return FAIL;
  const c4 = s.charCodeAt(4);
  // YYYY-MM-DD…
  if (c4 === 45 && n >= 10 && s.charCodeAt(7) === 45) {
    const y = digits(s, 0, 4);
    const m = digits(s, 5, 2);
    const d = digits(s, 8, 2);
    if (y < 0 || m < 0 || d < 0 || !validDate(y, m, d)) return FAIL;
    return finish(s, utcDay(y, m, d) * DAY, 10, opts.timeZone);
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
  const c0 = s.charCodeAt(0);
  if (isLetter(c0)) return wordDate(s, opts);
  if (!isDigit(c0)) return FAIL;
  const run = digitRunEnd(s, 1);
  const sep = s.charCodeAt(run);
  if (run === 4 && (sep === SLASH || sep === DOT)) {
    const ms = yearFirst(s, sep, opts);
    if (ms === ms) return ms;
  }
  if (run <= 2 && (sep === SLASH || sep === DASH || sep === DOT || sep === SPACE)) {
    const ms = dayMonthYear(s, run, sep, opts);
    if (ms === ms || lastWasAmbiguous()) return ms;
  }
  // Excel serial (days since 1899-12-30, fractional days are the time)
  const v = Number(s);
  if (Number.isFinite(v) && v >= 1 && v < 2_958_466) {
    const wall = EXCEL_EPOCH + Math.round(v * DAY);
    return zonedToUtc(wall, opts.timeZone);
  }
  return FAIL;
}

/** What the last `timestampMs` call's numeric day/month value said about the order (see `DayMonthOrder`). */
export function lastDayMonthOrder(): DayMonthOrder {
  return dayMonth;
}

export function lastWasAmbiguous(): boolean {
  return dayMonth === 'ambiguous';
}

export function parseTimestamp(raw: string, opts: TimestampOptions): TimestampResult {
  const ms = timestampMs(raw, opts);
  if (!Number.isNaN(ms)) return { ok: true, ms };
  return dayMonth === 'ambiguous' ? { ok: false, ambiguous: true } : { ok: false };
}
