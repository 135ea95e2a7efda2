import { createReadStream, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile, ingestStream } from '../../src/ingest/ingest.js';
import type { PopulationChunk } from '../../src/population/types.js';
import { readChunkRows } from '../../src/store/chunk-rows.js';
import { populationDigest } from '../../src/store/digest.js';
import { pickRows } from '../../src/store/pick-rows.js';
import { loadChunk, loadChunkTransient, readChunks } from '../../src/store/read-chunks.js';
import { SOURCE_COPY, SOURCE_NAME } from '../../src/store/source-copy.js';
import { writePopulation } from '../../src/synthetic/write.js';
import { tempDir, tempStore } from '../helpers/tmp.js';

/** Every row's source cells and typed values, chunk after chunk (chunk boundaries aside). */
async function rowsOf(dir: string, meta: Parameters<typeof readChunks>[1]): Promise<{ source: Record<string, unknown[]>; fields: Record<string, unknown[]>; record: number[]; line: number[] }> {
  const out = { source: {} as Record<string, unknown[]>, fields: {} as Record<string, unknown[]>, record: [] as number[], line: [] as number[] };
  for await (const chunk of readChunks(dir, meta)) {
    for (const [h, values] of Object.entries(chunk.source)) (out.source[h] ??= []).push(...values);
    for (const [f, column] of Object.entries(chunk.fields)) (out.fields[f] ??= []).push(...column.values);
    out.record.push(...chunk.record);
    out.line.push(...chunk.line);
  }
  return out;
}

const cellsOf = (c: PopulationChunk) => ({ source: { ...c.source }, fields: Object.fromEntries(Object.entries(c.fields).map(([k, v]) => [k, [...v.values]])) });

describe("a stored CSV population's chunks keep their text as ranges of the source copy", () => {
  it('read back as the chunks of the same file streamed (which carry their text), whole, transient or by row', async () => {
    const dir = tempDir();
    const shapes = [
      { name: 'western-quoted', options: { nonAsciiText: 'western', quoting: 'all', bom: true, lineEnding: '\r\n', quotedNewlineRate: 0.2 } },
      { name: 'scripts', options: { nonAsciiText: 'scripts', delimiter: ';' } },
      { name: 'ascii', options: { nonAsciiText: 'none', delimiter: '\t', quotedNewlineRate: 0.1 } },
      { name: 'cp1252', options: { encoding: 'windows-1252', nonAsciiText: 'western', quotedNewlineRate: 0.1 } },
    ] as const;
    for (const shape of shapes) {
      const path = join(dir, `${shape.name}.csv`);
      await writePopulation(path, { kind: 'change', rows: 900, seed: `copy-${shape.name}`, ...shape.options });
      const byPath = tempStore();
      const byStream = tempStore();
      const opts = { kind: 'change', workers: 0, chunkSize: 4096 } as const;
      const a = (await ingestFile(byPath, path, opts)).population;
      const streamed = async function* () {
        yield* createReadStream(path); // a plain stream (a ReadStream's `path` would make it a file)
      };
      const b = (await ingestStream(byStream, streamed(), opts)).population;
      expect(a.id, shape.name).toBe(b.id);
      const dirA = byPath.populationDir(a.id);
      const dirB = byStream.populationDir(b.id);
      expect(await populationDigest(dirA, a), shape.name).toBe(await populationDigest(dirB, b));
      expect(await rowsOf(dirA, a), shape.name).toEqual(await rowsOf(dirB, b));

      // Read by range, a chunk keeps its text in the copy unless it is transcoded (Windows-1252's € “ ” to UTF-8); streamed, none does.
      const kept = (d: string) => readdirSync(d).filter((f) => f.endsWith('.tmck')).map((f) => readFileSync(join(d, f)).includes('"source":'));
      const utf8 = (d: string) => readdirSync(d).filter((f) => f.endsWith('.tmck')).map((f) => readFileSync(join(d, f)).includes('"encoding":"utf8"'));
      if (shape.name === 'cp1252') expect(kept(dirA), shape.name).toEqual(utf8(dirA).map((u) => !u));
      else expect(kept(dirA).every(Boolean), shape.name).toBe(true);
      expect(kept(dirB).some(Boolean), shape.name).toBe(false);
      expect(existsSync(join(dirA, SOURCE_COPY)), shape.name).toBe(false);
      expect(readFileSync(join(dirA, SOURCE_NAME), 'ascii'), shape.name).toBe(a.source.sha256);

      for (const ref of a.chunks.slice(0, 8)) {
        const whole = loadChunk(dirA, ref);
        expect(cellsOf(loadChunkTransient(dirA, ref)), `${shape.name} ${ref.file}`).toEqual(cellsOf(whole));
        const picked = [...new Set([0, whole.rows >> 1, whole.rows - 1])];
        const rows = readChunkRows(dirA, ref, new Set(picked.map((i) => whole.record[i]!)));
        expect(cellsOf(rows), `${shape.name} ${ref.file}`).toEqual(cellsOf(pickRows(whole, picked)));
      }

      // Without its copy, a chunk that keeps its text there is refused by name.
      rmSync(byPath.sourcePath(a.source.sha256));
      const keeps = a.chunks.find((ref) => readFileSync(join(dirA, ref.file)).includes('"source":'));
      expect(keeps !== undefined, shape.name).toBe(shape.name !== 'cp1252');
      if (keeps) expect(() => loadChunk(dirA, keeps), shape.name).toThrow(expect.objectContaining({ code: 'TM_ERR_NOT_FOUND' }));
    }
  }, 60_000);
});
