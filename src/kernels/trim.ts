/**
 * `String.prototype.trim` over UTF-16 code units held in a typed array (Latin-1 bytes are their
 * characters' code units, so a Latin-1 byte array is read the same way). The reference form is
 * `String.prototype.trim` itself; test/kernels/trim.test.ts holds the two equal. UTF-8 bytes are
 * read a code point at a time (`trimStartUtf8`, `trimEndUtf8`), held to `trim` by the same test.
 *
 * @example
 * const b = Buffer.from('  CHG1\t', 'latin1'); b.toString('latin1', trimStart(b, 0, 7), trimEnd(b, 0, 7)) // 'CHG1'
 */
import type { Units } from './text-units.js';
import { codePointAt, sequenceLength } from './utf8.js';

/** Whether a code unit is JS whitespace (a line terminator or a space separator, as `trim` removes). */
export function isSpaceUnit(u: number): boolean {
  if (u <= 32) return u === 32 || (u >= 9 && u <= 13);
  if (u < 160) return false;
  return u === 160 || u === 0x1680 || (u >= 0x2000 && u <= 0x200a) || u === 0x2028 || u === 0x2029 || u === 0x202f || u === 0x205f || u === 0x3000 || u === 0xfeff;
}

/** `isSpaceUnit` for a Latin-1 byte (the typer's name for it). */
export const isSpaceByte = isSpaceUnit;

/** Where `trim` would start the text units[from, to). */
export function trimStart(units: Units, from: number, to: number): number {
  while (from < to && isSpaceUnit(units[from]!)) from++;
  return from;
}

/** Where `trim` would end the text units[from, to). */
export function trimEnd(units: Units, from: number, to: number): number {
  while (to > from && isSpaceUnit(units[to - 1]!)) to--;
  return to;
}

/** `trimStart` of the UTF-8 bytes[from, to) (every JS space is one code point in the BMP). */
export function trimStartUtf8(bytes: Uint8Array, from: number, to: number): number {
  while (from < to) {
    const b = bytes[from]!;
    if (b < 0x80) {
      if (!isSpaceUnit(b)) break;
      from++;
    } else {
      if (!isSpaceUnit(codePointAt(bytes, from))) break;
      from += sequenceLength(b);
    }
  }
  return from;
}

/** `trimEnd` of the UTF-8 bytes[from, to). */
export function trimEndUtf8(bytes: Uint8Array, from: number, to: number): number {
  while (to > from) {
    const b = bytes[to - 1]!;
    if (b < 0x80) {
      if (!isSpaceUnit(b)) break;
      to--;
      continue;
    }
    let lead = to - 1;
    while (lead > from && (bytes[lead]! & 0xc0) === 0x80) lead--;
    if (!isSpaceUnit(codePointAt(bytes, lead))) break;
    to = lead;
  }
  return to;
}
