/**
 * A column's distinct sketch fed with cells of a chunk's bytes (Latin-1 or UTF-8), no string per
 * cell: the exact values are kept as bytes (a copy of each value's bytes in a small store of the
 * column's own) in an open-addressing table keyed by the sketch's hash of the cell — `hash32` of
 * its UTF-16 code units, which the typer's `RowHasher` returns for each cell it mixes — and
 * compared byte by byte against that copy (the few cells read as strings are stored as their
 * bytes too). The table starts small and doubles while it holds at most `EXACT_CAP` values, so a
 * column of a few values probes a few cache lines; past the cap it turns into the same HyperLogLog
 * registers. `sketch()` gives the `DistinctSketch` that adding the cells as strings gives — the
 * sketch is a function of the set of values — so chunks typed either way merge alike. A column
 * known to hold more than `EXACT_CAP` values (another chunk of its file held that many) starts as
 * registers (`past`): its merged sketch is registers whatever a chunk gives, and registers are
 * the same from any path, so the exact values would be built only to be dropped.
 *
 * @example
 * const d = new ByteDistinct(bytes, 'latin1'); d.add(0, 3, hash32('abc')); d.sketch() // { exact: Set { 'abc' }, registers: null }
 */
import { hash32 } from '../../kernels/row-hash.js';
import { addHash, EXACT_CAP, REGISTERS, type DistinctSketch } from './distinct.js';

/** Ints a slot: the value's hash, its length in bytes, where its copy starts in `store` + 1 (0: empty), and one unused (aligned slots). */
const STRIDE = 4;
const FIRST_SLOTS = 32;

export class ByteDistinct {
  private size = 0;
  /** Slots − 1 (a power of two, at least twice the values held: probes stay short). */
  private mask = FIRST_SLOTS - 1;
  private table = new Int32Array(FIRST_SLOTS * STRIDE);
  /** The bytes of the values held, one after another. */
  private store = new Uint8Array(1024);
  private stored = 0;
  private registers: Uint8Array | null = null;

  constructor(private readonly bytes: Uint8Array, private readonly encoding: 'latin1' | 'utf8', past = false) {
    if (past) this.registers = new Uint8Array(REGISTERS);
  }

  /** Whether the values seen are past the exact cap (the sketch is registers). */
  get overflowed(): boolean {
    return this.registers !== null;
  }

  /** The cell bytes[from, to), whose hash (`hash32` of its text) is h. */
  add(from: number, to: number, h: number): void {
    if (this.registers) addHash(this.registers, h);
    else this.addBytes(this.bytes, from, to - from, h);
  }

  /** A value as a string, into the same table (h: its hash, when known). */
  addText(v: string, h = hash32(v)): void {
    if (this.registers) {
      addHash(this.registers, h);
      return;
    }
    const bytes = Buffer.from(v, this.encoding);
    this.addBytes(bytes, 0, bytes.length, h);
  }

  /** The value of bytes[from, from + n): found by its hash, length and bytes, or kept. */
  private addBytes(bytes: Uint8Array, from: number, n: number, h: number): void {
    const table = this.table;
    const store = this.store;
    const mask = this.mask;
    h |= 0;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const s = slot * STRIDE;
      const at = table[s + 2]!;
      if (at === 0) {
        this.keep(s, bytes, from, n, h);
        return;
      }
      if (table[s] !== h || table[s + 1] !== n) continue;
      let k = 0;
      const a = at - 1;
      while (k < n && store[a + k] === bytes[from + k]) k++;
      if (k === n) return;
    }
  }

  /** A new value into slot offset s: its bytes copied to the store. */
  private keep(s: number, bytes: Uint8Array, from: number, n: number, h: number): void {
    if (this.stored + n > this.store.length) {
      const grown = new Uint8Array(Math.max(this.store.length * 2, this.stored + n));
      grown.set(this.store.subarray(0, this.stored));
      this.store = grown;
    }
    this.store.set(bytes.subarray(from, from + n), this.stored);
    this.table[s] = h;
    this.table[s + 1] = n;
    this.table[s + 2] = this.stored + 1;
    this.stored += n;
    if (++this.size > EXACT_CAP) this.overflow();
    else if (this.size * 2 > this.mask + 1) this.grow();
  }

  /** Twice the slots, the values held placed again. */
  private grow(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    const mask = slots - 1;
    const table = new Int32Array(slots * STRIDE);
    for (let s = 0; s < old.length; s += STRIDE) {
      if (old[s + 2] === 0) continue;
      let slot = old[s]! & mask;
      while (table[slot * STRIDE + 2] !== 0) slot = (slot + 1) & mask;
      table.set(old.subarray(s, s + STRIDE), slot * STRIDE);
    }
    this.table = table;
    this.mask = mask;
  }

  /** Past the exact cap: the registers of every value so far, then of every value to come. */
  private overflow(): void {
    const registers = new Uint8Array(REGISTERS);
    const table = this.table;
    for (let s = 0; s < table.length; s += STRIDE) if (table[s + 2]) addHash(registers, table[s]! >>> 0);
    this.registers = registers;
  }

  /** The sketch adding the same cells as strings would have built. */
  sketch(): DistinctSketch {
    if (this.registers) return { exact: null, registers: this.registers };
    const exact = new Set<string>();
    const store = Buffer.from(this.store.buffer, this.store.byteOffset, this.stored);
    const table = this.table;
    for (let s = 0; s < table.length; s += STRIDE) {
      const at = table[s + 2]!;
      if (at) exact.add(store.toString(this.encoding, at - 1, at - 1 + table[s + 1]!));
    }
    return { exact, registers: null };
  }
}
