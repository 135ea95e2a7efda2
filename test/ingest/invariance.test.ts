import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { populationDigest } from '../../src/population/digest.js';
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
      expect(population.rows).toEqual({ total: 3000, accepted: 3000, malformed: 0 });
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
