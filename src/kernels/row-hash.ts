/**
 * The hashes of source values. A 64-bit hash of each row's source values: the population's
 * whole-row fingerprint, used for whole-row duplicates. Computed when a chunk is typed (ingest),
 * as the typer visits each cell, and kept in the chunk file, so later scans read 12 bytes a row
 * instead of every cell; chunk files persist it, so this is the only implementation. Two 32-bit
 * multiplicative lanes (cyrb53's constants) run over every column, two UTF-16 code units per
 * step; each value is framed by its length (null has its own marker), so ['ab', 'c'] and
 * ['a', 'bc'] differ and blank differs from "". Beside it, the distinct sketch's 32-bit hash of
 * one value (`hash32`: a third lane over the same words, framed by the length, then murmur3's
 * finalizer), which the typer gets from the same word loads.
 *
 * `RowHasher` mixes a row's values in order. Two forms of the steps: over a string (`mixText`,
 * the reference, and `hash32`) and over code units in a typed array (`mixUnits`: Latin-1 bytes,
 * UTF-16, or UTF-8 bytes of ASCII text — a UTF-8 value beyond ASCII is decoded to its units
 * first), which runs all three lanes; test/kernels/row-hash.test.ts holds them equal. The row's
 * result is split into a 53-bit part (sortable as a float) and the 11 remaining bits, packed with
 * the row's character count as an extra confirmation.
 *
 * @example
 * const { hash, rest } = hashSourceRows(rows, columns) // Float64Array, Int32Array, one per row
 * const h = new RowHasher(); h.begin(); h.value('CHG1'); h.nullValue(); h.end(out, 0) // row 0 of out
 */
import type { TextUnits, Units } from './text-units.js';
import { UnitScratch } from './utf8.js';

/** What a null (blank) value mixes in, where a value mixes in its length. */
export const NULL_MARK = 0x7fffffff;
/** The lanes' starting values (their multipliers, cyrb53's, are written out in each loop: hot code). */
export const LANE_SEED_1 = 0xdeadbeef;
export const LANE_SEED_2 = 0x41c6ce57;
/** The distinct hash's starting value (its multiplier, 2246822519, is written out in each loop). */
export const DISTINCT_SEED = 0x811c9dc5;

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

/** Where a UTF-8 value beyond ASCII is decoded to its code units. */
const scratch = new UnitScratch();

/**
 * One row's hash, its values mixed in column order (`begin`, then one call a value, then `end`):
 * the lanes of the row so far and its character count. A typer feeds it each cell as it visits
 * it; the calls over bytes also return the value's distinct hash (`hash32`).
 */
export class RowHasher {
  h1 = LANE_SEED_1;
  h2 = LANE_SEED_2;
  size = 0;
  /** The distinct lane after the last `mixUnits`, before its finalizer. */
  private h3 = 0;

  /** A new row. */
  begin(): void {
    this.h1 = LANE_SEED_1;
    this.h2 = LANE_SEED_2;
    this.size = 0;
  }

  /** A null (blank) value. */
  nullValue(): void {
    this.frame(NULL_MARK);
  }

  /** The value text[from, to) (the reference steps, over a string). */
  value(text: string, from = 0, to = text.length): void {
    this.frame(to - from);
    this.mixText(text, from, to);
    this.size += to - from;
  }

  /** The value of code units[from, to) (Latin-1 bytes or UTF-16): `value`'s steps; its distinct hash. */
  valueUnits(units: Units, from: number, to: number): number {
    const n = to - from;
    this.frame(n);
    this.mixUnits(units, from, to, DISTINCT_SEED ^ n);
    this.size += n;
    return finalize32(this.h3);
  }

  /** The value of the UTF-8 bytes[from, to) (its UTF-16 code units: `value`'s steps); its distinct hash. */
  valueUtf8(bytes: Uint8Array, from: number, to: number): number {
    const h1 = this.h1;
    const h2 = this.h2;
    const n = to - from;
    this.frame(n);
    // ASCII bytes are their code units; a value beyond ASCII is mixed again, from its decoded units.
    if ((this.mixUnits(bytes, from, to, DISTINCT_SEED ^ n) & 0x00800080) === 0) {
      this.size += n;
      return finalize32(this.h3);
    }
    this.h1 = h1;
    this.h2 = h2;
    return this.valueUnits(scratch.units, 0, scratch.decode(bytes, from, to));
  }

  /** Row i's hash from the values mixed since `begin`, into `out`. */
  end(out: RowHashes, i: number): void {
    packRowHash(out, i, this.h1, this.h2, this.size);
  }

  /** Mix one 32-bit word: a value's length framing it, or the null mark. */
  private frame(w: number): void {
    this.h1 = Math.imul(this.h1 ^ w, 2654435761);
    this.h2 = Math.imul(this.h2 ^ w, 1597334677);
  }

  /**
   * The reference steps: mix text[from, to) two UTF-16 code units per step (lossless: each is
   * < 2^16); an odd last unit goes alone, which the length framing keeps unambiguous. (No read
   * past the end: V8 deopts on it.)
   */
  mixText(text: string, from: number, to: number): void {
    let h1 = this.h1;
    let h2 = this.h2;
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
    this.h1 = h1;
    this.h2 = h2;
  }

  /**
   * The fast form: `mixText`'s steps over code units[from, to) (a Latin-1 byte is its code unit),
   * and the distinct lane from `h3` over the same words. Returns the OR of the words (whether
   * every unit is ASCII).
   */
  mixUnits(units: Units, from: number, to: number, h3: number): number {
    let h1 = this.h1;
    let h2 = this.h2;
    let high = 0;
    const even = from + ((to - from) & ~1);
    let k = from;
    for (; k < even; k += 2) {
      const w = units[k]! | (units[k + 1]! << 16);
      high |= w;
      h1 = Math.imul(h1 ^ w, 2654435761);
      h2 = Math.imul(h2 ^ w, 1597334677);
      h3 = Math.imul(h3 ^ w, 2246822519);
    }
    if (k < to) {
      const w = units[k]!;
      high |= w;
      h1 = Math.imul(h1 ^ w, 2654435761);
      h2 = Math.imul(h2 ^ w, 1597334677);
      h3 = Math.imul(h3 ^ w, 2246822519);
    }
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
    return high;
  }
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

/** The hasher of `hashSourceRows`, `hashText` and `hashUnits`. */
const hasher = new RowHasher();

function hashRow(out: RowHashes, i: number, spans: (SpanColumn | undefined)[], values: (readonly (string | null)[] | null)[]): void {
  hasher.begin();
  for (let c = 0; c < spans.length; c++) {
    const span = spans[c];
    if (span?.units) {
      if (span.valid![i]) hasher.valueUnits(span.units, span.start[i]!, span.end[i]!);
      else hasher.nullValue();
    } else if (span) {
      const a = span.start[i]!;
      if (a >= 0 && span.utf8) hasher.valueUtf8(span.utf8, a, span.end[i]!);
      else if (a >= 0 && span.bytes) hasher.valueUnits(span.bytes, a, span.end[i]!);
      else if (a >= 0) hasher.value(span.text!, a, span.end[i]!);
      else if (a <= -2) hasher.value(span.literals![-2 - a]!);
      else hasher.nullValue();
    } else {
      const v = values[c]?.[i];
      if (v != null) hasher.value(v);
      else hasher.nullValue();
    }
  }
  hasher.end(out, i);
}

/** Both lanes after the final avalanche: lane 1's result is returned, lane 2's left here. */
let avalanched2 = 0;

/** The final avalanche of both lanes into each other. */
function avalanche(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  avalanched2 = h2;
  return h1;
}

/**
 * Row i's hash from its lanes after its last value and its character count: the avalanche, then
 * the 53-bit part and the rest.
 */
function packRowHash(out: RowHashes, i: number, h1: number, h2: number, size: number): void {
  const a1 = avalanche(h1, h2);
  const a2 = avalanched2;
  out.hash[i] = 4294967296 * (a2 & 0x1fffff) + (a1 >>> 0);
  out.rest[i] = ((a2 >>> 21) & 0x7ff) | (Math.min(size, 0xfffff) << 11);
}

/** 16 hex digits of the 64-bit hash (for evidence). */
export function hashHex(hash: number, rest: number): string {
  const high = (Math.floor(hash / 4294967296) | ((rest & 0x7ff) << 21)) >>> 0;
  const low = hash % 4294967296;
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

/** `hashText` of the code units[from, to) — the same number, without making the string. */
export function hashUnits(units: Units, from: number, to: number): number {
  hasher.h1 = LANE_SEED_1 ^ (to - from);
  hasher.h2 = LANE_SEED_2 ^ (to - from);
  hasher.mixUnits(units, from, to, 0);
  return hash53(hasher.h1, hasher.h2);
}

/** A 53-bit hash of one string (same lanes as the row hash), sortable as a float. */
export function hashText(v: string): number {
  hasher.h1 = LANE_SEED_1 ^ v.length;
  hasher.h2 = LANE_SEED_2 ^ v.length;
  hasher.mixText(v, 0, v.length);
  return hash53(hasher.h1, hasher.h2);
}

function hash53(h1: number, h2: number): number {
  const a1 = avalanche(h1, h2);
  return 4294967296 * (avalanched2 & 0x1fffff) + (a1 >>> 0);
}

/**
 * The distinct sketch's 32-bit hash of a value (the reference, over its string): two UTF-16 code
 * units a step (one multiply), framed by the length, then murmur3's finalizer. `RowHasher`'s
 * `valueUnits` and `valueUtf8` return the same number from their word loads.
 */
export function hash32(s: string): number {
  const n = s.length;
  let h = DISTINCT_SEED ^ n;
  let k = 0;
  for (; k + 1 < n; k += 2) h = Math.imul(h ^ (s.charCodeAt(k) | (s.charCodeAt(k + 1) << 16)), 2246822519);
  if (k < n) h = Math.imul(h ^ s.charCodeAt(k), 2246822519);
  return finalize32(h);
}

/** murmur3's 32-bit finalizer: every input bit reaches every output bit. */
export function finalize32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
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
