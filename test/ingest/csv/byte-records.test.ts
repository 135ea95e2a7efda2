import { parse } from 'csv-parse/sync';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { forEachByteRecord } from '../../../src/ingest/csv/byte-records.js';
import { forEachRecord, StrayQuoteError } from '../../../src/ingest/csv/split-records.js';

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Random well-formed RFC 4180 text: cells quoted sometimes or always, holding the delimiter, doubled
 * quotes, CR, LF and CRLF, accents and no-break spaces; empty quoted cells, blank lines, a trailing
 * delimiter, the last record with or without its line end.
 */
export function rfc4180Text(rng: Rng, rows: number, delimiter: string, eol: string, quoteAll: boolean): string {
  const plain = () => pick(rng, ['', 'v', 'abc', 'Müller', 'é ', ' x', '\u00a0', '12.5', '2025-01-02T03:04:05Z', 'a\rb']);
  const inner = () => pick(rng, ['', 'x', `a${delimiter}b`, 'say ""hi""', '""', `line1${eol}line2`, '\n', '\r\n', 'a\rb', 'ÿ""é', `${delimiter}${delimiter}`, '"" ""']);
  const cell = () => (quoteAll || rng() < 0.4 ? `"${rng() < 0.5 ? inner() : plain()}"` : plain());
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    if (rng() < 0.03) {
      lines.push('');
      continue;
    }
    const width = 1 + Math.floor(rng() * 6);
    lines.push(Array.from({ length: width }, cell).join(delimiter) + (rng() < 0.03 ? delimiter : ''));
  }
  return lines.join(eol) + (rng() < 0.5 ? eol : '');
}

interface Seen {
  cells: string[];
  line: number;
  rawFrom: number;
  rawTo: number;
}

/** Every record as the byte reader gives it (cell strings made from its spans), and how many it read itself. */
function byteRecords(bytes: Buffer, delimiter: string): { records: Seen[]; quoted: number; fallback: number } {
  const records: Seen[] = [];
  let quoted = 0;
  let fallback = 0;
  forEachByteRecord(
    bytes,
    'latin1',
    delimiter,
    (from, to, line) => records.push({ cells: bytes.toString('latin1', from, to).split(delimiter), line, rawFrom: from, rawTo: to }),
    (cells, line, rawFrom, rawTo) => {
      quoted++;
      const strings: string[] = [];
      for (let c = 0; c < cells.count; c++) strings.push((cells.escaped[c] ? cells.scratch : bytes).toString('latin1', cells.at[c], cells.end[c]));
      records.push({ cells: strings, line, rawFrom, rawTo });
    },
    (cells, line, _start, rawFrom, rawTo) => {
      fallback++;
      records.push({ cells, line, rawFrom, rawTo });
    },
  );
  return { records, quoted, fallback };
}

function stringRecords(text: string, delimiter: string): Seen[] {
  const records: Seen[] = [];
  forEachRecord(text, delimiter, (cells, line, _start, rawFrom, rawTo) => records.push({ cells, line, rawFrom, rawTo }));
  return records;
}

describe('RFC 4180 read from Latin-1 bytes', () => {
  it('gives csv-parse’s records, and the string reader’s lines and raw bounds, on random quoted text for every delimiter and line end', () => {
    let quotedRecords = 0;
    for (let seed = 0; seed < 240; seed++) {
      const rng = seedrandom(`latin1-records-${seed}`);
      const delimiter = DELIMITERS[seed % 4]!;
      const eol = seed % 3 === 0 ? '\n' : '\r\n';
      const text = rfc4180Text(rng, 1 + Math.floor(rng() * 60), delimiter, eol, seed % 5 === 0);
      const bytes = Buffer.from(text, 'latin1');
      const got = byteRecords(bytes, delimiter);
      const expected = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n'] }) as string[][];
      expect(got.records.map((r) => r.cells), `seed ${seed}: ${JSON.stringify(text)}`).toEqual(expected);
      expect(got.records, `seed ${seed}`).toEqual(stringRecords(text, delimiter));
      expect(got.fallback, `seed ${seed}: well-formed text left the byte path`).toBe(0);
      quotedRecords += got.quoted;
    }
    expect(quotedRecords).toBeGreaterThan(2000);
  });

  it('reads a doubled quote once, undoubled, and a quoted cell in place (its span is between its quotes)', () => {
    const bytes = Buffer.from('"a""b","x\r\ny",plain\r\n', 'latin1');
    const spans: [number, number, number][] = [];
    let raw: [number, number] | undefined;
    forEachByteRecord(bytes, 'latin1', ',', () => {}, (cells, _line, rawFrom, rawTo) => {
      for (let c = 0; c < cells.count; c++) spans.push([cells.at[c]!, cells.end[c]!, cells.escaped[c]!]);
      expect(cells.scratch.toString('latin1', cells.at[0], cells.end[0])).toBe('a"b');
      raw = [rawFrom, rawTo];
    }, () => {});
    expect(spans).toEqual([[0, 3, 1], [8, 12, 0], [14, 19, 0]]);
    expect(bytes.toString('latin1', 8, 12)).toBe('x\r\ny');
    expect(raw).toEqual([0, 19]);
  });

  it('leaves irregular quoting to csv-parse: the same records where it reads them, else the same error, line and field', () => {
    const odd = ['5" monitor', '"a"b', '"open', '"end"\r', 'a"b'];
    let errors = 0;
    for (let seed = 0; seed < 300; seed++) {
      const rng = seedrandom(`latin1-irregular-${seed}`);
      const delimiter = DELIMITERS[seed % 4]!;
      const eol = rng() < 0.5 ? '\r\n' : '\n';
      const lines = rfc4180Text(rng, 2 + Math.floor(rng() * 10), delimiter, eol, rng() < 0.3).split(eol);
      const at = Math.floor(rng() * lines.length);
      lines[at] = [lines[at], pick(rng, odd)].filter((x) => x !== '').join(delimiter);
      const text = lines.join(eol);
      const outcome = (read: (push: (r: Seen) => void) => void) => {
        const records: Seen[] = [];
        try {
          read((r) => records.push(r));
          return { records, error: null };
        } catch (err) {
          if (err instanceof StrayQuoteError) return { records, error: { line: err.line, field: err.field, reason: err.reason } };
          return { records, error: { code: (err as { code?: string }).code } };
        }
      };
      const bytes = Buffer.from(text, 'latin1');
      const viaBytes = outcome((push) => forEachByteRecord(bytes, 'latin1', delimiter, (from, to, line) => push({ cells: bytes.toString('latin1', from, to).split(delimiter), line, rawFrom: from, rawTo: to }), (cells, line, rawFrom, rawTo) => {
        const strings: string[] = [];
        for (let c = 0; c < cells.count; c++) strings.push((cells.escaped[c] ? cells.scratch : bytes).toString('latin1', cells.at[c], cells.end[c]));
        push({ cells: strings, line, rawFrom, rawTo });
      }, (cells, line, _s, rawFrom, rawTo) => push({ cells, line, rawFrom, rawTo })));
      const viaString = outcome((push) => forEachRecord(text, delimiter, (cells, line, _s, rawFrom, rawTo) => push({ cells, line, rawFrom, rawTo })));
      expect(viaBytes.error, `seed ${seed}: ${JSON.stringify(text)}`).toEqual(viaString.error);
      if (viaString.error) errors++;
      else expect(viaBytes.records, `seed ${seed}`).toEqual(viaString.records);
    }
    expect(errors).toBeGreaterThan(150);
  });
});
