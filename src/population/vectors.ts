/**
 * The column model: every column of a chunk is a vector, read through one typed accessor per
 * kind, whatever its storage. Text (source cells, string and enum fields) is a `TextVector`:
 * cells as strings one at a time, all at once, or as code units over one buffer (`TextUnits`:
 * Latin-1 bytes or UTF-16 with a validity map) for kernels that read no string per cell; a chunk
 * file keeps text as spans over its own Latin-1 or UTF-8 text and enums as dictionary codes, and
 * its vectors read them so. Numbers, booleans and timestamps are a `NumberVector` of float64
 * (timestamps in epoch ms; NaN is null). Checks, sampling, projections and row readers reach
 * columns through `columnsOf(chunk)` only.
 *
 * @example
 * const key = columnsOf(chunk).field('change_id') // a TextVector
 * key?.kind === 'text' && key.cell(0) // 'CHG0000001'
 */
import { unitsOfStrings, type TextUnits } from '../kernels/units.js';
import type { FieldColumn, PopulationChunk } from './types.js';
import type { RowHashes } from '../kernels/row-hash.js';
import type { ChunkVectors, FieldVector, NumberVector, TextVector } from './vector-types.js';

export type { ChunkVectors, FieldVector, NumberVector, TextVector } from './vector-types.js';

/** The columns of a chunk: its own vectors when it was read from a file, else over its plain values. */
export function columnsOf(chunk: PopulationChunk): ChunkVectors {
  return chunk.vectors ?? new ValueVectors(chunk);
}

/** Rows of `values` that are null, '' or NaN. */
export function blankRowsOf(values: ArrayLike<string | number | null>, rows: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    if (v == null || v === '' || v !== v) out.push(i);
  }
  return out;
}

/** A text vector over strings. */
export class StringsText implements TextVector {
  readonly kind = 'text';
  constructor(private readonly strings: (string | null)[], readonly rows: number, readonly type: 'string' | 'enum' = 'string') {}

  cell(i: number): string | null {
    return this.strings[i] ?? null;
  }

  values(): (string | null)[] {
    return this.strings;
  }

  units(): TextUnits {
    return unitsOfStrings(this.strings, this.rows);
  }

  blankRows(): number[] {
    return blankRowsOf(this.strings, this.rows);
  }
}

/** A number vector over float64 values (NaN is null). */
export class Float64Numbers implements NumberVector {
  readonly kind = 'number';
  constructor(readonly values: Float64Array, readonly rows: number, readonly type: 'timestamp' | 'number' | 'boolean') {}

  cell(i: number): number | null {
    const v = this.values[i];
    return v === undefined || v !== v ? null : v;
  }

  blankRows(): number[] {
    return blankRowsOf(this.values, this.rows);
  }
}

/** The vector of a plain field column. */
export function fieldVector(column: FieldColumn, rows: number): FieldVector {
  if (column.type === 'string' || column.type === 'enum') return new StringsText(column.values, rows, column.type);
  return new Float64Numbers(column.values as Float64Array, rows, column.type);
}

/** Vectors over a chunk's plain values (chunks built in memory: tests, spreadsheets, SQL rows). */
class ValueVectors implements ChunkVectors {
  constructor(private readonly chunk: PopulationChunk) {}

  source(header: string): TextVector | undefined {
    const values = Object.hasOwn(this.chunk.source, header) ? this.chunk.source[header] : undefined;
    return values ? new StringsText(values, this.chunk.rows) : undefined;
  }

  field(name: string): FieldVector | undefined {
    const column = Object.hasOwn(this.chunk.fields, name) ? this.chunk.fields[name] : undefined;
    return column ? fieldVector(column, this.chunk.rows) : undefined;
  }

  rowHashes(): RowHashes | undefined {
    return undefined;
  }
}
