/**
 * The fair queue of the job scheduler: one FIFO per engagement, served round-robin, with a cap on
 * the jobs one engagement may run at once and on the jobs it may have waiting. When a slot frees,
 * it goes to the engagement with waiting work (under its running cap) that was served least
 * recently — one never served first — so one engagement's flood waits behind itself, and
 * another engagement's job waits for at most one running task to end.
 *
 * Pure bookkeeping (no timers, no I/O): `admit` says whether a job may join, `take` hands out the
 * next job to start, `done` gives a slot back.
 *
 * @example
 * const q = new FairQueue<{ id: string }>({ maxRunning: 2, maxQueued: 64, maxRunningPerEngagement: 1, maxQueuedPerEngagement: 16 })
 * q.push('eng_a', { id: 'j1' }); q.push('eng_b', { id: 'j2' })
 * q.take() // { key: 'eng_a', item: { id: 'j1' } }, then eng_b's
 */
import { tickmarkError } from '../../errors.js';

export interface SchedulerLimits {
  /** Jobs running at once, all engagements together. */
  maxRunning: number;
  /** Jobs waiting, all engagements together; past it new jobs get 503 TM_ERR_BUSY. */
  maxQueued: number;
  /** Jobs one engagement may run at once. */
  maxRunningPerEngagement: number;
  /** Jobs one engagement may have waiting; past it its new jobs get 429 TM_ERR_QUOTA. */
  maxQueuedPerEngagement: number;
}

export class FairQueue<T> {
  /** Waiting jobs per engagement key (insertion order breaks ties between never-served keys). */
  private readonly waiting = new Map<string, T[]>();
  /** When each key last had a job started (a counter, not a clock). */
  private readonly servedAt = new Map<string, number>();
  private serves = 0;
  private readonly runningBy = new Map<string, number>();
  private queuedTotal = 0;
  private runningTotal = 0;

  constructor(readonly limits: SchedulerLimits) {}

  get queued(): number {
    return this.queuedTotal;
  }

  get running(): number {
    return this.runningTotal;
  }

  queuedOf(key: string): number {
    return this.waiting.get(key)?.length ?? 0;
  }

  runningOf(key: string): number {
    return this.runningBy.get(key) ?? 0;
  }

  /**
   * Throws the coded refusal when a job of `key` may not join: TM_ERR_QUOTA (429) when the
   * engagement's own queue is full, TM_ERR_BUSY (503) when the whole queue is. A job that would
   * start at once (a free slot, under the engagement's running cap, nothing waiting) always joins.
   */
  admit(key: string): void {
    const { maxQueued, maxQueuedPerEngagement, maxRunning, maxRunningPerEngagement } = this.limits;
    const startsNow = this.runningTotal < maxRunning && this.runningOf(key) < maxRunningPerEngagement && this.queuedOf(key) === 0;
    if (startsNow) return;
    if (this.queuedOf(key) >= maxQueuedPerEngagement) {
      throw tickmarkError('TM_ERR_QUOTA', { what: "this engagement's job queue", limit: 'maxQueuedPerEngagement', value: maxQueuedPerEngagement, retryAfterSeconds: 5 });
    }
    if (this.queuedTotal >= maxQueued) throw tickmarkError('TM_ERR_BUSY', { limit: 'maxQueuedJobs', value: maxQueued });
  }

  push(key: string, item: T): void {
    let list = this.waiting.get(key);
    if (!list) this.waiting.set(key, (list = []));
    list.push(item);
    this.queuedTotal++;
  }

  /** Remove a waiting job (cancelled); false when it was not waiting. */
  remove(key: string, item: T): boolean {
    const list = this.waiting.get(key);
    const i = list ? list.indexOf(item) : -1;
    if (i < 0) return false;
    list!.splice(i, 1);
    if (!list!.length) this.waiting.delete(key);
    this.queuedTotal--;
    return true;
  }

  /** The next job to start (its slot is taken), or undefined when no slot or no eligible job. */
  take(): { key: string; item: T } | undefined {
    if (this.runningTotal >= this.limits.maxRunning) return undefined;
    let chosen: string | undefined;
    let chosenAt = Infinity;
    for (const key of this.waiting.keys()) {
      if (this.runningOf(key) >= this.limits.maxRunningPerEngagement) continue;
      const at = this.servedAt.get(key) ?? -1;
      if (at < chosenAt) (chosen = key), (chosenAt = at);
    }
    if (chosen === undefined) return undefined;
    const list = this.waiting.get(chosen)!;
    const item = list.shift()!;
    if (!list.length) this.waiting.delete(chosen);
    this.queuedTotal--;
    this.started(chosen);
    return { key: chosen, item };
  }

  /** Count a job started outside the queue (it never waited). */
  started(key: string): void {
    this.servedAt.set(key, ++this.serves);
    this.runningTotal++;
    this.runningBy.set(key, this.runningOf(key) + 1);
  }

  /** A running job of `key` ended: its slot is free. */
  done(key: string): void {
    this.runningTotal--;
    const n = this.runningOf(key) - 1;
    if (n > 0) this.runningBy.set(key, n);
    else {
      this.runningBy.delete(key);
      // Forget an idle engagement's last service once the map grows large (it then ranks as never served).
      if (!this.waiting.has(key) && this.servedAt.size > 10_000) this.servedAt.delete(key);
    }
  }
}
