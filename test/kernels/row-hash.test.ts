import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { forEachByteRecord } from '../../src/ingest/csv/byte-records.js';
import { makeTypingPlan } from '../../src/ingest/typing/plan.js';
import { ChunkTyper } from '../../src/ingest/typing/type-records.js';
import { isBlankCell } from '../../src/kernels/blank.js';
import { hash32, hashSourceRows, hashText, hashUnits, RowHasher } from '../../src/kernels/row-hash.js';
import { unitsOfStrings } from '../../src/kernels/units.js';
import { randomText, utf16 } from './random-text.js';

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Cells as exports hold them: ASCII, Latin-1, multi-byte UTF-8 (a surrogate pair too), blanks, quotes, CR/LF, delimiters. */
function randomCell(rng: Rng, text: () => string, latin1: boolean, delimiter: string): string {
  const wide = latin1 ? [] : ['Дмитрий', '中文 名', '😀', 'a😀b', '\u3000x\u2003', 'Ωμέγα'];
  return pick(rng, [text, text, text, () => pick(rng, ['', ' ', '\u00a0', '  ', 'CHG0001', 'Müller é', 'ÿ', `a${delimiter}b`, 'say "hi"', '"', '""', 'line 1\r\nline 2', '\n', 'x\ry', ...wide])])();
}

/** A row as a CSV line: each cell quoted when it must be (or at random), doubled quotes inside. */
function csvLine(rng: Rng, cells: readonly string[], delimiter: string): string {
  const must = (v: string) => v.includes('"') || v.includes('\n') || v.includes('\r') || v.includes(delimiter);
  return cells.map((v) => (must(v) || rng() < 0.3 ? `"${v.replace(/"/g, '""')}"` : v)).join(delimiter);
}

describe('row hash kernel', () => {
  it('the byte form equals the string form for all inputs', () => {
    for (let seed = 0; seed < 40; seed++) {
      const latin1 = randomText(`hash-l-${seed}`, true);
      const any = randomText(`hash-u-${seed}`);
      for (let k = 0; k < 200; k++) {
        const a = latin1();
        const bytes = Buffer.from(`xy${a}z`, 'latin1');
        expect(hashUnits(bytes, 2, 2 + a.length), JSON.stringify(a)).toBe(hashText(a));
        const u = any();
        expect(hashUnits(utf16(`_${u}`), 1, 1 + u.length), JSON.stringify(u)).toBe(hashText(u));
      }
    }
  });

  it('hashes rows from code units exactly as from the same cells as strings (nulls, empty cells, every character)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const rng = seedrandom(`rows-${seed}`);
      const text = randomText(`rows-t-${seed}`, seed % 2 === 0);
      const rows = 1 + Math.floor(rng() * 300);
      const columns = Array.from({ length: 1 + Math.floor(rng() * 5) }, () =>
        Array.from({ length: rows }, () => (rng() < 0.15 ? null : text())),
      );
      const fromStrings = hashSourceRows(rows, columns);
      const fromUnits = hashSourceRows(rows, columns.map((c) => unitsOfStrings(c)));
      expect(fromUnits, `seed ${seed}`).toEqual(fromStrings);
    }
  });

  it('hash while typing equals hashSourceRows over the strings: byte records (plain and quoted), every delimiter, Latin-1 and UTF-8', () => {
    let quoted = 0;
    for (let seed = 0; seed < 48; seed++) {
      const rng = seedrandom(`typing-${seed}`);
      const latin1 = seed % 2 === 0;
      const delimiter = DELIMITERS[(seed >> 1) % 4]!;
      const text = randomText(`typing-t-${seed}`, latin1);
      const width = 1 + Math.floor(rng() * 8);
      const headers = Array.from({ length: width }, (_, c) => `c${c}`);
      // The first cell is a key (never blank, never a total label): every row is a data row.
      const rows = Array.from({ length: 1 + Math.floor(rng() * 200) }, (_, i) => [`K${i}`, ...Array.from({ length: width - 1 }, () => randomCell(rng, text, latin1, delimiter))]);
      const csv = rows.map((r) => csvLine(rng, r, delimiter)).join(rng() < 0.5 ? '\r\n' : '\n');
      const encoding = latin1 ? 'latin1' : 'utf8';
      const bytes = Buffer.from(csv, encoding);
      const plan = makeTypingPlan(headers, {}, [], { timeZone: 'UTC' });
      const typer = new ChunkTyper(plan, { capacity: rows.length, text: { bytes, encoding, delimiter } });
      forEachByteRecord(bytes, encoding, delimiter, (from, to, line) => typer.addLine(from, to, line), (cells, line, from, to) => {
        quoted++;
        typer.addQuoted(cells, line, from, to);
      }, () => {
        throw new Error(`seed ${seed}: a regular record left the byte path`);
      });
      const typed = typer.finish().columns;
      expect(typed.rows, `seed ${seed}`).toBe(rows.length);
      const strings = headers.map((_, c) => rows.map((r) => (isBlankCell(r[c]!) ? null : r[c]!)));
      expect(typed.rowHashes, `seed ${seed}`).toEqual(hashSourceRows(rows.length, strings));
      // The same rows given to the typer as strings (the path of irregular records and XLSX).
      const viaStrings = new ChunkTyper(plan, { capacity: rows.length });
      rows.forEach((r, i) => viaStrings.add(r, i + 1));
      expect(viaStrings.finish().columns.rowHashes, `seed ${seed}`).toEqual(typed.rowHashes);
    }
    expect(quoted).toBeGreaterThan(1000); // the quoted byte reader is reached, not only plain lines
  });

  it('gives each value mixed from bytes its distinct hash, as hash32 of its string', () => {
    const hasher = new RowHasher();
    for (let seed = 0; seed < 20; seed++) {
      const any = randomText(`cell-${seed}`);
      for (let k = 0; k < 200; k++) {
        const v = any();
        const utf8 = Buffer.from(`é${v}`, 'utf8');
        expect(hasher.valueUtf8(utf8, 2, utf8.length), JSON.stringify(v)).toBe(hash32(v));
        expect(hasher.valueUnits(utf16(v), 0, v.length), JSON.stringify(v)).toBe(hash32(v));
      }
    }
  });

  it('tells apart cells split differently and a blank cell from an empty one', () => {
    const split = hashSourceRows(2, [['ab', 'a'], ['c', 'bc']]);
    expect(split.hash[0]).not.toBe(split.hash[1]);
    const blank = hashSourceRows(2, [unitsOfStrings([null, ''])]);
    expect(blank.hash[0]).not.toBe(blank.hash[1]);
  });
});
