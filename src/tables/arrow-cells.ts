/**
 * The byte loops behind Arrow columns (arrow-columns.ts): text cells gathered from their code
 * units into one UTF-8 buffer with int32 offsets, validity bitmaps, and float64 epoch
 * milliseconds as int64 words. Latin-1 bytes below 0x80 copy as they are; a byte ≥ 0x80 and
 * UTF-16 units are transcoded to UTF-8 in the same pass (an unpaired surrogate becomes U+FFFD, as
 * `TextEncoder` writes it).
 *
 * @example
 * const cells = unitsOfStrings(['Zoë', null]); const out = utf8Cells(cells, 2)
 * out.offsets // Int32Array [0, 4, 4]; out.bytes // 5a 6f c3 ab; out.nullCount // 1
 */
import type { TextUnits } from '../kernels/text-units.js';

/** Text cells as Arrow Utf8 buffers. `transcoded`: code units that became more than one byte. */
export interface Utf8Cells {
  offsets: Int32Array;
  bytes: Uint8Array;
  validity: Uint8Array;
  nullCount: number;
  transcoded: number;
}

export function utf8Cells(cells: TextUnits, rows: number): Utf8Cells {
  const { units, start, end, valid } = cells;
  const offsets = new Int32Array(rows + 1);
  const size = unitCount(start, end, rows);
  let bytes: Uint8Array;
  let at: number;
  let transcoded: number;
  if (units instanceof Uint16Array) {
    bytes = new Uint8Array(size * 3);
    [at, transcoded] = gatherUtf16(units, start, end, rows, bytes, offsets);
  } else {
    bytes = new Uint8Array(size * 2);
    transcoded = gatherLatin1(units, start, end, rows, bytes, offsets);
    at = offsets[rows]!;
  }
  const { validity, nullCount } = validityOf(valid, rows);
  return { offsets, bytes: bytes.subarray(0, at), validity, nullCount, transcoded };
}

/** An Arrow validity bitmap (bit i set: row i has a value); empty when no row is null. */
export function validityOf(valid: Uint8Array, rows: number): { validity: Uint8Array; nullCount: number } {
  let nullCount = 0;
  for (let i = 0; i < rows; i++) if (!valid[i]) nullCount++;
  if (!nullCount) return { validity: new Uint8Array(0), nullCount };
  const validity = new Uint8Array((rows + 7) >> 3);
  for (let i = 0; i < rows; i++) if (valid[i]) validity[i >> 3]! |= 1 << (i & 7);
  return { validity, nullCount };
}

/** 1 where a float64 holds a value, 0 where it is NaN (the column model's null). */
export function validNumbers(values: Float64Array, rows: number): Uint8Array {
  const valid = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) valid[i] = values[i] === values[i] ? 1 : 0;
  return valid;
}

/** Epoch milliseconds (NaN: null, written as 0) as little-endian int64 words, two int32 each. */
export function int64Words(values: Float64Array, rows: number): Int32Array {
  const words = new Int32Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    const hi = Math.floor(v / 4294967296);
    words[2 * i] = (v - hi * 4294967296) | 0;
    words[2 * i + 1] = hi;
  }
  return words;
}

/** Dictionary codes with null rows (−1) made 0, so that every index is in range. */
export function nullCodesAsZero(codes: Int32Array, rows: number): Int32Array {
  const out = codes.slice(0, rows);
  for (let i = 0; i < rows; i++) if (out[i]! < 0) out[i] = 0;
  return out;
}

function unitCount(start: Int32Array, end: Int32Array, rows: number): number {
  let n = 0;
  for (let i = 0; i < rows; i++) n += end[i]! - start[i]!;
  return n;
}

function gatherLatin1(src: Uint8Array, start: Int32Array, end: Int32Array, rows: number, out: Uint8Array, offsets: Int32Array): number {
  let at = 0;
  let high = 0;
  for (let i = 0; i < rows; i++) {
    const b = end[i]!;
    for (let k = start[i]!; k < b; k++) {
      const c = src[k]!;
      if (c < 0x80) out[at++] = c;
      else {
        out[at++] = 0xc0 | (c >> 6);
        out[at++] = 0x80 | (c & 0x3f);
        high++;
      }
    }
    offsets[i + 1] = at;
  }
  return high;
}

function gatherUtf16(src: Uint16Array, start: Int32Array, end: Int32Array, rows: number, out: Uint8Array, offsets: Int32Array): [number, number] {
  let at = 0;
  let wide = 0;
  for (let i = 0; i < rows; i++) {
    const b = end[i]!;
    for (let k = start[i]!; k < b; k++) {
      let c = src[k]!;
      if (c < 0x80) {
        out[at++] = c;
        continue;
      }
      wide++;
      if (c < 0x800) {
        out[at++] = 0xc0 | (c >> 6);
        out[at++] = 0x80 | (c & 0x3f);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = k + 1 < b ? src[k + 1]! : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          out[at++] = 0xf0 | (cp >> 18);
          out[at++] = 0x80 | ((cp >> 12) & 0x3f);
          out[at++] = 0x80 | ((cp >> 6) & 0x3f);
          out[at++] = 0x80 | (cp & 0x3f);
          k++;
          continue;
        }
        c = 0xfffd;
      }
      out[at++] = 0xe0 | (c >> 12);
      out[at++] = 0x80 | ((c >> 6) & 0x3f);
      out[at++] = 0x80 | (c & 0x3f);
    }
    offsets[i + 1] = at;
  }
  return [at, wide];
}
