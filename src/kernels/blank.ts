/**
 * The one rule for a blank source cell: the typer stores such cells as null, and a reader that
 * rebuilds cells from a chunk's text must agree with it. Empty, or only whitespace with a first
 * character at or below U+0020 (a first character above U+0020 is never blank, which keeps the
 * usual cell cheap). Two forms: `isBlankCell` over a string (the reference) and `isBlankUnits`
 * over code units, and `isBlankUtf8` over UTF-8 bytes; test/kernels/blank.test.ts holds them equal.
 *
 * @example
 * isBlankCell('  ') // true
 * isBlankCell(' x') // false
 */
import { isSpaceUnit, trimStartUtf8 } from './trim.js';
import type { Units } from './text-units.js';

export function isBlankCell(v: string): boolean {
  return v === '' || (v.charCodeAt(0) <= 32 && v.trim() === '');
}

/** `isBlankCell` of units[from, to). */
export function isBlankUnits(units: Units, from: number, to: number): boolean {
  if (from === to) return true;
  if (units[from]! > 32) return false;
  for (let k = from; k < to; k++) if (!isSpaceUnit(units[k]!)) return false;
  return true;
}

/** `isBlankCell` of the UTF-8 bytes[from, to). */
export function isBlankUtf8(bytes: Uint8Array, from: number, to: number): boolean {
  return from === to || (bytes[from]! <= 32 && trimStartUtf8(bytes, from, to) === to);
}
