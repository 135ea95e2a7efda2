/**
 * The time-of-day part of a timestamp cell, after its date: `H[H]:mm[:ss[.fff]]` (24-hour, or
 * 12-hour with `AM`/`PM` in any case, with or without a space before it), then an optional zone:
 * `Z`, `UTC`, `GMT`, `UT`, a numeric offset `±hh`, `±hhmm`, `±hh:mm`, or `UTC`/`GMT` followed by
 * one (`GMT+05:30`, `UTC-5`). Named zones other than UTC/GMT (`EST`, `CET`…) are not read: the
 * same abbreviation means different offsets in different countries.
 *
 * @example
 * const t = { ms: 0, end: 0 }
 * readClock('x 2:22 PM', 2, t) // true: t.ms = 51_720_000 (14:22), t.end = 9
 * zoneOffsetAt('+05:30', 0)    // 19_800_000
 */

import { digits } from '../integer.js';

/** Index of the first character at or after `i` that is not a space. */
export function skipSpaces(s: string, i: number): number {
  while (s.charCodeAt(i) === 32) i++;
  return i;
}

const HOUR = 3_600_000;

/**
 * Read `H[H]:mm[:ss[.fff]]` at `i`, then optional spaces and `AM`/`PM`: `out.ms` the time of day,
 * `out.end` the index after it (after the AM/PM marker when there is one). False when it is not a
 * valid time (a 12-hour time needs an hour from 1 to 12).
 */
export function readClock(s: string, i: number, out: { ms: number; end: number }): boolean {
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
  let ms = ((h * 60 + mi) * 60 + Math.min(sec, 59)) * 1000 + frac;
  const k = skipSpaces(s, j);
  const half = meridiem(s, k);
  if (half !== 0) {
    if (h < 1 || h > 12) return false;
    if (half === 1 && h === 12) ms -= 12 * HOUR;
    if (half === 2 && h !== 12) ms += 12 * HOUR;
    j = k + 2;
  }
  out.ms = ms;
  out.end = j;
  return true;
}

/** 1 for `AM`, 2 for `PM` (any case) at `i` not followed by a letter, else 0. */
function meridiem(s: string, i: number): number {
  const a = s.charCodeAt(i) | 32;
  if ((a !== 97 && a !== 112) || (s.charCodeAt(i + 1) | 32) !== 109) return 0;
  const next = s.charCodeAt(i + 2) | 32;
  if (next >= 97 && next <= 122) return 0;
  return a === 97 ? 1 : 2;
}

/**
 * The offset from UTC (ms, positive east) that the zone designator at `i` names, which must end
 * the text; NaN when it is not one.
 */
export function zoneOffsetAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 90 || c === 122) return i + 1 === s.length ? 0 : NaN; // Z
  if (c === 43 || c === 45) return numericOffset(s, i, false);
  const word = zoneWord(s, i);
  if (word === 0) return NaN;
  const j = i + word;
  if (j === s.length) return 0;
  const sign = s.charCodeAt(j);
  return sign === 43 || sign === 45 ? numericOffset(s, j, true) : NaN;
}

/** Length of `UTC`, `GMT` or `UT` (any case) at `i`, or 0. */
function zoneWord(s: string, i: number): number {
  const a = s.charCodeAt(i) | 32;
  const b = s.charCodeAt(i + 1) | 32;
  const c = s.charCodeAt(i + 2) | 32;
  if (a === 117 && b === 116) return c === 99 ? 3 : 2; // UTC, UT
  if (a === 103 && b === 109 && c === 116) return 3; // GMT
  return 0;
}

/** `±hh`, `±hhmm`, `±hh:mm` at `i` ending the text (after UTC/GMT also `±h`); offset ms or NaN. */
function numericOffset(s: string, i: number, oneDigitHour: boolean): number {
  const sign = s.charCodeAt(i) === 45 ? -1 : 1;
  let hh = digits(s, i + 1, 2);
  let end = i + 3;
  if (hh < 0 && oneDigitHour) {
    hh = digits(s, i + 1, 1);
    end = i + 2;
  }
  let mm = 0;
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
