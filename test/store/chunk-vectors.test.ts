import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { unitsToString } from '../../src/kernels/units.js';
import { columnsOf } from '../../src/population/vectors.js';
import { decodeChunk, encodeChunk } from '../../src/store/chunk-codec.js';
import type { ChunkColumns } from '../../src/store/chunk-columns.js';

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/**
 * A chunk whose source columns are spans into its own text, as the CSV typer writes them: slices,
 * nulls and literal cells (ASCII only, or with Latin-1 and wider characters), over Latin-1 or
 * UTF-8 text: spans count its bytes, or (`units`: a version 2 file) UTF-16 code units.
 */
function spansChunk(rng: Rng, units = false): { columns: ChunkColumns; expected: (string | null)[][] } {
  const rows = 1 + Math.floor(rng() * 60);
  const width = 1 + Math.floor(rng() * 3);
  const utf8 = rng() < 0.3;
  const ascii = utf8 && rng() < 0.3;
  const pieces = ascii ? ['CHG', '7', ' '] : utf8 ? ['CHG', '7', ' ', 'é', 'Ж', '中', '😀'] : ['CHG', '7', ' ', 'é', 'x'];
  const encoding = utf8 ? 'utf8' : 'latin1';
  const length = (v: string) => (units ? v.length : Buffer.byteLength(v, encoding));
  const literalPieces = rng() < 0.5 ? ['A', '"', '1'] : ['A', 'ÿ', '€', '"'];
  let text = '';
  const expected: (string | null)[][] = [];
  const source: ChunkColumns['source'] = [];
  for (let c = 0; c < width; c++) {
    const start = new Int32Array(rows);
    const end = new Int32Array(rows);
    const literals: string[] = [];
    const values: (string | null)[] = [];
    for (let i = 0; i < rows; i++) {
      const r = rng();
      if (r < 0.15) {
        start[i] = -1;
        end[i] = -1;
        values.push(null);
        continue;
      }
      if (r < 0.35) {
        const v = Array.from({ length: Math.floor(rng() * 5) }, () => pick(rng, literalPieces)).join('');
        start[i] = -2 - literals.length;
        literals.push(v);
        values.push(v);
        continue;
      }
      // Now and then a cell wider than a 16-bit width holds (its column keeps 32-bit ends).
      const v = rng() < 0.01 ? 'w'.repeat(70_000) : Array.from({ length: Math.floor(rng() * 5) }, () => pick(rng, pieces)).join('');
      start[i] = length(text);
      text += v;
      end[i] = length(text);
      values.push(v);
    }
    source.push({ header: `c${c}`, column: { kind: 'spans', start, end, literals } });
    expected.push(values);
  }
  const columns: ChunkColumns = {
    rows,
    record: Int32Array.from({ length: rows }, (_, i) => i + 1),
    line: Int32Array.from({ length: rows }, (_, i) => i + 2),
    text: { bytes: Buffer.from(text, encoding), encoding },
    source,
    fields: {},
  };
  return { columns, expected };
}

describe('a stored chunk read as vectors', () => {
  it('gives every text column as code units that spell its cells, and cells, values and blank rows as written', () => {
    const forms = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      const rng = seedrandom(`vectors-${seed}`);
      const { columns, expected } = spansChunk(rng);
      const file = encodeChunk(columns);
      const chunk = decodeChunk(file);
      forms.add(file.includes('"ends":"u16"') ? 'ends:u16' : 'ends:i32');
      expected.forEach((values, c) => {
        const v = columnsOf(chunk).source(`c${c}`)!;
        const cells = v.units();
        forms.add(`${cells.units.constructor.name}:${cells.units.length > (columns.text?.bytes.length ?? 0) + 64 ? 'file' : 'own'}`);
        const fromUnits = values.map((_, i) => (cells.valid[i] ? unitsToString(cells.units, cells.start[i]!, cells.end[i]!) : null));
        expect(fromUnits, `seed ${seed} column ${c}`).toEqual(values);
        expect(values.map((_, i) => v.cell(i)), `seed ${seed} column ${c}`).toEqual(values);
        expect(v.blankRows(), `seed ${seed} column ${c}`).toEqual(values.flatMap((x, i) => (x == null || x === '' ? [i] : [])));
        expect(v.values(), `seed ${seed} column ${c}`).toEqual(values);
      });
    }
    // Every layout was met: the chunk file's own bytes, a gathered Latin-1 copy, UTF-16; ends as 16-bit widths and as 32-bit offsets.
    expect([...forms].sort()).toEqual(expect.arrayContaining(['Buffer:file', 'Uint16Array:own', 'Uint8Array:own', 'ends:u16', 'ends:i32']));
  });

  it('reads a text kept as a range of the source copy as the same text kept in the file (version 4), and refuses it without the copy', () => {
    for (let seed = 0; seed < 100; seed++) {
      const rng = seedrandom(`vectors-source-${seed}`);
      const { columns, expected } = spansChunk(rng);
      const text = columns.text!;
      // The copy: the chunk's bytes at some offset between other bytes.
      const at = Math.floor(rng() * 50);
      const copy = Buffer.concat([Buffer.alloc(at, 0x41), text.bytes, Buffer.alloc(7, 0x42)]);
      const file = encodeChunk({ ...columns, text: { ...text, source: at } });
      const own = encodeChunk(columns);
      expect(file.readUInt32LE(4), `seed ${seed}`).toBe(4);
      expect(own.readUInt32LE(4), `seed ${seed}`).toBe(3);
      expect(file.length, `seed ${seed}`).toBeLessThanOrEqual(own.length - text.bytes.length + 8 + 40);
      const reads: [number, number][] = [];
      const chunk = decodeChunk(file, (start, length) => (reads.push([start, length]), copy.subarray(start, start + length)));
      expect(reads, `seed ${seed}`).toEqual([[at, text.bytes.length]]);
      expected.forEach((values, c) => {
        const v = columnsOf(chunk).source(`c${c}`)!;
        const cells = v.units();
        expect(values.map((_, i) => (cells.valid[i] ? unitsToString(cells.units, cells.start[i]!, cells.end[i]!) : null)), `seed ${seed} column ${c}`).toEqual(values);
        expect(v.values(), `seed ${seed} column ${c}`).toEqual(values);
      });
      expect(() => decodeChunk(file), `seed ${seed}`).toThrow(/source copy/);
      if (text.bytes.length) expect(() => decodeChunk(file, () => copy.subarray(0, 0)), `seed ${seed}`).toThrow(/source copy ends/);
    }
  });

  it('reads a version 2 file, whose spans over UTF-8 text count UTF-16 code units, as written', () => {
    let utf8 = 0;
    for (let seed = 0; seed < 100; seed++) {
      const rng = seedrandom(`vectors-v2-${seed}`);
      const { columns, expected } = spansChunk(rng, true);
      if (columns.text?.encoding === 'utf8') utf8++;
      const file = encodeChunk(columns);
      file.writeUInt32LE(2, 4);
      const chunk = decodeChunk(file);
      expected.forEach((values, c) => {
        const v = columnsOf(chunk).source(`c${c}`)!;
        const cells = v.units();
        expect(values.map((_, i) => (cells.valid[i] ? unitsToString(cells.units, cells.start[i]!, cells.end[i]!) : null)), `seed ${seed} column ${c}`).toEqual(values);
        expect(values.map((_, i) => v.cell(i)), `seed ${seed} column ${c}`).toEqual(values);
        expect(v.values(), `seed ${seed} column ${c}`).toEqual(values);
      });
    }
    expect(utf8).toBeGreaterThan(10);
  });

  it('refuses a chunk file of a format newer than this build with a coded error naming it', () => {
    const file = encodeChunk(spansChunk(seedrandom('vectors-newer')).columns);
    file.writeUInt32LE(99, 4);
    expect(() => decodeChunk(file)).toThrow(expect.objectContaining({ code: 'TM_ERR_STORE_FORMAT', message: expect.stringMatching(/a chunk file is in format 99; this tickmark reads formats 1–4/) }));
  });
});
