/**
 * Fair scheduling across engagements: the queue's rotation and quotas as pure bookkeeping, and
 * the shared-service scenario — one engagement floods the job queue, another's small sample
 * still starts within one running task's time. Jobs are held by latches, never by sleeps.
 */
import { describe, expect, it } from 'vitest';
import { FairQueue } from '../../src/server/jobs/fair-queue.js';
import { JobRegistry, type JobContext, type JobView } from '../../src/server/jobs/jobs.js';
import { bearer, changeCsv, json, uploadCsv, waitJob, world } from './helpers.js';

/** A job that runs until released (or aborted), and a promise that it started. */
function latch() {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let markStarted!: () => void;
  const started = new Promise<void>((r) => (markStarted = r));
  const work = async ({ signal }: JobContext) => {
    markStarted();
    await new Promise<void>((resolve, reject) => {
      void released.then(resolve);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    return { id: 'x', href: '/v1/x' };
  };
  return { work, release, started };
}

/** Resolves when `jobs` has finished `id` (polls the registry on the event loop's own turns). */
async function finished(jobs: JobRegistry, id: string): Promise<JobView> {
  for (;;) {
    const v = jobs.view(id)!;
    if (['succeeded', 'failed', 'cancelled'].includes(v.state)) return v;
    await new Promise((r) => setImmediate(r));
  }
}

describe('FairQueue', () => {
  it('serves the engagement served least recently first: A1, then B1 and C1 before A2', () => {
    const q = new FairQueue<string>({ maxRunning: 1, maxQueued: 10, maxRunningPerEngagement: 1, maxQueuedPerEngagement: 10 });
    q.push('A', 'A1');
    expect(q.take()).toEqual({ key: 'A', item: 'A1' });
    q.push('A', 'A2');
    q.push('A', 'A3');
    q.push('B', 'B1');
    q.push('C', 'C1');
    expect(q.take()).toBeUndefined(); // the one slot is taken
    const order = [];
    for (let i = 0; i < 4; i++) {
      q.done(order.length ? order[order.length - 1]!.key : 'A');
      order.push(q.take()!);
    }
    expect(order.map((t) => t.item)).toEqual(['B1', 'C1', 'A2', 'A3']);
  });

  it('keeps an engagement to its running cap while others have work', () => {
    const q = new FairQueue<string>({ maxRunning: 2, maxQueued: 10, maxRunningPerEngagement: 1, maxQueuedPerEngagement: 10 });
    q.push('A', 'A1');
    q.push('A', 'A2');
    expect(q.take()?.item).toBe('A1');
    expect(q.take()).toBeUndefined(); // A is at its cap; the second slot stays free for others
    q.push('B', 'B1');
    expect(q.take()?.item).toBe('B1');
    expect([q.running, q.queued, q.runningOf('A'), q.queuedOf('A')]).toEqual([2, 1, 1, 1]);
  });

  it('refuses past the engagement quota with 429 TM_ERR_QUOTA and past the whole queue with 503 TM_ERR_BUSY, each naming its limit', () => {
    const q = new FairQueue<string>({ maxRunning: 1, maxQueued: 3, maxRunningPerEngagement: 1, maxQueuedPerEngagement: 2 });
    q.admit('A');
    q.push('A', 'A1');
    q.take();
    for (const item of ['A2', 'A3']) (q.admit('A'), q.push('A', item));
    expect(() => q.admit('A')).toThrow(expect.objectContaining({ code: 'TM_ERR_QUOTA', status: 429, details: expect.objectContaining({ limit: 'maxQueuedPerEngagement', value: 2 }) }));
    q.admit('B');
    q.push('B', 'B1');
    expect(() => q.admit('C')).toThrow(expect.objectContaining({ code: 'TM_ERR_BUSY', status: 503, details: expect.objectContaining({ limit: 'maxQueuedJobs', value: 3 }) }));
  });
});

describe('JobRegistry', () => {
  it('starts jobs in the fair order: a flood of A waits behind B and C', async () => {
    const starts: string[] = [];
    const jobs = new JobRegistry({ maxRunning: 1, maxQueued: 20, onStart: (j) => starts.push(j.type) });
    const latches = new Map<string, ReturnType<typeof latch>>();
    const submit = (type: string, engagementId: string) => {
      const l = latch();
      latches.set(type, l);
      return jobs.submit({ type, engagementId, work: l.work }).id;
    };
    const ids = ['A1', 'A2', 'A3', 'A4'].map((t) => submit(t, 'A'));
    ids.push(submit('B1', 'B'), submit('C1', 'C'));
    for (const type of ['A1', 'B1', 'C1', 'A2', 'A3', 'A4']) {
      await latches.get(type)!.started;
      latches.get(type)!.release();
    }
    for (const id of ids) expect((await finished(jobs, id)).state).toBe('succeeded');
    expect(starts).toEqual(['A1', 'B1', 'C1', 'A2', 'A3', 'A4']);
  });
});

describe('a shared service', () => {
  it("engagement B's small sample runs while A's 16 long jobs hold A's share; A's 17th is refused with 429 and Retry-After", async () => {
    const w = await world({ limits: { maxRunningJobs: 2, maxQueuedJobs: 64, maxQueuedPerEngagement: 15 } });
    const popA = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, changeCsv(40))).population;
    const popB = json(await uploadCsv(w.app, w.b.secret, w.b.engagement.id, changeCsv(40, { startAt: 500 }))).population;
    const held = Array.from({ length: 16 }, () => latch());
    const aJobs = held.map((l) => w.app.tickmark.jobs.submit({ type: 'slow', engagementId: w.a.engagement.id, work: l.work }));
    await held[0]!.started;
    const flood = await w.app.inject({ method: 'POST', url: `/v1/populations/${popA.id}/samples`, headers: bearer(w.a.secret), payload: { seed: 'a', size: 5 } });
    expect(flood.statusCode).toBe(429);
    expect(json(flood)).toMatchObject({ code: 'TM_ERR_QUOTA', details: { limit: 'maxQueuedPerEngagement', value: 15 } });
    expect(Number(flood.headers['retry-after'])).toBeGreaterThan(0);

    const res = await w.app.inject({ method: 'POST', url: `/v1/populations/${popB.id}/samples`, headers: bearer(w.b.secret), payload: { seed: 'b', size: 5 } });
    expect(res.statusCode).toBe(202);
    const done = await waitJob(w.app, w.b.secret, res.headers.location as string);
    expect(done.state).toBe('succeeded');
    // A still holds one slot and waits for the rest: B never waited behind A's queue.
    expect(aJobs.map((j) => w.app.tickmark.jobs.view(j.id)!.state)).toEqual(['running', ...Array(15).fill('queued')]);
    for (const l of held) l.release();
  });

  it("with A allowed every slot, B's job is the next to start when one of A's ends, ahead of A's queue", async () => {
    const starts: string[] = [];
    const w = await world({ limits: { maxRunningJobs: 2, maxRunningPerEngagement: 2 }, onJobStart: (j) => starts.push(`${j.engagementId}:${j.type}`) });
    const popB = json(await uploadCsv(w.app, w.b.secret, w.b.engagement.id, changeCsv(40, { startAt: 500 }))).population;
    const held = Array.from({ length: 5 }, () => latch());
    for (const l of held) w.app.tickmark.jobs.submit({ type: 'slow', engagementId: w.a.engagement.id, work: l.work });
    await Promise.all([held[0]!.started, held[1]!.started]);
    const res = await w.app.inject({ method: 'POST', url: `/v1/populations/${popB.id}/samples`, headers: bearer(w.b.secret), payload: { seed: 'b', size: 5 } });
    expect(json(res).job.state).toBe('queued');
    held[0]!.release();
    expect((await waitJob(w.app, w.b.secret, res.headers.location as string)).state).toBe('succeeded');
    const a = `${w.a.engagement.id}:slow`;
    expect(starts.slice(0, 3)).toEqual([a, a, `${w.b.engagement.id}:sample`]);
    for (const l of held) l.release();
  });
});
