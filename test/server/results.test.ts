/**
 * The team's results over HTTP: entries on a pulled sample's test run are stored as versions,
 * never overwritten; each gives the evaluation its entries lead to; bad entries store nothing;
 * another engagement's token sees none of it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bearer, json, runJob, uploadCsv, world } from './helpers.js';

describe('results of a test run', () => {
  it('records versions append-only, re-evaluates, and refuses entries the sample does not have', async () => {
    const w = await world();
    const pop = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, readFileSync('fixtures/change/good.csv'), 'kind=change')).population;
    const pulled = await runJob(w.app, w.a.secret, '/v1/pulls', { populationId: pop.id, sample: { seed: '7', size: 5 } });
    const view = json(await w.app.inject({ method: 'GET', url: pulled.result.href, headers: bearer(w.a.secret) })).pull;
    const run = json(await w.app.inject({ method: 'GET', url: view.links.testRun, headers: bearer(w.a.secret) })).testRun;
    const manual = run.run.attributes.find((a: { mode: string }) => a.mode === 'manual').attribute as string;
    expect(run.evaluation.conclusion.status).toBe('incomplete'); // the manual attribute is not ticked yet
    const sample = json(await w.app.inject({ method: 'GET', url: view.links.sample, headers: bearer(w.a.secret) })).sample;
    const items = sample.selection.items.map((i: { order: number; key: string }) => ({ order: i.order, key: i.key }));
    const post = (entries: object, secret = w.a.secret) => w.app.inject({ method: 'POST', url: `/v1/test-runs/${run.id}/results`, headers: bearer(secret), payload: { entries } });

    const first = await post({ items: items.map((i: object) => ({ ...i, marks: { [manual]: '✓' }, evidence: 'CAB minutes' })) });
    expect(first.statusCode, first.body).toBe(201);
    expect(json(first).results).toMatchObject({ version: 1, source: { via: 'api' }, evaluation: { conclusion: { status: 'effective' } } });
    const second = await post({ items: items.map((i: object, n: number) => ({ ...i, marks: { [manual]: n === 0 ? 'X' : '✓' } })), workpaper: { preparedBy: 'A. Auditor', preparedOn: '2026-01-15' } });
    expect(json(second).results).toMatchObject({ version: 2, evaluation: { conclusion: { status: 'exceptions_noted' } } });
    expect(second.headers.location).toBe(`/v1/test-runs/${run.id}/results/2`);

    const bad = await post({ items: [{ order: 99, key: 'CHG-NOPE', marks: { [manual]: '✓' } }] });
    expect(bad.statusCode).toBe(422);
    expect(json(bad).code).toBe('TM_ERR_BAD_ENTRIES');
    const badMark = await post({ items: [{ ...items[0], marks: { [manual]: 'maybe' } }] });
    expect(badMark.statusCode).toBe(400);

    const list = json(await w.app.inject({ method: 'GET', url: `/v1/test-runs/${run.id}/results`, headers: bearer(w.a.secret) }));
    expect(list.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(list.latest.entries.workpaper).toEqual({ preparedBy: 'A. Auditor', preparedOn: '2026-01-15' });
    const v1 = json(await w.app.inject({ method: 'GET', url: `/v1/test-runs/${run.id}/results/1`, headers: bearer(w.a.secret) })).results;
    expect(v1.entries.items[0].marks[manual]).toBe('✓'); // version 1 still as it was

    expect((await post({ items: [] }, w.b.secret)).statusCode).toBe(404);
    expect((await w.app.inject({ method: 'GET', url: `/v1/test-runs/${run.id}/results`, headers: bearer(w.b.secret) })).statusCode).toBe(404);
  });
});
