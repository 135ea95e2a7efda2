/**
 * UTF-8 text read as the code units every other kernel counts in: a cell of a UTF-8 chunk is a
 * byte range, and its UTF-16 code units (what `String.prototype` methods, the row hash and the
 * distinct sketch see) are decoded here, into a caller's buffer, without a string. Input is valid
 * UTF-8 (a chunk is checked whole before it is typed). The reference form is
 * `Buffer.prototype.toString('utf8')`; test/kernels/utf8.test.ts holds the two equal.
 *
 * @example
 * const out = new Uint16Array(8); utf8ToUnits(Buffer.from('Jö😀'), 0, 7, out) // 4: J ö and a surrogate pair
 */

/** The UTF-16 code units of the UTF-8 bytes[from, to), written to `out` from `at` (it holds at least to − from more): where they end. */
export function utf8ToUnits(bytes: Uint8Array, from: number, to: number, out: Uint16Array, at = 0): number {
  let o = at;
  for (let k = from; k < to; ) {
    const b = bytes[k]!;
    if (b < 0x80) {
      out[o++] = b;
      k++;
    } else if (b < 0xe0) {
      out[o++] = ((b & 0x1f) << 6) | (bytes[k + 1]! & 0x3f);
      k += 2;
    } else if (b < 0xf0) {
      out[o++] = ((b & 0x0f) << 12) | ((bytes[k + 1]! & 0x3f) << 6) | (bytes[k + 2]! & 0x3f);
      k += 3;
    } else {
      const cp = (((b & 0x07) << 18) | ((bytes[k + 1]! & 0x3f) << 12) | ((bytes[k + 2]! & 0x3f) << 6) | (bytes[k + 3]! & 0x3f)) - 0x10000;
      out[o++] = 0xd800 + (cp >> 10);
      out[o++] = 0xdc00 + (cp & 0x3ff);
      k += 4;
    }
  }
  return o;
}

/** The code point whose UTF-8 sequence starts at bytes[k]. */
export function codePointAt(bytes: Uint8Array, k: number): number {
  const b = bytes[k]!;
  if (b < 0x80) return b;
  if (b < 0xe0) return ((b & 0x1f) << 6) | (bytes[k + 1]! & 0x3f);
  if (b < 0xf0) return ((b & 0x0f) << 12) | ((bytes[k + 1]! & 0x3f) << 6) | (bytes[k + 2]! & 0x3f);
  return ((b & 0x07) << 18) | ((bytes[k + 1]! & 0x3f) << 12) | ((bytes[k + 2]! & 0x3f) << 6) | (bytes[k + 3]! & 0x3f);
}

/** The length of the UTF-8 sequence led by byte `b`. */
export function sequenceLength(b: number): number {
  return b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
}

/** The UTF-8 bytes of one UTF-16 code unit of valid text (a surrogate pair's four bytes counted two per unit). */
export function utf8Width(unit: number): number {
  return unit < 0x80 ? 1 : unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 2 : 3;
}

/** Whether bytes[from, to) are all ASCII. */
export function isAsciiRange(bytes: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (bytes[k]! >= 0x80) return false;
  return true;
}

/** A reusable buffer of code units, grown to hold a cell's (UTF-16 never has more units than UTF-8 has bytes). */
export class UnitScratch {
  units = new Uint16Array(256);

  /** The units of the UTF-8 bytes[from, to), in `units` from 0: how many. */
  decode(bytes: Uint8Array, from: number, to: number): number {
    if (to - from > this.units.length) this.units = new Uint16Array(Math.max(to - from, this.units.length * 2));
    return utf8ToUnits(bytes, from, to, this.units);
  }
}
