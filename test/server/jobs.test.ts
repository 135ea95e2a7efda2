/** The in-memory job registry (queue, concurrency, cancel, backpressure) and the job routes. */
import { describe, expect, it } from 'vitest';
import { tickmarkError } from '../../src/errors.js';
import { JobRegistry, type JobContext } from '../../src/server/jobs/jobs.js';
import { bearer, changeCsv, json, uploadCsv, world } from './helpers.js';

/** A job that runs until released or aborted. */
function gate() {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const work = async ({ signal, progress }: JobContext) => {
    progress(5, 10);
    await new Promise<void>((resolve, reject) => {
      released.then(resolve);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    return { id: 'samp_x', href: '/v1/samples/samp_x' };
  };
  return { work, release };
}

/**
 * One turn of the event loop: the registry starts, finishes and pumps jobs in promise callbacks
 * (microtasks), so after a turn every job that could move has moved — no clock involved.
 */
const tick = () => new Promise<void>((r) => setImmediate(r));

describe('JobRegistry', () => {
  it('runs at most maxRunning at once, queues the rest in order, refuses beyond maxQueued with TM_ERR_BUSY', async () => {
    const jobs = new JobRegistry({ maxRunning: 1, maxQueued: 1 });
    const g1 = gate();
    const g2 = gate();
    const a = jobs.submit({ type: 't', engagementId: 'e', work: g1.work });
    const b = jobs.submit({ type: 't', engagementId: 'e', work: g2.work });
    await tick();
    expect([jobs.view(a.id)!.state, jobs.view(b.id)!.state]).toEqual(['running', 'queued']);
    expect(jobs.view(a.id)!.progress).toEqual({ done: 5, total: 10 });
    expect(() => jobs.submit({ type: 't', engagementId: 'e', work: gate().work })).toThrow(expect.objectContaining({ code: 'TM_ERR_BUSY' }));
    g1.release();
    await tick();
    expect(jobs.view(a.id)).toMatchObject({ state: 'succeeded', progress: { done: 10, total: 10 }, result: { id: 'samp_x' } });
    expect(jobs.view(b.id)!.state).toBe('running');
    g2.release();
    await tick();
    expect(jobs.view(b.id)!.state).toBe('succeeded');
  });

  it('cancels a queued job at once and a running one through its signal', async () => {
    const jobs = new JobRegistry({ maxRunning: 1, maxQueued: 5 });
    const running = jobs.submit({ type: 't', engagementId: null, work: gate().work });
    const queued = jobs.submit({ type: 't', engagementId: null, work: gate().work });
    await tick();
    expect(jobs.cancel(queued.id)!.state).toBe('cancelled');
    jobs.cancel(running.id);
    await tick();
    expect(jobs.view(running.id)).toMatchObject({ state: 'cancelled' });
    expect(jobs.view(running.id)!.finishedAt).toEqual(expect.any(String));
    expect(jobs.cancel('job_unknown')).toBeUndefined();
  });

  it('a failing job keeps the coded error; an unexpected one is reported as internal, without its stack', async () => {
    const errors: unknown[] = [];
    const jobs = new JobRegistry({ maxRunning: 2, maxQueued: 5, onError: (e) => errors.push(e) });
    const coded = jobs.submit({ type: 't', engagementId: null, work: async () => { throw tickmarkError('TM_ERR_BAD_PLAN', { message: 'no size' }); } });
    const boom = jobs.submit({ type: 't', engagementId: null, work: async () => { throw new Error('secret internals at /srv/x.js:1'); } });
    await tick();
    expect(jobs.view(coded.id)).toMatchObject({ state: 'failed', error: { code: 'TM_ERR_BAD_PLAN', message: 'no size' } });
    expect(jobs.view(boom.id)!.error).toMatchObject({ code: 'TM_ERR_INTERNAL' });
    expect(JSON.stringify(jobs.view(boom.id))).not.toContain('/srv/x.js');
    expect(errors).toHaveLength(2);
  });

  it('forgets the oldest finished jobs beyond keepFinished; close() interrupts everything and refuses new jobs', async () => {
    const jobs = new JobRegistry({ maxRunning: 4, maxQueued: 4, keepFinished: 2 });
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(jobs.submit({ type: 't', engagementId: null, work: async () => ({ id: `r${i}`, href: '' }) }).id);
    await tick();
    expect(ids.map((id) => jobs.view(id)?.state)).toEqual([undefined, 'succeeded', 'succeeded']);
    const live = jobs.submit({ type: 't', engagementId: null, work: gate().work });
    await tick();
    await jobs.close();
    expect(jobs.view(live.id)).toMatchObject({ state: 'failed', error: { code: 'TM_ERR_INTERRUPTED' } });
    expect(() => jobs.submit({ type: 't', engagementId: null, work: gate().work })).toThrow(expect.objectContaining({ code: 'TM_ERR_UNAVAILABLE' }));
  });
});

describe('job routes', () => {
  const setup = world({ limits: { maxRunningJobs: 1, maxQueuedJobs: 1 } });

  it('GET shows state and progress; DELETE cancels a running job; only its engagement sees it', async () => {
    const w = await setup;
    const g = gate();
    const job = w.app.tickmark.jobs.submit({ type: 'sample', engagementId: w.a.engagement.id, work: g.work });
    await tick();
    const read = json(await w.app.inject({ method: 'GET', url: `/v1/jobs/${job.id}`, headers: bearer(w.a.secret) }));
    expect(read.job).toMatchObject({ id: job.id, type: 'sample', state: 'running', progress: { done: 5, total: 10 } });
    expect((await w.app.inject({ method: 'GET', url: `/v1/jobs/${job.id}`, headers: bearer(w.b.secret) })).statusCode).toBe(404);
    expect((await w.app.inject({ method: 'DELETE', url: `/v1/jobs/${job.id}`, headers: bearer(w.b.secret) })).statusCode).toBe(404);
    const list = json(await w.app.inject({ method: 'GET', url: '/v1/jobs', headers: bearer(w.a.secret) }));
    expect(list.jobs.map((j: { id: string }) => j.id)).toContain(job.id);
    const cancelled = await w.app.inject({ method: 'DELETE', url: `/v1/jobs/${job.id}`, headers: bearer(w.a.secret) });
    expect(cancelled.statusCode).toBe(200);
    await tick();
    expect(json(await w.app.inject({ method: 'GET', url: `/v1/jobs/${job.id}`, headers: bearer(w.a.secret) })).job.state).toBe('cancelled');
    expect((await w.app.inject({ method: 'GET', url: '/v1/jobs/job_nope', headers: bearer(w.a.secret) })).statusCode).toBe(404);
    expect((await w.app.inject({ method: 'GET', url: '/v1/jobs/job%2F..', headers: bearer(w.a.secret) })).statusCode).toBe(400);
  });

  it('answers 503 with Retry-After when the job queue is full, and accepts again once it drains', async () => {
    const w = await setup;
    const pop = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, changeCsv(20))).population;
    const g1 = gate();
    const g2 = gate();
    w.app.tickmark.jobs.submit({ type: 'x', engagementId: null, work: g1.work });
    w.app.tickmark.jobs.submit({ type: 'x', engagementId: null, work: g2.work });
    const busy = await w.app.inject({ method: 'POST', url: `/v1/populations/${pop.id}/samples`, headers: bearer(w.a.secret), payload: { seed: '1', size: 3 } });
    expect(busy.statusCode).toBe(503);
    expect(json(busy).code).toBe('TM_ERR_BUSY');
    expect(busy.headers['retry-after']).toBe('5');
    g1.release();
    g2.release();
    await tick();
    await tick();
    expect((await w.app.inject({ method: 'POST', url: `/v1/populations/${pop.id}/samples`, headers: bearer(w.a.secret), payload: { seed: '1', size: 3 } })).statusCode).toBe(202);
  });
});
