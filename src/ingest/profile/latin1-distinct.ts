/**
 * A column's distinct sketch fed with cells of a chunk's Latin-1 bytes, no string per cell: the
 * exact values are spans of the bytes in a small open-addressing table (keyed by the sketch's own
 * hash, compared byte by byte), and past `EXACT_CAP` values it turns into the same HyperLogLog
 * registers. `sketch()` gives the `DistinctSketch` that adding the cells as strings gives — the
 * sketch is a function of the set of values — so chunks typed either way merge alike.
 *
 * @example
 * const d = new Latin1Distinct(bytes); d.add(0, 3); d.add(4, 7); d.sketch() // { exact: Set {…}, registers: null }
 */
import { addHash, EXACT_CAP, hash32Latin1, REGISTERS, type DistinctSketch } from './distinct.js';

const SLOTS = 4096; // a power of two above 2 × EXACT_CAP: probes stay short
const MASK = SLOTS - 1;

export class Latin1Distinct {
  private size = 0;
  /** Per slot: the value's start + 1 (0 = empty), its end, its hash. */
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  private readonly hashes: Int32Array;
  private registers: Uint8Array | null = null;

  /** `arrays`: where its tables come from (zeroed; a typer's reused arena). */
  constructor(private readonly bytes: Uint8Array, arrays: { int32(n: number): Int32Array } = { int32: (n) => new Int32Array(n) }) {
    this.start = arrays.int32(SLOTS);
    this.end = arrays.int32(SLOTS);
    this.hashes = arrays.int32(SLOTS);
  }

  /** The cell bytes[from, to); `h`: its `hash32Latin1` when the caller has it already. */
  add(from: number, to: number, h = hash32Latin1(this.bytes, from, to)): void {
    if (this.registers) {
      addHash(this.registers, h);
      return;
    }
    const bytes = this.bytes;
    const n = to - from;
    for (let slot = h & MASK; ; slot = (slot + 1) & MASK) {
      const s = this.start[slot]! - 1;
      if (s < 0) {
        this.start[slot] = from + 1;
        this.end[slot] = to;
        this.hashes[slot] = h;
        if (++this.size > EXACT_CAP) this.overflow();
        return;
      }
      if (this.hashes[slot] !== (h | 0) || this.end[slot]! - s !== n) continue;
      let k = 0;
      while (k < n && bytes[s + k] === bytes[from + k]) k++;
      if (k === n) return;
    }
  }

  /** Past the exact cap: the registers of every value so far, then of every value to come. */
  private overflow(): void {
    const registers = new Uint8Array(REGISTERS);
    for (let slot = 0; slot < SLOTS; slot++) if (this.start[slot]) addHash(registers, this.hashes[slot]! >>> 0);
    this.registers = registers;
  }

  /** The sketch adding the same cells as strings would have built. */
  sketch(): DistinctSketch {
    if (this.registers) return { exact: null, registers: this.registers };
    const exact = new Set<string>();
    const text = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    for (let slot = 0; slot < SLOTS; slot++) {
      const s = this.start[slot]! - 1;
      if (s >= 0) exact.add(text.toString('latin1', s, this.end[slot]!));
    }
    return { exact, registers: null };
  }
}
