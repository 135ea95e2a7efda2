/**
 * `String.prototype.trim` over Latin-1 bytes (a byte is its character's code unit): the JS
 * whitespace within Latin-1 is TAB, LF, VT, FF, CR, space and no-break space.
 *
 * @example
 * const b = Buffer.from('  CHG1\t', 'latin1'); b.toString('latin1', trimStart(b, 0, 7), trimEnd(b, 0, 7)) // 'CHG1'
 */

export function isSpaceByte(b: number): boolean {
  return b === 32 || (b >= 9 && b <= 13) || b === 160;
}

/** Where `trim` would start the text bytes[from, to). */
export function trimStart(bytes: Uint8Array, from: number, to: number): number {
  while (from < to && isSpaceByte(bytes[from]!)) from++;
  return from;
}

/** Where `trim` would end the text bytes[from, to). */
export function trimEnd(bytes: Uint8Array, from: number, to: number): number {
  while (to > from && isSpaceByte(bytes[to - 1]!)) to--;
  return to;
}
