/**
 * A large sample's download is built on the worker pool, from the data directory opened shared
 * by the worker; the file is the one the request's thread would have built.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { drawSample } from '../../src/operations/index.js';
import { closePools, poolStarted } from '../../src/pool/pool.js';
import { buildExport, IN_THREAD_ITEMS } from '../../src/operations/export-sample-file.js';
import { bearer, changeCsv, json, uploadCsv, world } from './helpers.js';

afterAll(() => closePools());

describe('downloads of a large sample', () => {
  it('are built by a worker, the same file (the CSV) and a readable workbook', async () => {
    const w = await world({ workers: 1 });
    const pop = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, changeCsv(2600), 'kind=change')).population;
    const big = await drawSample(w.store, pop.id, { seed: 'big', size: IN_THREAD_ITEMS + 100 }, { engagementId: w.a.engagement.id, workers: 0 });
    const started = poolStarted(1);
    const csv = await w.app.inject({ method: 'GET', url: `/v1/samples/${big.id}/export?format=csv`, headers: bearer(w.a.secret) });
    expect(csv.statusCode).toBe(200);
    if (!started) expect(poolStarted(1)).toBe(true); // the worker pool ran it
    const here = await buildExport(w.store, { id: big.id, engagement: { client: 'Acme', name: 'SOC 2 2025' }, period: '2025-01-01..2025-12-31', timeZone: 'UTC', includePopulation: false }, 'csv');
    expect(csv.body).toBe(here.body.toString('utf8'));
    expect(csv.body.trim().split('\n')).toHaveLength(IN_THREAD_ITEMS + 101);
    const xlsx = await w.app.inject({ method: 'GET', url: `/v1/samples/${big.id}/workbook`, headers: bearer(w.a.secret) });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
