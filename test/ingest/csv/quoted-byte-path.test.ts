import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { afterEach, describe, expect, it } from 'vitest';
import { parseChunk, type ParseChunkResult } from '../../../src/ingest/csv/parse-chunk.js';
import { ingestFile } from '../../../src/ingest/ingest.js';
import { makeTypingPlan } from '../../../src/ingest/typing/plan.js';
import { hashSourceRows } from '../../../src/kernels/row-hash.js';
import { decodeChunk } from '../../../src/store/chunk-codec.js';
import { readChunkRows } from '../../../src/store/chunk-rows.js';
import { pickRows } from '../../../src/store/pick-rows.js';
import { rebase, sourceBytes } from '../../../src/store/read-chunks.js';
import { populationDigest } from '../../../src/store/digest.js';
import type { FieldSpec } from '../../../src/population/kinds.js';
import { writePopulation } from '../../../src/synthetic/write.js';
import { tempDir, tempStore } from '../../helpers/tmp.js';

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const DELIMITERS = [',', ';', '\t', '|'] as const;

/** A change export's columns: header, field, type (one of each type the typer reads from bytes). */
const COLUMNS = [['Key', 'key', 'string'], ['Kind', 'kind', 'enum'], ['When', 'when', 'timestamp'], ['Amount', 'amount', 'number'], ['Flag', 'flag', 'boolean'], ['Note', 'note', 'string'], ['Who', 'who', 'string']] as const;
const HEADERS = COLUMNS.map(([h]) => h);
const FIELDS: FieldSpec[] = COLUMNS.map(([, name, type]) => ({ name, type, synonyms: [], ...(type === 'enum' ? { values: ['normal', 'standard', 'emergency'] } : {}) }));
const MAPPING = Object.fromEntries(COLUMNS.map(([h, name]) => [name, h]));

/**
 * Text beyond Latin-1 (`wide`): 2-, 3- and 4-byte UTF-8 characters (a surrogate pair in UTF-16),
 * and the JS spaces that are multi-byte in UTF-8, at a cell's edges and inside it.
 */
const WIDE_TEXT = ['Дмитрий Ж', '中文 名', '😀', 'a😀b', '\u3000padded\u2003', '\u2028', '\u00a0x\u202f', '\ufeff', ' \u205f', 'Ωμέγα "q"', '\u1680ok', '€ – “x”', 'é\u0301'];

/**
 * A chunk as ServiceNow and Jira export one: every cell quoted (or most), CRLF or LF, multi-line
 * and padded cells, doubled quotes in any column (typed ones too), blank, total and short rows;
 * `wide`: with text beyond Latin-1 in every text column and Unicode spaces around typed cells.
 */
function quotedChunk(rng: Rng, rows: number, delimiter: string, eol: string, quoteAll: boolean, wide = false): string {
  const q = (v: string) => (quoteAll || rng() < 0.8 || v.includes('"') || v.includes('\n') || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v);
  const widen = <T extends string>(xs: readonly T[], extra: readonly string[]) => (wide ? [...xs, ...extra] : xs);
  const text = () => pick(rng, widen(['', ' ', '\u00a0', 'plain', '  padded ', `a${delimiter}b`, `line 1${eol}line 2`, 'say "hi"', '"', 'Müller é', `${eol}`, 'x\ry', 'ÿ'], [...WIDE_TEXT, `Ж${eol}中`]));
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const r = rng();
    if (r < 0.02) {
      lines.push(pick(rng, ['', quoteAll ? '""' : ' ']));
      continue;
    }
    if (r < 0.04) {
      lines.push([pick(rng, ['Total', 'Grand Total', '', 'Count: 3']), '', '', pick(rng, ['12', '']), '', '', ''].map(q).join(delimiter));
      continue;
    }
    const rec = [
      pick(rng, widen([`K${i}`, ` K${i} `, `K"${i}"`], [`К${i}`, `\u3000K${i}`, `K${i}😀`])),
      pick(rng, widen(['Normal', ' STANDARD ', 'emergency', 'bogus', '', 'Nor"mal'], ['\u3000Normal\u2003', 'Éclair', 'normal\u00a0', '\u2028'])),
      pick(rng, widen(['2025-02-03T04:05:06Z', ' 2025-02-03 04:05 ', '02/03/2025', '2025-02-30', 'soon', ''], ['\u20032025-02-03T04:05:06Z\u3000', '2025-02-03T04:05:06Ж', '２０２５-02-03'])),
      pick(rng, widen(['1,234.50', '(12)', '7', 'x', '', '"5"'], ['\u00a012\u2003', '€ 5', '٣'])),
      pick(rng, widen(['yes', 'N', 'true', 'maybe', ''], ['\u3000yes', 'да'])),
      text(),
      pick(rng, widen(['alice', 'Bob', 'núñez', '', ' carol ', 'd "the" e'], ['Дмитрий', ' 李 ', '\u3000', 'Ω"x"'])),
    ];
    if (wide && rng() < 0.02) rec[0] = pick(rng, ['Итого', 'Total\u3000', '\u2003']);
    if (r < 0.06) rec.pop();
    else if (r < 0.08) rec.push('extra');
    lines.push(rec.map(q).join(delimiter));
  }
  return lines.join(eol) + (rng() < 0.5 ? eol : '');
}

describe('quoted records typed from their bytes', () => {
  const dir = tempDir();
  afterEach(() => {
    delete process.env.TICKMARK_TYPING;
  });

  type Parsed = { result: ParseChunkResult; file: Buffer | null };
  const plan = makeTypingPlan(HEADERS, MAPPING, FIELDS, { timeZone: 'UTC' });

  /** The chunk parsed from its bytes, and through strings (`TICKMARK_TYPING=text`, the reference path). */
  function bothWays(text: string, delimiter: string, name: string): { bytes: Parsed; strings: Parsed } {
    const input = new Uint8Array(Buffer.from(text, 'utf8'));
    const [bytes, strings] = (['bytes', 'text'] as const).map((typing): Parsed => {
      process.env.TICKMARK_TYPING = typing; // anything but 'text' types from bytes
      const outPath = join(dir, `${name}-${typing}.tmck`);
      const result = parseChunk({ bytes: input, delimiter, plan, outPath, last: true });
      return { result, file: result.rows > 0 ? readFileSync(outPath) : null };
    });
    return { bytes: bytes!, strings: strings! };
  }

  /**
   * 48 random chunks (every delimiter, CRLF or LF, fully or mostly quoted), each typed both ways:
   * the same result and chunk file, stored in `encoding`, whose row hashes are those of its cells
   * as strings. Returns the rows typed and the chunks that held doubled quotes.
   */
  function sameBothWays(name: string, encoding: 'latin1' | 'utf8', wide: boolean): { rows: number; literalChunks: number } {
    let rows = 0;
    let literalChunks = 0;
    for (let seed = 0; seed < 48; seed++) {
      const rng = seedrandom(`${name}-${seed}`);
      const delimiter = DELIMITERS[seed % 4]!;
      const text = quotedChunk(rng, seed % 8 === 0 ? 3000 : 1 + Math.floor(rng() * 150), delimiter, seed % 3 === 2 ? '\n' : '\r\n', seed % 2 === 0, wide);
      const { bytes, strings } = bothWays(text, delimiter, `${name}${seed}`);
      expect(bytes.result.failure, `seed ${seed}`).toBeUndefined();
      expect(bytes.result, `seed ${seed}`).toEqual(strings.result);
      expect(bytes.file?.equals(strings.file!) ?? strings.file === null, `seed ${seed}: chunk files differ`).toBe(true);
      expect(bytes.file?.includes(`"encoding":"${encoding}"`) ?? true, `seed ${seed}: not a ${encoding} chunk`).toBe(true);
      if (bytes.file) {
        // The stored row hashes are those of the cells as strings (whichever path typed them, from whichever bytes).
        const chunk = decodeChunk(bytes.file);
        expect(chunk.vectors!.rowHashes(), `seed ${seed}: row hashes`).toEqual(hashSourceRows(chunk.rows, HEADERS.map((h) => chunk.source[h]!)));
      }
      if (bytes.file && text.includes('""')) literalChunks++;
      rows += bytes.result.rows;
    }
    return { rows, literalChunks };
  }

  it('writes the same chunk file, rows, issues, profile and malformed rows as the string path, for every delimiter and line end', () => {
    const { rows, literalChunks } = sameBothWays('quoted-bytes', 'latin1', false);
    expect(rows).toBeGreaterThan(10_000);
    expect(literalChunks).toBeGreaterThan(40); // doubled quotes (cells kept as literals) were met
  });

  it('types UTF-8 beyond Latin-1 from its bytes as the string path does: multi-byte cells, Unicode spaces at cell edges, every delimiter', () => {
    const { rows, literalChunks } = sameBothWays('utf8-bytes', 'utf8', true);
    expect(rows).toBeGreaterThan(10_000);
    expect(literalChunks).toBeGreaterThan(40);
  });

  it('reads a quoted cell as the text between its quotes, CR LF kept, doubled quotes undone', () => {
    const text = '"K1","Normal","2025-01-02T00:00:00Z","1","yes","line 1\r\nsays ""hi""","  bob "\r\n';
    const { bytes } = bothWays(text, ',', 'one');
    expect(bytes.result.rows).toBe(1);
    expect(bytes.result.profile.Note!.nonBlank).toBe(1);
    const file = bytes.file!.toString('latin1');
    expect(file).toContain('line 1\r\nsays "hi"'); // the undoubled literal
    expect(bytes.result.issues.byCode).toEqual({});
  });
});

describe('a quoted export ingests the same for any worker count and chunk size, from bytes or strings', () => {
  const dir = tempDir();
  afterEach(() => {
    delete process.env.TICKMARK_TYPING;
  });

  it('gives one population digest and identical chunk files: every field quoted, CRLF, BOM, multi-line cells, each delimiter', async () => {
    for (const [k, delimiter] of DELIMITERS.entries()) {
      const path = join(dir, `quoted-${k}.csv`);
      await writePopulation(path, { kind: 'change', rows: 1500, seed: `quoted-${k}`, delimiter, lineEnding: '\r\n', quoting: 'all', bom: true, quotedNewlineRate: 0.2, nonAsciiText: k === 3 ? 'western' : 'none' });
      const digests = new Set<string>();
      const files: Record<string, Buffer[]> = {};
      let chunks = 0;
      for (const [typing, workers, chunkSize] of [['bytes', 0, 1 << 30], ['bytes', 0, 2048], ['text', 0, 2048], ['bytes', 2, 3001], ['bytes', 1, 6000]] as const) {
        if (typing === 'text') process.env.TICKMARK_TYPING = 'text';
        else delete process.env.TICKMARK_TYPING;
        const store = tempStore();
        const { population } = await ingestFile(store, path, { kind: 'change', workers, chunkSize });
        expect(population.rows, `${JSON.stringify(delimiter)} ${typing} ${workers} ${chunkSize}`).toEqual({ total: 1500, accepted: 1500, malformed: 0, nonData: 0 });
        chunks = Math.max(chunks, population.chunks.length);
        digests.add(await populationDigest(store.populationDir(population.id), population));
        if (workers === 0 && chunkSize === 2048) {
          const popDir = store.populationDir(population.id);
          files[typing] = readdirSync(popDir).filter((f) => f.endsWith('.tmck')).sort().map((f) => readFileSync(join(popDir, f)));
        }
      }
      expect(chunks, JSON.stringify(delimiter)).toBeGreaterThan(100); // quoted newlines fell near many chunk boundaries
      expect(digests.size, JSON.stringify(delimiter)).toBe(1);
      expect(files.bytes!.length).toBe(files.text!.length);
      expect(files.bytes!.every((b, i) => b.equals(files.text![i]!)), `${JSON.stringify(delimiter)}: chunk files differ`).toBe(true);
    }
  }, 30_000);
});

describe('a UTF-8 or Windows-1252 export beyond Latin-1 ingests the same for any worker count and chunk size, from bytes or strings', () => {
  const dir = tempDir();
  afterEach(() => {
    delete process.env.TICKMARK_TYPING;
  });

  it('gives one population digest and identical chunk files, and sampled rows read by range are the rows read whole', async () => {
    const shapes = [
      { name: 'scripts', options: { nonAsciiText: 'scripts', bom: true, delimiter: ',', quoting: 'all', quotedNewlineRate: 0.2 } },
      { name: 'scripts-tab', options: { nonAsciiText: 'scripts', delimiter: '\t' } },
      { name: 'cp1252', options: { encoding: 'windows-1252', nonAsciiText: 'western', delimiter: ';', quotedNewlineRate: 0.2 } },
    ] as const;
    for (const shape of shapes) {
      const path = join(dir, `${shape.name}.csv`);
      await writePopulation(path, { kind: 'change', rows: 1200, seed: `wide-${shape.name}`, lineEnding: '\r\n', ...shape.options });
      const digests = new Set<string>();
      const files: Record<string, Buffer[]> = {};
      for (const [typing, workers, chunkSize] of [['bytes', 0, 1 << 30], ['bytes', 0, 2048], ['text', 0, 2048], ['bytes', 2, 3001]] as const) {
        if (typing === 'text') process.env.TICKMARK_TYPING = 'text';
        else delete process.env.TICKMARK_TYPING;
        const store = tempStore();
        const { population } = await ingestFile(store, path, { kind: 'change', workers, chunkSize });
        expect(population.rows, `${shape.name} ${typing} ${workers} ${chunkSize}`).toEqual({ total: 1200, accepted: 1200, malformed: 0, nonData: 0 });
        const popDir = store.populationDir(population.id);
        digests.add(await populationDigest(popDir, population));
        if (workers === 0 && chunkSize === 2048) {
          files[typing] = readdirSync(popDir).filter((f) => f.endsWith('.tmck')).sort().map((f) => readFileSync(join(popDir, f)));
          if (typing === 'bytes') {
            expect(files.bytes!.every((b) => b.includes('"encoding":"utf8"')), `${shape.name}: UTF-8 chunks`).toBe(true);
            // UTF-8 text read by range from the source copy is that copy's bytes: the chunk keeps its range (Windows-1252 with € “ ” is transcoded, and keeps its text).
            expect(files.bytes!.every((b) => b.includes('"source":')), `${shape.name}: text kept in the source copy`).toBe(shape.name !== 'cp1252');
            for (const ref of population.chunks.slice(0, 6)) {
              const whole = rebase(decodeChunk(readFileSync(join(popDir, ref.file)), sourceBytes(popDir)), ref);
              const wanted = new Set([whole.record[0]!, whole.record[whole.rows >> 1]!, whole.record[whole.rows - 1]!]);
              const rows = readChunkRows(popDir, ref, wanted);
              expect(rows.source, `${shape.name} ${ref.file}`).toEqual(pickRows(whole, [...new Set([0, whole.rows >> 1, whole.rows - 1])]).source);
              expect(rows.fields, `${shape.name} ${ref.file}`).toEqual(pickRows(whole, [...new Set([0, whole.rows >> 1, whole.rows - 1])]).fields);
            }
          }
        }
      }
      expect(digests.size, shape.name).toBe(1);
      expect(files.bytes!.length).toBe(files.text!.length);
      expect(files.bytes!.every((b, i) => b.equals(files.text![i]!)), `${shape.name}: chunk files differ`).toBe(true);
    }
  });
});
