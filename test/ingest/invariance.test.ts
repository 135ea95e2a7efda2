import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { populationDigest } from '../../src/store/digest.js';
import { changeLogCsv } from '../helpers/csv.js';
import { tempDir, tempStore, writeTemp } from '../helpers/tmp.js';

describe('ingest is the same for any worker count and chunk size', () => {
  const dir = tempDir();
  const csv = changeLogCsv(3000, 'invariance');
  const path = writeTemp(dir, 'changes.csv', csv);

  it('gives one digest for in-thread, 1, 2 and 4 workers and several chunk sizes', async () => {
    const digests = new Set<string>();
    const runs: [number, number][] = [[0, 1 << 30], [0, 4096], [1, 16_384], [2, 7_777], [4, 20_000]];
    let chunksSeen = 0;
    for (const [workers, chunkSize] of runs) {
      const store = tempStore();
      const { population } = await ingestFile(store, path, { kind: 'change', workers, chunkSize });
      expect(population.rows).toEqual({ total: 3000, accepted: 3000, malformed: 0, nonData: 0 });
      chunksSeen = Math.max(chunksSeen, population.chunks.length);
      digests.add(await populationDigest(store.populationDir(population.id), population));
    }
    expect(chunksSeen).toBeGreaterThan(40); // small chunks really were cut many times
    expect(digests.size).toBe(1);
  });

  it('keeps line numbers true across quoted newlines and CRLF', async () => {
    const crlf = writeTemp(dir, 'crlf.csv', changeLogCsv(300, 'lines', '\r\n'));
    const store = tempStore();
    const { population } = await ingestFile(store, crlf, { kind: 'change', workers: 2, chunkSize: 2048 });
    const { readChunks } = await import('../../src/store/read-chunks.js');
    const text = changeLogCsv(300, 'lines', '\r\n');
    // Recompute each record's starting line from the text itself.
    const expected: number[] = [];
    let line = 2;
    let inQuote = false;
    let recordStart = true;
    for (const ch of text.slice(text.indexOf('\n') + 1)) {
      if (recordStart) { expected.push(line); recordStart = false; }
      if (ch === '"') inQuote = !inQuote;
      if (ch === '\n') { line++; if (!inQuote) recordStart = true; }
    }
    const got: number[] = [];
    for await (const c of readChunks(store.populationDir(population.id), population)) got.push(...c.line);
    expect(got).toEqual(expected);
    expect(got.length).toBe(300);
  });
});

describe('reading a client export is the same for any worker count and chunk size', () => {
  const dir = tempDir();

  /** A Windows-1252 report: preamble, rows with € and ambiguous dates (proved late), blank and total rows, malformed rows, a long footer. */
  function report(): Buffer {
    const lines = ['Change report;;;', 'Generated 02.01.2026;;;', ';;;', 'Number;Short Description;Approved On;Deployed On'];
    for (let i = 1; i <= 2500; i++) {
      const m = 1 + (i % 12);
      const d = i === 2300 ? 25 : 1 + (i % 12 === 3 ? 5 : i % 9);
      lines.push(`CHG${String(i).padStart(5, '0')};Änderung € ${i};${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/2025;2025-06-01 10:00`);
      if (i % 400 === 0) lines.push(';;;');
      if (i % 777 === 0) lines.push(`CHG${i}x;short`);
      if (i % 1000 === 0) lines.push(`Subtotal;${i};;`);
    }
    lines.push(';;;', 'Grand Total;2500;;');
    for (let k = 0; k < 150; k++) lines.push(`Report footer line ${k} – confidential`);
    return Buffer.from(lines.join('\r\n').replaceAll('€', '\u0080').replaceAll('–', '\u0096') + '\r\n', 'latin1');
  }

  it('gives the same rows, non-data rows, footer, layout, day/month decision and issues', async () => {
    const path = writeTemp(dir, 'report.csv', report());
    const seen = new Set<string>();
    let chunksSeen = 0;
    for (const [workers, chunkSize] of [[0, 1 << 30], [0, 2048], [1, 4096], [2, 3000], [4, 8192]] as const) {
      const store = tempStore();
      const { population } = await ingestFile(store, path, { kind: 'change', workers, chunkSize });
      chunksSeen = Math.max(chunksSeen, population.chunks.length);
      expect(population.source.encoding).toBe('windows-1252');
      expect(population.layout).toEqual({ headerLine: 4, headerFrom: 'found', renamed: [] });
      expect(population.rows).toEqual({ total: 2500 + 6 + 3 + 2 + 3 + 2 + 150, accepted: 2500, malformed: 3, nonData: 3 + 6 + 2 + 2 + 150 });
      expect(population.nonData!.byReason).toEqual({ preamble: 3, blank_row: 7, total_row: 3, footer: 150 });
      expect(population.typing.columns!.approved_at!.evidence).toEqual({ line: 4 + 2300 + 5 + 2 + 2, raw: '09/25/2025' });
      const digest = await populationDigest(store.populationDir(population.id), population);
      seen.add(JSON.stringify([digest, population.nonData, population.typing, population.issues]));
    }
    expect(chunksSeen).toBeGreaterThan(30); // the footer alone spans chunks at the smallest sizes
    expect(seen.size).toBe(1);
  });
});
