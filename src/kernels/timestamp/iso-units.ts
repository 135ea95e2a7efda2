/**
 * The fast form of ISO timestamp parsing: a trimmed cell read from its code units (Latin-1 bytes
 * or UTF-16), with no string per cell. It answers exactly as `timestampMs` (parse.ts, the
 * reference) does for the ISO family, or declines with NaN and the caller asks the reference;
 * test/ingest/latin1-typing.test.ts holds the two equal.
 *
 * @example
 * const b = Buffer.from('2025-01-02T03:04:05Z', 'latin1'); isoTimestampUnits(b, 0, b.length, 'UTC') // 1735787045000
 */
import { zonedToUtc } from '../../time/zone.js';
import { DAY_MS as DAY, dayOfCivil as utcDay, validDate } from '../civil.js';
import { digitsAt } from '../integer.js';
import type { Units } from '../text-units.js';

/**
 * Epoch ms of a trimmed ISO cell units[from, to) — `YYYY-MM-DD`, then optionally `T`/space, time
 * `H[H]:mm[:ss[.fff]]`, and `Z` or a `±hh[[:]mm]` offset — read in `zone` when it has no offset.
 * NaN when the cell is anything else (an AM/PM time, another format, an invalid value): the
 * string parser `timestampMs` then decides, and names the issue. Never a number it would not give.
 */
export function isoTimestampUnits(bytes: Units, from: number, to: number, zone: string): number {
  if (to - from < 10 || bytes[from + 4] !== 45 || bytes[from + 7] !== 45) return NaN;
  const y = digitsAt(bytes, from, 4, to);
  const m = digitsAt(bytes, from + 5, 2, to);
  const d = digitsAt(bytes, from + 8, 2, to);
  if (y < 0 || m < 0 || d < 0 || !validDate(y, m, d)) return NaN;
  const wallDate = utcDay(y, m, d) * DAY;
  let j = from + 10;
  if (j === to) return zonedToUtc(wallDate, zone);
  const sep = bytes[j];
  if (sep !== 84 && sep !== 116 && sep !== 32) return NaN;
  j++;
  while (j < to && bytes[j] === 32) j++;
  // H[H]:mm[:ss[.fff]]
  let h = digitsAt(bytes, j, 2, to);
  if (h >= 0) j += 2;
  else {
    h = digitsAt(bytes, j, 1, to);
    if (h < 0) return NaN;
    j += 1;
  }
  if (j >= to || bytes[j] !== 58) return NaN;
  const mi = digitsAt(bytes, j + 1, 2, to);
  if (mi < 0) return NaN;
  j += 3;
  let sec = 0;
  let frac = 0;
  if (j < to && bytes[j] === 58) {
    sec = digitsAt(bytes, j + 1, 2, to);
    if (sec < 0) return NaN;
    j += 3;
    if (j < to && (bytes[j] === 46 || bytes[j] === 44)) {
      let k = j + 1;
      let scale = 100;
      while (k < to) {
        const c = bytes[k]! - 48;
        if (c < 0 || c > 9) break;
        frac += c * scale;
        scale /= 10;
        k++;
      }
      if (k === j + 1) return NaN;
      frac = Math.floor(frac);
      j = k;
    }
  }
  if (h > 24 || mi > 59 || sec > 60 || (h === 24 && (mi > 0 || sec > 0))) return NaN;
  const ms = ((h * 60 + mi) * 60 + Math.min(sec, 59)) * 1000 + frac;
  while (j < to && bytes[j] === 32) j++;
  if (j === to) return zonedToUtc(wallDate + ms, zone);
  // Z, or ±hh[[:]mm], ending the cell.
  const c = bytes[j];
  if (c === 90 || c === 122) return j + 1 === to ? wallDate + ms : NaN;
  if (c !== 43 && c !== 45) return NaN;
  const hh = digitsAt(bytes, j + 1, 2, to);
  let mm = 0;
  let end = j + 3;
  if (end < to && bytes[end] === 58) {
    mm = digitsAt(bytes, end + 1, 2, to);
    end += 3;
  } else if (end < to) {
    mm = digitsAt(bytes, end, 2, to);
    end += 2;
  }
  if (hh < 0 || mm < 0 || hh > 14 || mm > 59 || end !== to) return NaN;
  return wallDate + ms - (c === 45 ? -1 : 1) * (hh * 60 + mm) * 60_000;
}
