import { describe, expect, it } from 'vitest';
import { addDistinct, newDistinct } from '../../src/ingest/profile/distinct.js';
import { ByteDistinct } from '../../src/ingest/profile/byte-distinct.js';
import { isBlankCell, isBlankUtf8 } from '../../src/kernels/blank.js';
import { hashSourceRows, RowHasher } from '../../src/kernels/row-hash.js';
import { trimEndUtf8, trimStartUtf8 } from '../../src/kernels/trim.js';
import { utf8ToUnits } from '../../src/kernels/utf8.js';
import { randomText, utf16 } from './random-text.js';

/** Cells laid end to end in UTF-8 after a two-byte lead, with their byte spans. */
function laidOut(cells: readonly (string | null)[]): { bytes: Buffer; start: Int32Array; end: Int32Array } {
  const start = new Int32Array(cells.length);
  const end = new Int32Array(cells.length);
  let at = 2;
  cells.forEach((v, i) => {
    start[i] = v === null ? -1 : at;
    at += v === null ? 0 : Buffer.byteLength(v, 'utf8');
    end[i] = at;
  });
  return { bytes: Buffer.from(`Ж${cells.map((v) => v ?? '').join('')}`, 'utf8'), start, end };
}

describe('UTF-8 kernels', () => {
  it('utf8ToUnits gives the code units Buffer.toString gives (2-, 3- and 4-byte sequences, surrogate pairs)', () => {
    for (let seed = 0; seed < 30; seed++) {
      const any = randomText(`utf8-units-${seed}`);
      for (let k = 0; k < 200; k++) {
        const u = any();
        const bytes = Buffer.from(`é${u}`, 'utf8');
        const out = new Uint16Array(bytes.length + 1);
        const n = utf8ToUnits(bytes, 2, bytes.length, out, 1);
        expect(out.subarray(1, n), JSON.stringify(u)).toEqual(utf16(u));
      }
    }
  });

  it('trimStartUtf8/trimEndUtf8 and isBlankUtf8 equal String.prototype.trim and isBlankCell for all inputs', () => {
    for (let seed = 0; seed < 30; seed++) {
      const any = randomText(`utf8-trim-${seed}`);
      for (let k = 0; k < 300; k++) {
        const u = any();
        const bytes = Buffer.from(`中${u}😀`, 'utf8');
        const from = 3;
        const to = bytes.length - 4;
        const s = trimStartUtf8(bytes, from, to);
        expect(bytes.toString('utf8', s, trimEndUtf8(bytes, s, to)), JSON.stringify(u)).toBe(u.trim());
        expect(isBlankUtf8(bytes, from, to), JSON.stringify(u)).toBe(isBlankCell(u));
      }
    }
    const spaces = '\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
    const padded = Buffer.from(`${spaces}x${spaces}`, 'utf8');
    expect(padded.toString('utf8', trimStartUtf8(padded, 0, padded.length), trimEndUtf8(padded, 0, padded.length))).toBe('x');
  });

  it('the row hash of UTF-8 byte spans is the row hash of the same cells as strings', () => {
    for (let seed = 0; seed < 20; seed++) {
      const text = randomText(`utf8-rows-${seed}`);
      const rows = 1 + (seed * 37) % 200;
      const columns = Array.from({ length: 1 + (seed % 4) }, (_, c) => Array.from({ length: rows }, (_, i) => ((i + c) % 7 === 0 ? null : text())));
      const spans = columns.map((cells) => {
        const { bytes, start, end } = laidOut(cells);
        return { utf8: bytes, start, end, literals: [] };
      });
      expect(hashSourceRows(rows, spans), `seed ${seed}`).toEqual(hashSourceRows(rows, columns));
    }
  });

  it('a distinct sketch fed with UTF-8 byte spans (and some strings) equals one fed with the strings, below and above the exact cap', () => {
    for (const [seed, count] of [[0, 300], [1, 2500], [2, 9000]] as const) {
      const text = randomText(`utf8-distinct-${seed}`);
      const cells = Array.from({ length: count }, (_, i) => `${text()}${i % 3 === 0 ? i : ''}`);
      const { bytes, start, end } = laidOut(cells);
      const fromBytes = new ByteDistinct(bytes, 'utf8');
      const fromStrings = newDistinct();
      const hasher = new RowHasher(); // the typer's: each cell's distinct hash from the row hash's word loads
      cells.forEach((v, i) => {
        if (i % 10 === 0) fromBytes.addText(v);
        else fromBytes.add(start[i]!, end[i]!, hasher.valueUtf8(bytes, start[i]!, end[i]!));
        addDistinct(fromStrings, v);
      });
      expect(fromBytes.sketch(), `${count} cells`).toEqual(fromStrings);
    }
  });
});
