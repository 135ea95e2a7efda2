/**
 * Jobs survive a restart: an app closed mid-job and a new one opened over the same data dir
 * answer for every job — finished ones as they ended, unfinished ones as failed with
 * TM_ERR_INTERRUPTED — and so does a registry opened after a crash (rows left queued/running).
 */
import { describe, expect, it } from 'vitest';
import { tickmarkError } from '../../src/errors.js';
import { buildApp } from '../../src/server/app.js';
import { JobStore } from '../../src/server/jobs/job-store.js';
import { JobRegistry, type JobContext } from '../../src/server/jobs/jobs.js';
import { openStore } from '../../src/store/store.js';
import { cleanUp } from '../helpers/tmp.js';
import { bearer, changeCsv, json, runJob, uploadCsv, world } from './helpers.js';

function held() {
  let markStarted!: () => void;
  const started = new Promise<void>((r) => (markStarted = r));
  const work = ({ signal }: JobContext) => new Promise<never>((_, reject) => {
    markStarted();
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  return { work, started };
}

describe('durable jobs', () => {
  it('after a restart: succeeded and failed jobs read as they ended; the running and the queued one as interrupted', async () => {
    const w = await world({ limits: { maxRunningJobs: 1 } });
    const pop = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, changeCsv(30))).population;
    const succeeded = await runJob(w.app, w.a.secret, `/v1/populations/${pop.id}/samples`, { seed: 'r', size: 5 });
    const { jobs } = w.app.tickmark;
    const failing = jobs.submit({ type: 'sample', engagementId: w.a.engagement.id, work: async () => { throw tickmarkError('TM_ERR_BAD_PLAN', { message: 'no size' }); } });
    await new Promise((r) => setImmediate(r));
    const h = held();
    const running = jobs.submit({ type: 'test-run', engagementId: w.a.engagement.id, work: h.work });
    const queued = jobs.submit({ type: 'completeness', engagementId: w.a.engagement.id, work: held().work });
    await h.started;
    expect([jobs.view(running.id)!.state, jobs.view(queued.id)!.state]).toEqual(['running', 'queued']);
    await w.app.close();

    const again = buildApp({ dataDir: w.dataDir, workers: 0 });
    cleanUp(() => again.close());
    const read = async (id: string) => json(await again.inject({ method: 'GET', url: `/v1/jobs/${id}`, headers: bearer(w.a.secret) })).job;
    expect(await read(succeeded.id)).toMatchObject({ state: 'succeeded', result: succeeded.result, finishedAt: succeeded.finishedAt });
    expect(await read(failing.id)).toMatchObject({ state: 'failed', error: { code: 'TM_ERR_BAD_PLAN' } });
    expect(await read(running.id)).toMatchObject({ state: 'failed', error: { code: 'TM_ERR_INTERRUPTED', details: { state: 'running' } } });
    expect(await read(queued.id)).toMatchObject({ state: 'failed', error: { code: 'TM_ERR_INTERRUPTED', details: { state: 'queued' } } });
    // B sees none of A's jobs, by id or in the list.
    expect((await again.inject({ method: 'GET', url: `/v1/jobs/${succeeded.id}`, headers: bearer(w.b.secret) })).statusCode).toBe(404);
    expect(json(await again.inject({ method: 'GET', url: '/v1/jobs', headers: bearer(w.b.secret) })).jobs).toEqual([]);
    const listed = json(await again.inject({ method: 'GET', url: '/v1/jobs?limit=2', headers: bearer(w.a.secret) }));
    expect(listed.jobs).toHaveLength(2);
    const rest = json(await again.inject({ method: 'GET', url: `/v1/jobs?limit=10&cursor=${listed.nextCursor}`, headers: bearer(w.a.secret) }));
    const all = [...listed.jobs, ...rest.jobs];
    expect(all.filter((j: { type: string }) => j.type !== 'upload').map((j: { id: string }) => j.id).sort()).toEqual([succeeded.id, failing.id, running.id, queued.id].sort());
    expect(all.filter((j: { type: string }) => j.type === 'upload')).toMatchObject([{ state: 'succeeded', result: { id: pop.id } }]);
    expect(rest.nextCursor).toBeNull();
    const failed = json(await again.inject({ method: 'GET', url: '/v1/jobs?state=failed', headers: bearer(w.a.secret) })).jobs;
    expect(failed).toHaveLength(3);
  });

  it('after a crash (rows left queued and running), the next registry marks them failed with TM_ERR_INTERRUPTED and logs it', async () => {
    const w = await world();
    const store = openStore({ dataDir: w.dataDir });
    cleanUp(() => store.close());
    const jobStore = new JobStore(store);
    const at = new Date().toISOString();
    jobStore.insert({ id: 'job_crash_running', type: 'sample', engagementId: w.a.engagement.id, actor: 'tok', state: 'running', progress: { done: 10, total: 100 }, createdAt: at, startedAt: at });
    jobStore.insert({ id: 'job_crash_queued', type: 'sample', engagementId: w.a.engagement.id, actor: 'tok', state: 'queued', progress: { done: 0, total: null }, createdAt: at });
    new JobRegistry({ maxRunning: 1, maxQueued: 1, store: jobStore });
    expect(jobStore.get('job_crash_running')).toMatchObject({ state: 'failed', progress: { done: 10, total: 100 }, error: { code: 'TM_ERR_INTERRUPTED', details: { state: 'running' } } });
    expect(jobStore.get('job_crash_queued')).toMatchObject({ state: 'failed', error: { code: 'TM_ERR_INTERRUPTED', details: { state: 'queued' } } });
    expect(store.auditLog(5).find((e) => e.action === 'jobs.interrupted')?.params).toEqual({ jobs: ['job_crash_queued', 'job_crash_running'] });
  });
});
