/**
 * A 64-bit hash of each row's source values: the population's whole-row fingerprint, used for
 * whole-row duplicates. Computed once when a chunk is typed (ingest) and kept in the chunk file,
 * so later scans read 12 bytes a row instead of every cell; chunk files persist it, so this is
 * the only implementation. Two 32-bit multiplicative lanes (cyrb53's constants) run over every
 * column, two UTF-16 code units per step; each value is framed by its length (null has its own
 * marker), so ['ab', 'c'] and ['a', 'bc'] differ and blank differs from "". Two forms of the
 * mixing step: over a string (`mixString`, the reference) and over code units in a typed array
 * (`mixUnits`: Latin-1 bytes or UTF-16); test/kernels/row-hash.test.ts holds them equal. The
 * result is split into a 53-bit part (sortable as a float) and the 11 remaining bits, packed with
 * the row's character count as an extra confirmation.
 *
 * @example
 * const { hash, rest } = hashSourceRows(rows, columns) // Float64Array, Int32Array, one per row
 */
import type { TextUnits, Units } from './text-units.js';
import { isAsciiRange, UnitScratch } from './utf8.js';

/** What a null (blank) value mixes in, where a value mixes in its length. */
export const NULL_MARK = 0x7fffffff;
/** The lanes' starting values (their multipliers, cyrb53's, are written out in each loop: hot code). */
export const LANE_SEED_1 = 0xdeadbeef;
export const LANE_SEED_2 = 0x41c6ce57;

/**
 * A source column: cells over code units (`TextUnits`), offsets into a text, its Latin-1 bytes or
 * its UTF-8 bytes (the typer's spans: start −1 null, ≤ −2 a literal), or strings; absent = all blank.
 */
export type HashColumn =
  | TextUnits
  | { text: string; start: Int32Array; end: Int32Array; literals: readonly string[] }
  | { bytes: Uint8Array; start: Int32Array; end: Int32Array; literals: readonly string[] }
  | { utf8: Uint8Array; start: Int32Array; end: Int32Array; literals: readonly string[] }
  | readonly (string | null)[]
  | null
  | undefined;

type SpanColumn = { text?: string; bytes?: Units; utf8?: Uint8Array; units?: Units; valid?: Uint8Array; start: Int32Array; end: Int32Array; literals?: readonly string[] };

export interface RowHashes {
  hash: Float64Array;
  rest: Int32Array;
}

/** The two 32-bit lanes every hash here runs (cyrb53's multipliers); small functions V8 inlines. */
const lanes = new Int32Array(2);

function mixWord(w: number): void {
  lanes[0] = Math.imul(lanes[0]! ^ w, 2654435761);
  lanes[1] = Math.imul(lanes[1]! ^ w, 1597334677);
}

/**
 * Mix text[from, to) two UTF-16 code units per step (lossless: each is < 2^16); an odd last unit
 * goes alone, which the callers' length framing keeps unambiguous. (No read past the end: V8
 * deopts on it.)
 */
function mixString(text: string, from: number, to: number): void {
  let h1 = lanes[0]!;
  let h2 = lanes[1]!;
  const even = from + ((to - from) & ~1);
  let k = from;
  for (; k < even; k += 2) {
    const w = text.charCodeAt(k) | (text.charCodeAt(k + 1) << 16);
    h1 = Math.imul(h1 ^ w, 2654435761);
    h2 = Math.imul(h2 ^ w, 1597334677);
  }
  if (k < to) {
    const w = text.charCodeAt(k);
    h1 = Math.imul(h1 ^ w, 2654435761);
    h2 = Math.imul(h2 ^ w, 1597334677);
  }
  lanes[0] = h1;
  lanes[1] = h2;
}

/** `mixString` of code units[from, to): the same steps (a Latin-1 byte is its code unit). */
export function mixUnits(bytes: Units, from: number, to: number): void {
  let h1 = lanes[0]!;
  let h2 = lanes[1]!;
  const even = from + ((to - from) & ~1);
  let k = from;
  for (; k < even; k += 2) {
    const w = bytes[k]! | (bytes[k + 1]! << 16);
    h1 = Math.imul(h1 ^ w, 2654435761);
    h2 = Math.imul(h2 ^ w, 1597334677);
  }
  if (k < to) {
    const w = bytes[k]!;
    h1 = Math.imul(h1 ^ w, 2654435761);
    h2 = Math.imul(h2 ^ w, 1597334677);
  }
  lanes[0] = h1;
  lanes[1] = h2;
}

/** The final avalanche of both lanes into each other. */
function avalanche(): void {
  let h1 = lanes[0]!;
  let h2 = lanes[1]!;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  lanes[0] = h1;
  lanes[1] = h2;
}

export function hashSourceRows(n: number, columns: readonly HashColumn[]): RowHashes {
  const out = { hash: new Float64Array(n), rest: new Int32Array(n) };
  hashSourceRowsAt(out, columns, 0, n);
  return out;
}

/** Row hashes of rows [from, to), or of the listed rows, into `out` (the others are left as they are). */
export function hashSourceRowsAt(out: RowHashes, columns: readonly HashColumn[], from: number, to: number, rows?: readonly number[]): void {
  const spans = columns.map((c) => (c && !Array.isArray(c) ? (c as SpanColumn) : undefined));
  const values = columns.map((c) => (Array.isArray(c) ? (c as readonly (string | null)[]) : null));
  if (rows) for (const i of rows) hashRow(out, i, spans, values);
  else for (let i = from; i < to; i++) hashRow(out, i, spans, values);
}

/** Where a UTF-8 cell's code units are decoded. */
const scratch = new UnitScratch();

function hashRow(out: RowHashes, i: number, spans: (SpanColumn | undefined)[], values: (readonly (string | null)[] | null)[]): void {
  lanes[0] = LANE_SEED_1;
  lanes[1] = LANE_SEED_2;
  let size = 0;
  for (let c = 0; c < spans.length; c++) {
    let text: string | null = null;
    let from = 0;
    let to = 0;
    const span = spans[c];
    if (span?.units) {
      if (span.valid![i]) {
        const a = span.start[i]!;
        const b = span.end[i]!;
        mixWord(b - a);
        mixUnits(span.units, a, b);
        size += b - a;
      } else mixWord(NULL_MARK);
      continue;
    }
    if (span) {
      const a = span.start[i]!;
      if (a >= 0 && span.utf8) {
        // A UTF-8 cell: its UTF-16 code units (an ASCII cell's bytes are its units; others are decoded here).
        const b = span.end[i]!;
        if (isAsciiRange(span.utf8, a, b)) {
          mixWord(b - a);
          mixUnits(span.utf8, a, b);
          size += b - a;
        } else {
          const n = scratch.decode(span.utf8, a, b);
          mixWord(n);
          mixUnits(scratch.units, 0, n);
          size += n;
        }
        continue;
      }
      if (a >= 0 && span.bytes) {
        // A Latin-1 cell, read from its bytes (framed as below).
        const b = span.end[i]!;
        mixWord(b - a);
        mixUnits(span.bytes, a, b);
        size += b - a;
        continue;
      }
      if (a >= 0) {
        text = span.text!;
        from = a;
        to = span.end[i]!;
      } else if (a <= -2) {
        text = span.literals![-2 - a]!;
        to = text.length;
      }
    } else {
      const v = values[c]?.[i];
      if (v != null) {
        text = v;
        to = v.length;
      }
    }
    // Each value is framed by its length (null by its own mark): ['ab','c'] ≠ ['a','bc'], blank ≠ "".
    if (text === null) mixWord(NULL_MARK);
    else {
      mixWord(to - from);
      mixString(text, from, to);
      size += to - from;
    }
  }
  packRowHash(out, i, lanes[0]!, lanes[1]!, size);
}

/**
 * Row i's hash from its lanes after its last value and its character count: the avalanche, then
 * the 53-bit part and the rest (as every row here is finished; a typer running the steps inline
 * ends each row with this).
 */
export function packRowHash(out: RowHashes, i: number, h1: number, h2: number, size: number): void {
  lanes[0] = h1;
  lanes[1] = h2;
  avalanche();
  out.hash[i] = 4294967296 * (lanes[1]! & 0x1fffff) + (lanes[0]! >>> 0);
  out.rest[i] = ((lanes[1]! >>> 21) & 0x7ff) | (Math.min(size, 0xfffff) << 11);
}

/** 16 hex digits of the 64-bit hash (for evidence). */
export function hashHex(hash: number, rest: number): string {
  const high = (Math.floor(hash / 4294967296) | ((rest & 0x7ff) << 21)) >>> 0;
  const low = hash % 4294967296;
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

/** `hashText` of the code units[from, to) — the same number, without making the string. */
export function hashUnits(units: Units, from: number, to: number): number {
  lanes[0] = 0xdeadbeef ^ (to - from);
  lanes[1] = 0x41c6ce57 ^ (to - from);
  mixUnits(units, from, to);
  avalanche();
  return 4294967296 * (lanes[1]! & 0x1fffff) + (lanes[0]! >>> 0);
}

/** A 53-bit hash of one string (same lanes as the row hash), sortable as a float. */
export function hashText(v: string): number {
  lanes[0] = 0xdeadbeef ^ v.length;
  lanes[1] = 0x41c6ce57 ^ v.length;
  mixString(v, 0, v.length);
  avalanche();
  return 4294967296 * (lanes[1]! & 0x1fffff) + (lanes[0]! >>> 0);
}

/** The values that occur more than once, as `repeatedValues` finds them. */
export interface Repeats {
  readonly size: number;
  has(value: number): boolean;
}

/**
 * Values that occur more than once across `parts` (NaN never counts). The values are hashes
 * (integers below 2^53, evenly spread), so two bitmaps over their low bits — one bit a slot,
 * 16 slots a value — find the few values whose slot is shared (~6%), and only those go through
 * an exact set: one pass and 4 MB for a million values, not a 16 MB table with a cache miss each
 * (sorting them took seconds here). `has` answers from the bitmap for every other value.
 */
export function repeatedValues(parts: Float64Array | readonly Float64Array[]): Repeats {
  const list = ArrayBuffer.isView(parts) ? [parts] : parts;
  let n = 0;
  for (const p of list) n += p.length;
  let slots = 1 << 10;
  while (slots < n * 16 && slots < 1 << 30) slots *= 2;
  const mask = slots - 1;
  const seen = new Int32Array(slots >>> 5);
  const shared = new Int32Array(slots >>> 5);
  for (const p of list) markSlots(p, mask, seen, shared);
  const once = new Set<number>();
  const repeated = new Set<number>();
  for (const p of list) sharedValues(p, mask, shared, once, repeated);
  return {
    size: repeated.size,
    has: (v) => {
      const s = (v >>> 0) & mask;
      return (shared[s >>> 5]! & (1 << (s & 31))) !== 0 && repeated.has(v);
    },
  };
}

/** Mark each value's slot in `seen`, and in `shared` when it was seen already. */
function markSlots(values: Float64Array, mask: number, seen: Int32Array, shared: Int32Array): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    const s = (v >>> 0) & mask;
    const w = s >>> 5;
    const bit = 1 << (s & 31);
    if (seen[w]! & bit) shared[w]! |= bit;
    else seen[w]! |= bit;
  }
}

/** The values in shared slots, told apart exactly: those met twice go to `repeated`. */
function sharedValues(values: Float64Array, mask: number, shared: Int32Array, once: Set<number>, repeated: Set<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    const s = (v >>> 0) & mask;
    if ((shared[s >>> 5]! & (1 << (s & 31))) === 0) continue;
    if (once.has(v)) repeated.add(v);
    else once.add(v);
  }
}
