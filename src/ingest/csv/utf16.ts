/**
 * UTF-16 (with or without its byte order mark, little- or big-endian) to UTF-8, piece by piece as
 * a stream arrives: an odd byte or a surrogate pair cut between pieces waits for the next one. An
 * unpaired surrogate is not text: `Utf16Undecodable` says where (never a replacement character).
 *
 * @example
 * const t = new Utf16ToUtf8(true)
 * t.push(Buffer.from('Дми', 'utf16le')).toString() // 'Дми'
 */
import { firstUnpairedSurrogate } from './encoding.js';

export class Utf16Undecodable extends Error {
  /**
   * @param offset byte offset in the UTF-16 input (after any BOM)
   * @param before the UTF-8 bytes of this piece up to the bad code unit
   * @param unit the code unit, as 4 hex digits
   */
  constructor(readonly offset: number, readonly before: Buffer, readonly unit: string) {
    super(`unpaired UTF-16 surrogate ${unit} at byte ${offset}`);
  }
}

export class Utf16ToUtf8 {
  private carry: Buffer = Buffer.alloc(0);
  private consumed = 0;

  constructor(private readonly le: boolean) {}

  /** The UTF-8 bytes of the next piece (`end`: it is the last one). */
  push(piece: Uint8Array, end = false): Buffer {
    const data = this.carry.length ? Buffer.concat([this.carry, piece]) : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    let usable = data.length & ~1;
    if (!end && usable >= 2) {
      const last = this.le ? data[usable - 2]! | (data[usable - 1]! << 8) : (data[usable - 2]! << 8) | data[usable - 1]!;
      if (last >= 0xd800 && last <= 0xdbff) usable -= 2; // a pair that may end in the next piece
    }
    const units = data.subarray(0, usable);
    this.carry = Buffer.from(data.subarray(usable));
    const bad = firstUnpairedSurrogate(units, this.le);
    const at = bad >= 0 ? bad : end && this.carry.length ? usable : -1;
    if (at >= 0) {
      const unit = at + 1 < data.length ? (this.le ? data[at]! | (data[at + 1]! << 8) : (data[at]! << 8) | data[at + 1]!).toString(16).toUpperCase().padStart(4, '0') : data[at]!.toString(16).toUpperCase().padStart(2, '0');
      throw new Utf16Undecodable(this.consumed + at, this.utf8(units.subarray(0, at)), unit);
    }
    this.consumed += usable;
    return this.utf8(units);
  }

  private utf8(units: Buffer): Buffer {
    if (this.le) return Buffer.from(units.toString('utf16le'), 'utf8');
    const swapped = Buffer.from(units); // a copy: the input is not ours to change
    return Buffer.from(swapped.swap16().toString('utf16le'), 'utf8');
  }
}
