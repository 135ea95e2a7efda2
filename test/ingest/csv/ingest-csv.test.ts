import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, openSync, readdirSync, readFileSync, utimesSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TickmarkError } from '../../../src/errors.js';
import { ingestFile } from '../../../src/ingest/ingest.js';
import { closePools } from '../../../src/pool/pool.js';
import { changeLogCsv } from '../../helpers/csv.js';
import { tempDir, tempStore, writeTemp } from '../../helpers/tmp.js';

afterAll(() => closePools());

const dir = tempDir();
/** Several 1 MiB reads of small chunks: parsed chunks report progress while the file is still being read. */
const text = changeLogCsv(30_000, 'read-once');
/** A file last modified long ago: any write now gives it a different modification time. */
function oldFile(name: string): string {
  const path = writeTemp(dir, name, text);
  utimesSync(path, new Date('2025-01-01T00:00:00Z'), new Date('2025-01-01T00:00:00Z'));
  return path;
}
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** The error an ingest of `path` ends with when `change` runs at its first progress report. */
async function ingestWhileChanging(path: string, change: () => void, workers: number): Promise<{ error: unknown; store: ReturnType<typeof tempStore> }> {
  const store = tempStore();
  let changed = false;
  const onProgress = () => {
    if (changed) return;
    changed = true;
    change();
  };
  try {
    await ingestFile(store, path, { kind: 'change', workers, chunkSize: 64 * 1024, onProgress });
    return { error: undefined, store };
  } catch (error) {
    return { error, store };
  }
}

describe('a CSV file read into the store', () => {
  it('keeps a copy of exactly the bytes it parsed, hashed as the population fingerprint', async () => {
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const path = writeTemp(dir, 'changes.csv', text);
    for (const workers of [0, 2]) {
      const store = tempStore();
      const { population } = await ingestFile(store, path, { kind: 'change', workers, chunkSize: 64 * 1024 });
      expect(population.source.sha256).toBe(sha256(text));
      expect(population.source.bytes).toBe(Buffer.byteLength(text));
      expect(population.rows.accepted).toBe(30_000);
      expect(readFileSync(store.sourcePath(population.source.sha256), 'utf8')).toBe(text);
    }
  });

  it.each([0, 2])('refuses a file that grows while it is read (%i workers), storing nothing', async (workers) => {
    const path = oldFile(`growing-${workers}.csv`);
    const { error, store } = await ingestWhileChanging(path, () => appendFileSync(path, 'CHG9999999,late row\n'), workers);
    expect(error).toBeInstanceOf(TickmarkError);
    expect((error as TickmarkError).code).toBe('TM_ERR_SOURCE_CHANGED');
    // The change came while the first mebibyte was being cut: the rest was read up to the new end.
    expect((error as TickmarkError).details).toEqual({ path, bytesRead: Buffer.byteLength(text) + 20, bytesNow: Buffer.byteLength(text) + 20 });
    expect(store.listPopulations()).toEqual([]);
    expect(readdirSync(join(store.dir, 'sources'))).toEqual([]);
    expect(readdirSync(join(store.dir, 'tmp'))).toEqual([]);
  });

  it('refuses a file rewritten in place while it is read, at the same size', async () => {
    const path = oldFile('rewritten.csv');
    const { error } = await ingestWhileChanging(path, () => {
      // The last byte of the first row's ID changes: the size stays, the modification time moves on.
      const fd = openSync(path, 'r+');
      try {
        writeSync(fd, Buffer.from('X'), 0, 1, text.indexOf('\n') + 9);
      } finally {
        closeSync(fd);
      }
    }, 0);
    expect((error as TickmarkError | undefined)?.code).toBe('TM_ERR_SOURCE_CHANGED');
  });
});
