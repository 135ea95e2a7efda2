/**
 * A chunked text column decodes a chunk's values only when a row of that chunk is first read,
 * each chunk once, and reads the same values by position, by iteration and as an array.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import type { PopulationChunk } from '../../src/population/types.js';
import { ChunkedTextColumn } from '../../src/tables/chunked-column.js';

const chunkOf = (values: (string | null)[]): PopulationChunk => ({ rows: values.length, record: new Int32Array(values.length), line: new Int32Array(values.length), source: { c: values }, fields: {} });

describe('ChunkedTextColumn', () => {
  it('decodes a chunk on its first read only', () => {
    const chunks = [chunkOf(['a', null]), chunkOf(['c']), chunkOf(['d', 'e', 'f'])];
    const decoded: number[] = [];
    const column = new ChunkedTextColumn(chunks, (c) => {
      decoded.push(chunks.indexOf(c));
      return c.source.c!;
    });
    expect(column.length).toBe(6);
    expect(decoded).toEqual([]);
    expect(column.at(4)).toBe('e');
    expect(column.at(5)).toBe('f');
    expect(decoded).toEqual([2]);
    expect(column.at(1)).toBeNull();
    expect(column.at(0)).toBe('a');
    expect(decoded).toEqual([2, 0]);
    expect(column.at(6)).toBeNull();
    expect(decoded).toEqual([2, 0]);
  });

  it('reads every value by position in any order, by iteration and as an array, for any split into chunks', () => {
    const rng = seedrandom('chunked-column');
    for (let trial = 0; trial < 200; trial++) {
      const sizes = Array.from({ length: Math.floor(rng() * 6) }, () => Math.floor(rng() * 5));
      const flat: (string | null)[] = [];
      const chunks = sizes.map((n) => chunkOf(Array.from({ length: n }, () => {
        const v = rng() < 0.2 ? null : `v${flat.length}`;
        flat.push(v);
        return v;
      })));
      const column = new ChunkedTextColumn(chunks, (c) => c.source.c!);
      expect(column.length).toBe(flat.length);
      const order = flat.map((_, i) => i).sort(() => rng() - 0.5);
      for (const i of order) expect(column.at(i)).toBe(flat[i]);
      expect([...column]).toEqual(flat);
      expect(column.toArray()).toEqual(flat);
    }
  });
});
