import { parse } from 'csv-parse/sync';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { firstBoundary, RangeCutter, RecordCutter } from '../../src/ingest/csv/record-cutter.js';
import { splitRecords } from '../../src/ingest/csv/split-records.js';

/** Random CSV text with quoted delimiters, doubled quotes, CR/LF inside quotes, blank cells. */
function randomCsv(rng: () => number, rows: number, delimiter: string, eol: string): string {
  const cell = () => {
    const r = rng();
    if (r < 0.1) return '';
    if (r < 0.2) return `"a${delimiter}b"`;
    if (r < 0.27) return `"x""y"`;
    if (r < 0.34) return `"line1${eol}line2"`;
    if (r < 0.38) return `"${eol}"`;
    return `v${Math.floor(rng() * 1000)}`;
  };
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) lines.push(Array.from({ length: 1 + Math.floor(rng() * 5) }, cell).join(delimiter));
  return lines.join(eol) + (rng() < 0.5 ? eol : '');
}

describe('splitRecords (fast path for quote-free lines, csv-parse for the rest)', () => {
  it('equals csv-parse on random CSV for every delimiter and line ending', () => {
    for (let seed = 0; seed < 120; seed++) {
      const rng = seedrandom(`split-${seed}`);
      const delimiter = [',', ';', '\t', '|'][seed % 4]!;
      const eol = seed % 3 === 0 ? '\r\n' : '\n';
      const text = randomCsv(rng, 1 + Math.floor(rng() * 40), delimiter, eol);
      const expected = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false });
      expect(splitRecords(text, delimiter).records, `seed ${seed}`).toEqual(expected);
    }
  });

  it('agrees with csv-parse on irregular quoting too: same records, or an error where csv-parse refuses', () => {
    const cells = ['v', '', '""', '""""', '"a""b"', '"x\r\ny"', '"\r"', 'a\rb', ' "lead"', '"a"b', 'a"b', '"open', '"a",', '"end"\r'];
    for (let seed = 0; seed < 400; seed++) {
      const rng = seedrandom(`irregular-${seed}`);
      const eol = rng() < 0.5 ? '\r\n' : '\n';
      const lines = Array.from({ length: 1 + Math.floor(rng() * 6) }, () => Array.from({ length: 1 + Math.floor(rng() * 4) }, () => cells[Math.floor(rng() * cells.length)]!).join(','));
      const text = lines.join(eol) + (rng() < 0.5 ? eol : '');
      let expected: string[][] | Error;
      try {
        expected = parse(text, { relax_column_count: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n'] });
      } catch (err) {
        expected = err as Error;
      }
      let got: string[][] | Error;
      try {
        got = splitRecords(text, ',').records;
      } catch (err) {
        got = err as Error;
      }
      if (expected instanceof Error) expect(got, `seed ${seed}: ${JSON.stringify(text)}`).toBeInstanceOf(Error);
      else expect(got, `seed ${seed}: ${JSON.stringify(text)}`).toEqual(expected);
    }
  });

  it('reports the line each record starts on', () => {
    const { records, lines } = splitRecords('a,b\n"x\ny",z\nc,d\n"1\n2\n3",4\ne,f', ',');
    expect(records).toHaveLength(5);
    expect(lines).toEqual([1, 2, 4, 5, 8]);
  });
});

describe('record-aligned cutting', () => {
  it('never cuts inside a quoted field', () => {
    const buf = Buffer.from('a,"1\n2"\nb,c\n"x\n\ny"\n');
    expect(firstBoundary(buf)).toBe(8);
    expect(new RangeCutter(1, 0).push(buf, 0)).toEqual([8, 12, buf.length]);
    expect(new RangeCutter(9, 0).push(buf, 0)).toEqual([12]);
    expect(new RangeCutter(13, 0).push(buf, 0)).toEqual([buf.length]);
    expect(new RangeCutter(1, 0).push(Buffer.from('a\n"open\nstill'), 0)).toEqual([2]); // an open quote: no cut after it
  });

  it('reassembles to the same records for any push and chunk sizes', () => {
    for (let seed = 0; seed < 25; seed++) {
      const rng = seedrandom(`cut-${seed}`);
      const text = randomCsv(rng, 200, ',', seed % 2 ? '\r\n' : '\n');
      const whole = parse(text, { relax_column_count: true, skip_empty_lines: false });
      const cutter = new RecordCutter(1 + Math.floor(rng() * 300));
      const chunks: Buffer[] = [];
      const bytes = Buffer.from(text);
      for (let i = 0; i < bytes.length; ) {
        const n = 1 + Math.floor(rng() * 500);
        chunks.push(...cutter.push(bytes.subarray(i, i + n)));
        i += n;
      }
      const last = cutter.end();
      if (last) chunks.push(last);
      expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
      const pieces = chunks.flatMap((c) => splitRecords(c.toString(), ',').records);
      expect(pieces, `seed ${seed}`).toEqual(whole);
    }
  });

  it('ramps chunk sizes up from a small first one: whole records, each at least twice the one before up to the chunk size', () => {
    for (let seed = 0; seed < 40; seed++) {
      const rng = seedrandom(`range-ramp-${seed}`);
      const bytes = Buffer.from(randomCsv(rng, 150, ',', seed % 2 ? '\r\n' : '\n'));
      const chunkSize = 1 + Math.floor(rng() * 600);
      const firstSize = 1 + Math.floor(rng() * 40);
      // Every record boundary: the cuts of chunks of one byte.
      const boundaries = new Set<number>();
      let at = 0;
      for (const c of new RecordCutter(1).push(bytes)) boundaries.add((at += c.length));
      const ranges = new RangeCutter(chunkSize, 0, firstSize);
      const cuts: number[] = [];
      for (let i = 0; i < bytes.length; i += 97) cuts.push(...ranges.push(bytes.subarray(i, i + 97), i));
      let size = Math.min(firstSize, chunkSize);
      for (const [k, cut] of cuts.entries()) {
        const from = k ? cuts[k - 1]! : 0;
        expect(boundaries.has(cut), `seed ${seed}: cut ${cut}`).toBe(true);
        expect(cut - from).toBeGreaterThan(size);
        // Just after the first newline at or past the planned size: no boundary after such a newline was skipped.
        for (let b = from + size + 1; b < cut; b++) expect(boundaries.has(b), `seed ${seed}: boundary ${b} before cut ${cut}`).toBe(false);
        size = Math.min(chunkSize, size * 2);
      }
    }
  });

  it('cuts a stream read into a reused buffer at the same offsets as the chunk cutter, for any read size', () => {
    for (let seed = 0; seed < 40; seed++) {
      const rng = seedrandom(`range-cut-${seed}`);
      const bytes = Buffer.from(randomCsv(rng, 150, ',', seed % 2 ? '\r\n' : '\n'));
      const chunkSize = 1 + Math.floor(rng() * 300);
      const start = Math.floor(rng() * 20) < 5 ? 0 : firstBoundary(bytes); // from the first record or after a header
      if (start === -1) continue;
      const expected: number[] = [];
      const cutter = new RecordCutter(chunkSize);
      let at = start;
      for (const c of cutter.push(bytes.subarray(start))) expected.push((at += c.length));
      const ranges = new RangeCutter(chunkSize, start);
      const reused = Buffer.alloc(600);
      const cuts: number[] = [];
      for (let i = start; i < bytes.length; ) {
        const n = Math.min(1 + Math.floor(rng() * 600), bytes.length - i);
        bytes.copy(reused, 0, i, i + n); // the same memory every read
        cuts.push(...ranges.push(reused.subarray(0, n), i));
        i += n;
      }
      expect(cuts, `seed ${seed}`).toEqual(expected);
      // Every range is whole records (cut after a newline outside quotes), at least chunkSize long.
      for (const [k, cut] of cuts.entries()) {
        const from = k ? cuts[k - 1]! : start;
        expect(cut - from).toBeGreaterThanOrEqual(chunkSize);
        expect(bytes[cut - 1]).toBe(10);
      }
    }
  });
});
