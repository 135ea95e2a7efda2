/**
 * DELETE for samples, populations and engagements: refused while referenced (409 naming what
 * refers to it) unless ?force=true, refused while a job of the engagement runs, files removed,
 * every deletion in the audit log (which itself cannot be deleted from); and the retention sweep —
 * SQL pulls kept as files included.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobContext } from '../../src/server/jobs/jobs.js';
import { tempDir } from '../helpers/tmp.js';
import { resultsPayload } from '../sql/helpers.js';
import { bearer, changeCsv, json, runJob, uploadCsv, world } from './helpers.js';

/** A SQL pull from results, run over HTTP for engagement A of `w`: its id and its files (record, workbook, results). */
async function keptSqlPull(w: Awaited<ReturnType<typeof world>>) {
  const { request, results } = await resultsPayload(tempDir('tickmark-delete-sql-'), 80, { seed: '3', size: 5 });
  const job = await runJob(w.app, w.a.secret, `/v1/engagements/${w.a.engagement.id}/sql-pulls`, { source: { results: { request, results } } });
  expect(job.state).toBe('succeeded');
  const id = (job.result.href as string).split('/').pop()!;
  const dir = join(w.dataDir, 'exports', 'sql-pulls');
  return { id, href: job.result.href as string, files: [join(dir, `${id}.json`), join(dir, `${id}.xlsx`), join(dir, `${id}.results.json`)] };
}

async function engagementWithResults(retentionDays?: number) {
  const w = await world(retentionDays ? { retentionDays } : {});
  const pop = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, changeCsv(40))).population;
  const sample = (await runJob(w.app, w.a.secret, `/v1/populations/${pop.id}/samples`, { seed: 'd', size: 5 })).result.id as string;
  const run = (await runJob(w.app, w.a.secret, `/v1/populations/${pop.id}/test-runs`, { sampleId: sample })).result.id as string;
  return { ...w, pop, sample, run };
}

const del = (w: { app: any }, url: string, secret: string) => w.app.inject({ method: 'DELETE', url, headers: bearer(secret) });

describe('DELETE', () => {
  it('a sample with a test run: 409 naming it; with force both go, each logged', async () => {
    const w = await engagementWithResults();
    const refused = await del(w, `/v1/samples/${w.sample}`, w.a.secret);
    expect(refused.statusCode).toBe(409);
    expect(json(refused)).toMatchObject({ code: 'TM_ERR_IN_USE', details: { what: 'sample', id: w.sample, by: '1 testrun', ids: [w.run] } });
    expect((await del(w, `/v1/samples/${w.sample}`, w.b.secret)).statusCode).toBe(404); // out of scope: as if missing
    const done = await del(w, `/v1/samples/${w.sample}?force=true`, w.a.secret);
    expect(done.statusCode).toBe(200);
    expect(json(done).deleted.artefacts).toEqual([{ id: w.sample, type: 'sample' }, { id: w.run, type: 'testrun' }]);
    expect((await w.app.inject({ method: 'GET', url: `/v1/samples/${w.sample}`, headers: bearer(w.a.secret) })).statusCode).toBe(404);
    expect((await w.app.inject({ method: 'GET', url: `/v1/test-runs/${w.run}`, headers: bearer(w.a.secret) })).statusCode).toBe(404);
    const log = w.store.auditLog(20);
    expect(log.find((e) => e.action === 'sample.delete')).toMatchObject({ target: w.sample, actor: w.a.tokenId, params: { force: true } });
    expect(log.find((e) => e.action === 'testrun.delete')?.target).toBe(w.run);
    expect(() => w.store.catalog.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('a population with results: 409; with force the results, the chunks and the source file go', async () => {
    const w = await engagementWithResults();
    const refused = await del(w, `/v1/populations/${w.pop.id}`, w.a.secret);
    expect(refused.statusCode).toBe(409);
    expect(json(refused).details.by).toMatch(/1 sample, 1 testrun/);
    const dir = join(w.dataDir, 'populations', w.pop.id);
    const source = join(w.dataDir, 'sources', w.pop.source.sha256);
    expect([existsSync(dir), existsSync(source)]).toEqual([true, true]);
    const done = json(await del(w, `/v1/populations/${w.pop.id}?force=true`, w.a.secret));
    expect(done.deleted).toEqual({ artefacts: [{ id: w.sample, type: 'sample' }, { id: w.run, type: 'testrun' }], populations: [w.pop.id] });
    expect([existsSync(dir), existsSync(source)]).toEqual([false, false]);
    expect((await w.app.inject({ method: 'GET', url: `/v1/populations/${w.pop.id}`, headers: bearer(w.a.secret) })).statusCode).toBe(404);
  });

  it('an engagement: admin only, 409 while it has populations, with force everything under it and its tokens go', async () => {
    const w = await engagementWithResults();
    expect((await del(w, `/v1/engagements/${w.a.engagement.id}`, w.a.secret)).statusCode).toBe(403);
    const refused = await del(w, `/v1/engagements/${w.a.engagement.id}`, w.admin);
    expect(refused.statusCode).toBe(409);
    expect(json(refused).details).toMatchObject({ what: 'engagement', by: '1 population' });
    const done = json(await del(w, `/v1/engagements/${w.a.engagement.id}?force=true`, w.admin));
    expect(done.deleted.populations).toEqual([w.pop.id]);
    expect((await w.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(w.a.secret) })).statusCode).toBe(401);
    expect((await w.app.inject({ method: 'GET', url: `/v1/engagements/${w.a.engagement.id}`, headers: bearer(w.admin) })).statusCode).toBe(404);
    expect(w.store.auditLog(50).find((e) => e.action === 'engagement.delete')).toMatchObject({ target: w.a.engagement.id, params: { force: true, tokens: [w.a.tokenId] } });
  });

  it('an engagement with a kept SQL pull: 409 naming it; with force its record and workbook go, logged', async () => {
    const w = await world();
    const pull = await keptSqlPull(w);
    expect(pull.files.map(existsSync)).toEqual([true, true, true]);
    const refused = await del(w, `/v1/engagements/${w.a.engagement.id}`, w.admin);
    expect(refused.statusCode).toBe(409);
    expect(json(refused).details).toMatchObject({ what: 'engagement', by: '1 SQL pull', ids: [pull.id] });
    const done = json(await del(w, `/v1/engagements/${w.a.engagement.id}?force=true`, w.admin));
    expect(done.deleted).toEqual({ artefacts: [], populations: [], sqlPulls: [pull.id] });
    expect(pull.files.map(existsSync)).toEqual([false, false, false]);
    expect(w.store.auditLog(20).find((e) => e.action === 'sqlpull.delete')).toMatchObject({ target: pull.id, actor: expect.any(String), params: { engagementId: w.a.engagement.id, force: true } });
  }, 120_000);

  it('is refused while a job of the engagement is queued or running', async () => {
    const w = await engagementWithResults();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    w.app.tickmark.jobs.submit({ type: 'slow', engagementId: w.a.engagement.id, work: async (_: JobContext) => (await held, { id: 'x', href: '' }) });
    const refused = await del(w, `/v1/populations/${w.pop.id}?force=true`, w.a.secret);
    expect(refused.statusCode).toBe(409);
    expect(json(refused).details.by).toMatch(/running job/);
    release();
  });
});

describe('retention', () => {
  it('sweeps results and populations older than retentionDays that nothing refers to, leaves first, and logs it', async () => {
    const w = await engagementWithResults(30);
    const fresh = json(await uploadCsv(w.app, w.b.secret, w.b.engagement.id, changeCsv(10, { startAt: 800 }))).population;
    expect(w.app.tickmark.sweep()).toEqual({ artefacts: [], populations: [] }); // nothing is 30 days old yet
    const later = Date.now() + 31 * 86_400_000;
    const swept = w.app.tickmark.sweep(later);
    expect(swept.artefacts).toEqual([{ id: w.run, type: 'testrun' }, { id: w.sample, type: 'sample' }]);
    expect(swept.populations.sort()).toEqual([w.pop.id, fresh.id].sort());
    expect(w.store.auditLog(30).find((e) => e.action === 'retention.sweep')).toMatchObject({ actor: 'retention', params: { retentionDays: 30, artefacts: 2, populations: 2 } });
    expect(w.store.auditLog(30).find((e) => e.action === 'population.delete')?.actor).toBe('retention');
  });

  it('sweeps kept SQL pulls older than retentionDays, and only those', async () => {
    const w = await world({ retentionDays: 30 });
    const pull = await keptSqlPull(w);
    expect(w.app.tickmark.sweep()).toEqual({ artefacts: [], populations: [] });
    expect((await w.app.inject({ method: 'GET', url: pull.href, headers: bearer(w.a.secret) })).statusCode).toBe(200);
    const swept = w.app.tickmark.sweep(Date.now() + 31 * 86_400_000);
    expect(swept).toEqual({ artefacts: [], populations: [], sqlPulls: [pull.id] });
    expect(pull.files.map(existsSync)).toEqual([false, false, false]);
    expect((await w.app.inject({ method: 'GET', url: pull.href, headers: bearer(w.a.secret) })).statusCode).toBe(404);
    expect(w.store.auditLog(30).find((e) => e.action === 'retention.sweep')).toMatchObject({ params: { sqlPulls: 1 } });
    expect(w.store.auditLog(30).find((e) => e.action === 'sqlpull.delete')).toMatchObject({ target: pull.id, actor: 'retention', params: { retentionDays: 30 } });
  }, 120_000);
});
