/**
 * A column's distinct sketch fed with cells of a chunk's bytes (Latin-1 or UTF-8), no string per
 * cell: the exact values are spans of the bytes in a small open-addressing table (keyed by the
 * sketch's hash of the cell — `hash32` of its UTF-16 code units, which the typer's `RowHasher`
 * returns for each cell it mixes — compared byte by byte; the few cells read as strings go in the
 * same table), and past `EXACT_CAP` values it turns into the same HyperLogLog registers.
 * `sketch()` gives the `DistinctSketch` that adding the cells as strings gives — the sketch is a
 * function of the set of values — so chunks typed either way merge alike.
 *
 * @example
 * const d = new ByteDistinct(bytes, 'latin1'); d.add(0, 3, hash32('abc')); d.sketch() // { exact: Set { 'abc' }, registers: null }
 */
import { hash32 } from '../../kernels/row-hash.js';
import { addHash, EXACT_CAP, REGISTERS, type DistinctSketch } from './distinct.js';

const SLOTS = 4096; // a power of two above 2 × EXACT_CAP: probes stay short
const MASK = SLOTS - 1;

export class ByteDistinct {
  private size = 0;
  /** Per slot: where the value is — a span's start + 1 (> 0), or −(index + 1) in `texts` — 0 when empty; its length in bytes; its hash. */
  private readonly at: Int32Array;
  private readonly length: Int32Array;
  private readonly hashes: Int32Array;
  /** Values added as strings (cells the typer read through strings: quoted ones). */
  private readonly texts: string[] = [];
  private registers: Uint8Array | null = null;

  /** `arrays`: where its tables come from (zeroed; a typer's reused arena). */
  constructor(private readonly bytes: Uint8Array, private readonly encoding: 'latin1' | 'utf8', arrays: { int32(n: number): Int32Array } = { int32: (n) => new Int32Array(n) }) {
    this.at = arrays.int32(SLOTS);
    this.length = arrays.int32(SLOTS);
    this.hashes = arrays.int32(SLOTS);
  }

  /** The cell bytes[from, to), whose hash (`hash32` of its text) is h. */
  add(from: number, to: number, h: number): void {
    if (this.registers) {
      addHash(this.registers, h);
      return;
    }
    const bytes = this.bytes;
    const n = to - from;
    for (let slot = h & MASK; ; slot = (slot + 1) & MASK) {
      const at = this.at[slot]!;
      if (at === 0) {
        this.keep(slot, from + 1, n, h);
        return;
      }
      if (this.hashes[slot] !== (h | 0) || this.length[slot] !== n) continue;
      if (at > 0 ? sameBytes(bytes, at - 1, from, n) : this.sameText(from, n, this.texts[-at - 1]!)) return;
    }
  }

  /** A value as a string, into the same table (h: its hash, when known). */
  addText(v: string, h = hash32(v)): void {
    if (this.registers) {
      addHash(this.registers, h);
      return;
    }
    const n = this.encoding === 'latin1' ? v.length : Buffer.byteLength(v, 'utf8');
    for (let slot = h & MASK; ; slot = (slot + 1) & MASK) {
      const at = this.at[slot]!;
      if (at === 0) {
        this.keep(slot, -this.texts.push(v), n, h);
        return;
      }
      if (this.hashes[slot] !== (h | 0) || this.length[slot] !== n) continue;
      if (at > 0 ? this.sameText(at - 1, n, v) : this.texts[-at - 1] === v) return;
    }
  }

  /** bytes[from, from + n) is the text of v (the caller has compared the lengths). */
  private sameText(from: number, n: number, v: string): boolean {
    if (this.encoding === 'utf8') return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).toString('utf8', from, from + n) === v;
    for (let k = 0; k < n; k++) if (this.bytes[from + k] !== v.charCodeAt(k)) return false;
    return true;
  }

  private keep(slot: number, at: number, length: number, h: number): void {
    this.at[slot] = at;
    this.length[slot] = length;
    this.hashes[slot] = h;
    if (++this.size > EXACT_CAP) this.overflow();
  }

  /** Past the exact cap: the registers of every value so far, then of every value to come. */
  private overflow(): void {
    const registers = new Uint8Array(REGISTERS);
    for (let slot = 0; slot < SLOTS; slot++) if (this.at[slot]) addHash(registers, this.hashes[slot]! >>> 0);
    this.registers = registers;
  }

  /** The sketch adding the same cells as strings would have built. */
  sketch(): DistinctSketch {
    if (this.registers) return { exact: null, registers: this.registers };
    const exact = new Set<string>();
    const text = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    for (let slot = 0; slot < SLOTS; slot++) {
      const at = this.at[slot]!;
      if (at > 0) exact.add(text.toString(this.encoding, at - 1, at - 1 + this.length[slot]!));
      else if (at < 0) exact.add(this.texts[-at - 1]!);
    }
    return { exact, registers: null };
  }
}

function sameBytes(bytes: Uint8Array, a: number, b: number, n: number): boolean {
  let k = 0;
  while (k < n && bytes[a + k] === bytes[b + k]) k++;
  return k === n;
}

