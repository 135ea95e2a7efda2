/**
 * A chunk's vectors (population/vectors.ts) as Apache Arrow batches, through flechette's public
 * batch and column types: text as Utf8 gathered from the vector's code units, enums stored as
 * dictionary codes as Dictionary<Utf8, Int32> over those codes, numbers and booleans as Float64,
 * timestamps as Timestamp(ms, UTC), blanks (null, NaN) as validity bitmaps. No string is made per
 * cell. Record and line numbers are Int32.
 *
 * @example
 * const { batch } = arrowBatch(columnsOf(chunk).field('deployed_at')!, chunk.rows)
 * new Column([batch]).at(0) // 1736242200000
 */
import { Column, TimeUnit, batchType, dictionary, float64, int32, timestamp, utf8, type Batch, type DataType } from '@uwdata/flechette';
import type { FieldVector } from '../population/vector-types.js';
import { unitsOfStrings } from '../kernels/units.js';
import { int64Words, nullCodesAsZero, utf8Cells, validNumbers, validityOf } from './arrow-cells.js';

/** One column of one chunk as an Arrow batch. `transcoded`: text code units that became more than one UTF-8 byte. */
export interface ArrowBatch {
  type: DataType;
  batch: Batch<unknown>;
  transcoded: number;
}

// flechette types its batch constructors loosely (`batchType` returns `any`); this is their shape.
type BatchOptions = { length: number; nullCount: number; type: DataType; validity: Uint8Array; values: ArrayBufferView; offsets?: Int32Array };
const makeBatch = (options: BatchOptions): Batch<unknown> => {
  const Ctor = batchType(options.type) as new (o: BatchOptions) => Batch<unknown>;
  return new Ctor(options);
};

export function int32Batch(values: Int32Array, rows: number): Batch<unknown> {
  return makeBatch({ length: rows, nullCount: 0, type: int32(), validity: new Uint8Array(0), values: values.subarray(0, rows) });
}

/** Strings (dictionary values) as one Utf8 column. */
export function utf8Column(values: readonly string[]): Column<unknown> {
  const cells = utf8Cells(unitsOfStrings(values), values.length);
  return new Column([makeBatch({ length: values.length, nullCount: 0, type: utf8(), validity: cells.validity, values: cells.bytes, offsets: cells.offsets })]);
}

/**
 * Dictionary codes (−1: null) over `values`, a Utf8 column shared by every batch of the column
 * (the dictionary type names that column's own type: the IPC writer finds dictionaries so).
 */
export function dictionaryBatch(codes: Int32Array, values: Column<unknown>, rows: number): Batch<unknown> {
  const valid = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) valid[i] = codes[i]! >= 0 ? 1 : 0;
  const { validity, nullCount } = validityOf(valid, rows);
  const type = dictionary(values.type, int32());
  const batch = makeBatch({ length: rows, nullCount, type, validity, values: nullCount ? nullCodesAsZero(codes, rows) : codes.subarray(0, rows) });
  return (batch as Batch<unknown> & { setDictionary(c: Column<unknown>): Batch<unknown> }).setDictionary(values);
}

/** A vector as an Arrow batch; a dictionary-coded vector gets its own dictionary column. */
export function arrowBatch(vector: FieldVector, rows: number): ArrowBatch {
  if (vector.kind === 'number') {
    const { validity, nullCount } = validityOf(validNumbers(vector.values, rows), rows);
    if (vector.type === 'timestamp') {
      const type = timestamp(TimeUnit.MILLISECOND, 'UTC');
      const words = int64Words(vector.values, rows);
      return { type, batch: makeBatch({ length: rows, nullCount, type, validity, values: new BigInt64Array(words.buffer) }), transcoded: 0 };
    }
    return { type: float64(), batch: makeBatch({ length: rows, nullCount, type: float64(), validity, values: vector.values.subarray(0, rows) }), transcoded: 0 };
  }
  const coded = vector.dictionary?.();
  if (coded) {
    const batch = dictionaryBatch(coded.codes, utf8Column(coded.values), rows);
    return { type: batch.type, batch, transcoded: 0 };
  }
  const cells = utf8Cells(vector.units(), rows);
  const type = utf8();
  return { type, batch: makeBatch({ length: rows, nullCount: cells.nullCount, type, validity: cells.validity, values: cells.bytes, offsets: cells.offsets }), transcoded: cells.transcoded };
}
