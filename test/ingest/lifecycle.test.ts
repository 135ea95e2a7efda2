import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TickmarkError } from '../../src/errors.js';
import { ingestFile, ingestStream } from '../../src/ingest/ingest.js';
import { changeLogCsv } from '../helpers/csv.js';
import { tempDir, tempStore, writeTemp } from '../helpers/tmp.js';

const dir = tempDir();
const path = writeTemp(dir, 'changes.csv', changeLogCsv(2000, 'lifecycle'));

describe('ingest lifecycle in the store', () => {
  it('is idempotent: the same bytes and options give back the same population', async () => {
    const store = tempStore();
    const first = await ingestFile(store, path, { kind: 'change' });
    const again = await ingestFile(store, path, { kind: 'change', workers: 2, chunkSize: 10_000 });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.population.id).toBe(first.population.id);
    expect(store.listPopulations()).toHaveLength(1);
    const other = await ingestFile(store, path, { kind: 'change', timeZone: 'Europe/Paris' });
    expect(other.population.id).not.toBe(first.population.id);
    // The source is kept content-addressed, once.
    expect(readdirSync(join(store.dir, 'sources'))).toEqual([first.population.source.sha256]);
    const actions = store.auditLog().map((e) => e.action);
    expect(actions.filter((a) => a === 'population.ingest')).toHaveLength(2);
    expect(actions).toContain('population.reingest');
  });

  it('leaves no catalog entry and no stray files when aborted mid-stream', async () => {
    const store = tempStore();
    const controller = new AbortController();
    let pieces = 0;
    async function* slow() {
      for await (const piece of createReadStream(path, { highWaterMark: 4096 })) {
        if (++pieces === 20) controller.abort('killed');
        yield piece as Buffer;
      }
    }
    const err = await ingestStream(store, slow(), { kind: 'change', signal: controller.signal, chunkSize: 8192, workers: 2 }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(TickmarkError);
    expect((err as TickmarkError).code).toBe('TM_ERR_ABORTED');
    expect(pieces).toBeGreaterThanOrEqual(20);
    expect(store.listPopulations()).toHaveLength(0);
    expect(readdirSync(join(store.dir, 'tmp'))).toEqual([]);
    expect(readdirSync(join(store.dir, 'sources'))).toEqual([]);
    expect(readdirSync(join(store.dir, 'populations'))).toEqual([]);
  });

  it('sweeps temp folders of dead processes when the store opens', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { openStore } = await import('../../src/store/store.js');
    const store = tempStore();
    const stale = join(store.dir, 'tmp', '999999999-deadbeef');
    mkdirSync(stale);
    writeFileSync(join(stale, 'chunk-000000.tmck'), 'partial');
    const reopened = openStore({ dataDir: store.dir });
    expect(readdirSync(join(store.dir, 'tmp'))).toEqual([]);
    reopened.close();
  });
});
