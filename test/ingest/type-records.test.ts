import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { parseChunk } from '../../src/ingest/csv/parse-chunk.js';
import { splitRecords } from '../../src/ingest/csv/split-records.js';
import { makeTypingPlan } from '../../src/ingest/typing/plan.js';
import { typeRecords } from '../../src/ingest/typing/type-records.js';
import type { ColumnPartial } from '../../src/ingest/profile/column-profile.js';
import { mapColumns } from '../../src/ingest/mapping/map-columns.js';
import { kindSpec } from '../../src/population/kinds.js';
import type { PopulationChunk } from '../../src/population/types.js';
import { hashRows } from '../../src/completeness/support/row-hash.js';
import { decodeChunk, encodeChunk } from '../../src/store/chunk-codec.js';
import { columnsOf } from '../../src/population/vectors.js';
import { hashSourceRows } from '../../src/kernels/row-hash.js';
import { readChunkRows } from '../../src/store/chunk-rows.js';
import { pickRows } from '../../src/store/pick-rows.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';

const HEADER = ['Number', 'Type', 'Short Description', 'Requested By', 'Approved By', 'Approved On', 'Implemented By', 'Deployed On', 'Environment'];
const plan = (() => {
  const m = mapColumns(kindSpec('change'), HEADER);
  return makeTypingPlan(HEADER, m.mapping, m.fields, { timeZone: 'UTC' });
})();

/** Random change-log text: quoted cells, doubled quotes, newlines in quotes, padded and blank cells, odd enum case, ragged rows. */
function randomChunk(rng: () => number, rows: number, eol: string, wide: boolean, delimiter = ','): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)]!;
  const cell = (plain: string) => {
    const r = rng();
    if (r < 0.08) return '';
    if (r < 0.12) return '   ';
    if (r < 0.2) return `  ${plain} `;
    if (r < 0.28) return `"${plain}, quoted"`;
    if (r < 0.32) return `"say ""${plain}"""`;
    if (r < 0.36) return `"${plain}${eol}next line"`;
    if (r < 0.4) return `n\u00fa\u00f1ez ${plain}`;
    if (wide && r < 0.42) return `\u201c${plain}\u201d \u65e5\u672c`; // beyond Latin-1: the chunk text stays UTF-8
    return plain;
  };
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const r = rng();
    if (r < 0.03) { lines.push(''); continue; }
    const rec = [
      cell(`CHG${i}`), pick(['Normal', 'STANDARD', ' emergency ', 'bogus', '"Normal"']), cell(`title ${i}`), cell('alice'), cell('bob'),
      pick(['2025-01-02 10:00', '2025-13-40', '', '"2025-02-03T04:05:06Z"']), cell('carol'), pick(['2025-01-03', '03/04/2025', ' 2025-05-06 ']), pick(['production', 'Prod ', '']),
    ];
    if (r < 0.06) rec.pop();
    lines.push(rec.join(delimiter));
  }
  return lines.join(eol) + (rng() < 0.5 ? eol : '');
}

function profileOf(p: Record<string, ColumnPartial>) {
  return Object.entries(p).map(([k, v]) => [k, v.nonBlank, v.invalid, v.min, v.max, v.distinct.exact ? [...v.distinct.exact].sort() : null, v.distinct.registers ? Buffer.from(v.distinct.registers).toString('base64') : null]);
}

function materialise(c: PopulationChunk) {
  return {
    rows: c.rows, record: [...c.record], line: [...c.line],
    source: Object.fromEntries(Object.entries(c.source).map(([k, v]) => [k, [...v]])),
    fields: Object.fromEntries(Object.entries(c.fields).map(([k, f]) => [k, [...f.values]])),
  };
}

describe('typing a CSV chunk as offsets into its text', () => {
  const dir = tempDir();

  it('reads back exactly what typing the same records as strings gives (random chunks with quotes, blanks, padding, bad values)', () => {
    const encodings = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const rng = seedrandom(`spans-${seed}`);
      const delimiter = [',', ',', ';', '\t'][seed % 4]!;
      const text = randomChunk(rng, 1 + Math.floor(rng() * 80), seed % 3 === 0 ? '\r\n' : '\n', seed % 2 === 1, delimiter);
      const bytes = new Uint8Array(Buffer.from(text));
      const outPath = join(dir, `chunk-${seed}.tmck`);
      const viaSpans = parseChunk({ bytes, delimiter, plan, outPath, last: true });
      const { records, lines } = splitRecords(text, delimiter);
      const viaStrings = typeRecords(records, { firstRecord: 1, lines }, plan);
      // Malformed rows differ only in their raw text: the source line itself vs the cells re-joined.
      const comparable = (x: typeof viaStrings.issues) => ({ ...x, first: x.first.map((i) => (i.code === 'malformed_row' ? { ...i, raw: '' } : i)) });
      expect(comparable(viaSpans.issues), `seed ${seed}`).toEqual(comparable(viaStrings.issues));
      expect(profileOf(viaSpans.profile), `seed ${seed}`).toEqual(profileOf(viaStrings.profile));
      expect(viaSpans.malformed.map((m) => m.line), `seed ${seed}`).toEqual(viaStrings.malformed.map((m) => m.line));
      if (!viaSpans.rows) continue;
      const fromFile = materialise(decodeChunk(readFileSync(outPath)));
      encodings.add(/"encoding":"(\w+)"/.exec(readFileSync(outPath).toString('latin1', 0, 4096))![1]!);
      // Whole-row hashes stored at ingest equal those computed from the offsets and from the same rows as strings.
      const plain = { ...fromFile, record: Int32Array.from(fromFile.record), line: Int32Array.from(fromFile.line), fields: {} };
      const decoded = decodeChunk(readFileSync(outPath));
      const stored = columnsOf(decoded).rowHashes();
      expect(stored, `seed ${seed}`).toBeDefined();
      expect(stored, `seed ${seed}`).toEqual(hashRows(plain, HEADER));
      const spans = HEADER.map((h) => columnsOf(decoded).source(h)?.units());
      expect(hashSourceRows(decoded.rows, spans), `seed ${seed}`).toEqual(stored);
      expect(columnsOf(decodeChunk(encodeChunk(viaStrings.columns))).rowHashes(), `seed ${seed}`).toEqual(stored);
      // Blank rows read from offsets/codes/numbers (no strings) are the null, '' or NaN values, for every field and form.
      for (const chunk of [decodeChunk(readFileSync(outPath)), decodeChunk(encodeChunk(viaStrings.columns))]) {
        const typed = decodeChunk(readFileSync(outPath)).fields;
        for (const name of Object.keys(typed)) {
          const col = typed[name]!;
          const values: unknown[] = [...col.values];
          const expected = [...values.keys()].filter((i) => { const v = values[i]; return v == null || v === '' || v !== v; });
          const found = columnsOf(chunk).field(name);
          expect(found?.blankRows(), `seed ${seed} ${name}`).toEqual(expected);
          expect(found?.type, `seed ${seed} ${name}`).toBe(col.type);
        }
      }
      expect(fromFile, `seed ${seed}`).toEqual(materialise(decodeChunk(encodeChunk(viaStrings.columns))));
      // A few rows read with positional reads equal the same rows of the whole decoded file (Latin-1 by byte
      // range, literals for escaped quotes, blanks; UTF-8 chunks through the whole-file fallback), rebased.
      const whole = decodeChunk(readFileSync(outPath));
      // Every third row, or every row (the last one included, with or without a line end after it).
      const pick = [...whole.record.keys()].filter((i) => seed % 5 === 0 || (i * 7 + seed) % 3 === 0);
      const ref = { file: `chunk-${seed}.tmck`, rows: whole.rows, recordOffset: 1000, lineOffset: 2000 };
      // Also ask for records the chunk does not hold as rows (malformed ones, before and beyond it): none come back.
      const absent = [...viaSpans.malformed.map((m) => m.record + 1000), 1000, 5, 1_000_000];
      const got = readChunkRows(dir, ref, new Set([...pick.map((i) => whole.record[i]! + 1000), ...absent]));
      const expected = pickRows(whole, pick);
      expect([...got.record], `seed ${seed}`).toEqual([...expected.record].map((r) => r + 1000));
      expect([...got.line], `seed ${seed}`).toEqual([...expected.line].map((l) => l + 2000));
      expect(got.source, `seed ${seed}`).toEqual(expected.source);
      expect(got.fields, `seed ${seed}`).toEqual(expected.fields);
      // Spot-check the meaning, not only the equality: trimmed strings, lower-cased enums, nulls for blanks.
      for (let i = 0; i < fromFile.rows; i++) {
        const approver = fromFile.fields.approver![i];
        expect(approver === null || approver === (approver as string).trim()).toBe(true);
        const type = fromFile.fields.type![i];
        expect([null, 'normal', 'standard', 'emergency']).toContain(type);
      }
    }
    expect([...encodings].sort()).toEqual(['latin1', 'utf8']); // both ways of keeping the text were read back
  });

  it('keeps quoted cells as their unescaped values and raw text of malformed rows', () => {
    const text = 'CHG1,Normal,"say ""hi"", twice",alice,bob,2025-01-01,carol,2025-01-02,production\r\nCHG2,Normal,short row\r\n';
    const outPath = join(dir, 'quoted.tmck');
    const r = parseChunk({ bytes: new Uint8Array(Buffer.from(text)), delimiter: ',', plan, outPath, last: true });
    expect(r.malformed).toEqual([{ record: 2, line: 2, fields: 3, expectedFields: 9, raw: 'CHG2,Normal,short row' }]);
    const back = decodeChunk(readFileSync(outPath));
    expect(back.source['Short Description']).toEqual(['say "hi", twice']);
    expect(back.source.Environment).toEqual(['production']);
    expect(back.fields.type!.values).toEqual(['normal']);
  });
});
