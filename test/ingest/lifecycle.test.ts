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

  it('finds an already-ingested file by its hash without parsing it again, and only when every option matches', async () => {
    const store = tempStore();
    let parsed = 0;
    const first = await ingestFile(store, path, { kind: 'change', onProgress: () => parsed++ });
    expect(parsed).toBeGreaterThan(0);
    parsed = 0;
    const again = await ingestFile(store, path, { kind: 'change', onProgress: () => parsed++ });
    expect(again).toEqual({ population: first.population, created: false });
    expect(parsed).toBe(0); // no chunk was parsed: the file was only hashed
    // A different mapping, delimiter or engagement is a different population: parsed, not matched.
    const remapped = await ingestFile(store, path, { kind: 'change', map: { title: 'Requested By' }, onProgress: () => parsed++ });
    expect(remapped.created).toBe(true);
    expect(parsed).toBeGreaterThan(0);
    const other = writeTemp(dir, 'same-size.csv', changeLogCsv(2000, 'lifecycle').replace('CHG0000001', 'CHG0000009'));
    const sameSize = await ingestFile(store, other, { kind: 'change' });
    expect(sameSize.created).toBe(true);
    expect(sameSize.population.source.bytes).toBe(first.population.source.bytes);
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
