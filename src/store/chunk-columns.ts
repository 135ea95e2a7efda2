/**
 * The in-memory form of a typed chunk as the typer builds it and the codec writes it. Arrays may
 * be longer than `rows` (sized before the count is known); only the first `rows` entries count.
 * Reading a chunk back gives a `PopulationChunk` (plain values), whatever the form written.
 */
import type { FieldType } from '../population/kinds.js';
import type { RowHashes } from '../kernels/row-hash.js';

/** The text of one column, one of two ways. */
export type TextColumn =
  /** Values as strings; null for blank. (XLSX, tests.) */
  | { kind: 'values'; values: (string | null)[] }
  /**
   * Byte offsets into the chunk's own text (CSV): `start >= 0` → the text of bytes[start, end); `-1` → null;
   * `<= -2` → literals[-2 - start] (a quoted cell, whose value is not a verbatim slice).
   */
  | { kind: 'spans'; start: Int32Array; end: Int32Array; literals: string[] };

export type FieldData =
  | { type: FieldType; kind: 'f64'; values: Float64Array }
  | { type: FieldType; kind: 'text'; column: TextColumn }
  /** The same values as a source column (a string field whose cells needed no trimming). */
  | { type: FieldType; kind: 'alias'; of: string }
  /** Codes into `dict` (enums); -1 → null. */
  | { type: FieldType; kind: 'dict'; codes: Int32Array; dict: string[] };

export interface ChunkColumns {
  rows: number;
  record: Int32Array;
  line: Int32Array;
  /**
   * The chunk's text, when source columns are spans into it: Latin-1 bytes when every character
   * fits (ASCII and Western accents: one byte each, decoded by a plain widening copy), else UTF-8.
   * `delimiter`: what separates a record's cells when they are verbatim slices (CSV). `source`:
   * where `bytes` start in the population's source copy when they are that copy's bytes as they
   * are (the chunk file then keeps the range, not the bytes).
   */
  text?: { bytes: Uint8Array; encoding: 'latin1' | 'utf8'; delimiter?: string; source?: number };
  /** Source columns in header order. */
  source: { header: string; column: TextColumn }[];
  fields: Record<string, FieldData>;
  /** Whole-row hashes of the source values (population/row-hash.ts), computed while typing. */
  rowHashes?: RowHashes;
}
