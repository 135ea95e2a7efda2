/**
 * The column model's types (vectors.ts has the model and `columnsOf`): declarations only, so that
 * type-only readers of population types need no Node built-ins.
 *
 * @example
 * const key: FieldVector | undefined = columnsOf(chunk).field('change_id')
 */
import type { RowHashes } from '../kernels/row-hash.js';
import type { TextUnits } from '../kernels/text-units.js';

export interface TextVector {
  readonly kind: 'text';
  /** 'string' for source columns. */
  readonly type: 'string' | 'enum';
  readonly rows: number;
  /** Cell i; null when blank. */
  cell(i: number): string | null;
  /** Every cell as a string (made once). */
  values(): (string | null)[];
  /** Every cell as code units over one buffer. */
  units(): TextUnits;
  /** Rows that are null or ''. */
  blankRows(): number[];
  /** The column's dictionary and each row's code into it (−1: null), when it is stored so (enums). */
  dictionary?(): { codes: Int32Array; values: readonly string[] };
}

export interface NumberVector {
  readonly kind: 'number';
  readonly type: 'timestamp' | 'number' | 'boolean';
  readonly rows: number;
  /** NaN is null. */
  readonly values: Float64Array;
  cell(i: number): number | null;
  blankRows(): number[];
}

export type FieldVector = TextVector | NumberVector;

export interface ChunkVectors {
  /** A source column by header, or undefined when the chunk lacks it. */
  source(header: string): TextVector | undefined;
  /** A canonical field, or undefined when the chunk lacks it. */
  field(name: string): FieldVector | undefined;
  /** Whole-row hashes stored with the chunk at ingest (absent in files written before them). */
  rowHashes(): RowHashes | undefined;
}
