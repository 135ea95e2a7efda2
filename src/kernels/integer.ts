/**
 * Unsigned decimal integers read from text: `digits` over a string (the reference) and
 * `digitsAt` over code units (Latin-1 bytes or UTF-16); test/kernels/integer.test.ts holds them
 * equal. Both answer −1 when a character is not a digit or the run passes the end.
 *
 * @example
 * digits('CHG0042', 3, 4) // 42
 * digitsAt(Buffer.from('CHG0042', 'latin1'), 3, 4, 7) // 42
 */
import type { Units } from './text-units.js';

/** `len` decimal digits of s at `from`, or −1. */
export function digits(s: string, from: number, len: number): number {
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i) - 48; // NaN past the end
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** `len` decimal digits at units[from…] within `to`, or −1. */
export function digitsAt(units: Units, from: number, len: number, to: number): number {
  if (from + len > to) return -1;
  let v = 0;
  for (let k = from; k < from + len; k++) {
    const c = units[k]! - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Where the run of decimal digits ending at `to` starts in units[from, to). */
export function trailingDigitsStart(units: Units, from: number, to: number): number {
  let j = to;
  while (j > from && units[j - 1]! >= 48 && units[j - 1]! <= 57) j--;
  return j;
}
