/**
 * Jobs: long operations (completeness, sampling, tests, verify, pulls) run in the background with
 * progress and can be cancelled. Scheduling is fair across engagements (fair-queue.ts: per-
 * engagement running and queue caps, round-robin between engagements). Every job is a row in the
 * catalog (job-store.ts) from submission to its end, so finished jobs stay readable after a
 * restart and jobs a previous process left unfinished read as failed (TM_ERR_INTERRUPTED).
 * Uploads are tracked here too (`track`): a record with byte and row progress that another
 * connection can poll while the upload request is still running; they take no job slot (their
 * own cap is per token, see limits/uploads.ts).
 *
 * @example
 * const job = jobs.submit({ type: 'sample', engagementId: 'eng_1', actor: 'tok_1', work: async ({ progress }) => ({ id: 's', href: '/v1/samples/s' }) })
 * jobs.view(job.id)?.state // 'queued' | 'running' | …
 */
import { tickmarkError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import { errorReply, type ErrorBody } from '../error-reply.js';
import { FairQueue, type SchedulerLimits } from './fair-queue.js';
import type { JobStore, StoredJob } from './job-store.js';
import { pageArray, type Page, type PageRequest } from '../pagination.js';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobResult {
  /** Id of the stored artefact the job produced. */
  id: string;
  /** Where to read it. */
  href: string;
}

export interface JobProgress {
  /** Units done (rows; bytes received for an upload) and the total when known. */
  done: number;
  total: number | null;
  /** Uploads: bytes received so far and rows ingested so far. */
  bytes?: number;
  rows?: number;
}

export interface JobContext {
  signal: AbortSignal;
  /** Report rows done (and the total when known). */
  progress(done: number, total?: number): void;
}

export type JobWork = (ctx: JobContext) => Promise<JobResult>;

export interface JobView {
  id: string;
  type: string;
  engagementId: string | null;
  state: JobState;
  progress: JobProgress;
  result?: JobResult;
  error?: ErrorBody;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface JobSpec {
  type: string;
  engagementId: string | null;
  /** Token id of who submitted it (kept in the catalog row). */
  actor?: string;
  work: JobWork;
}

/** A job tracked outside the queue (an upload): the owner reports progress and the end. */
export interface TrackedJob {
  id: string;
  progress(p: Partial<JobProgress>): void;
  succeed(result: JobResult): void;
  fail(err: unknown): void;
}

interface Job extends JobView {
  actor: string;
  controller: AbortController;
  work?: JobWork;
  done: Promise<void>;
  resolveDone: () => void;
  /** When progress was last written to the catalog (ms). */
  savedAt: number;
}

export interface JobRegistryOptions extends Omit<SchedulerLimits, 'maxRunningPerEngagement' | 'maxQueuedPerEngagement'> {
  /** Default: maxRunning (no per-engagement cap). */
  maxRunningPerEngagement?: number;
  /** Default: no per-engagement quota (only maxQueued). */
  maxQueuedPerEngagement?: number;
  /** Where jobs are kept; without one (unit tests) finished jobs stay in memory only. */
  store?: JobStore;
  /** Finished jobs remembered in memory when there is no store (oldest forgotten first). */
  keepFinished?: number;
  /** Least ms between two progress writes of one job to the catalog (default 1000). */
  progressEveryMs?: number;
  onError?: (err: unknown, job: JobView) => void;
  /** Called when a job starts (tests use it to observe the order of starts). */
  onStart?: (job: JobView) => void;
}

const FINISHED: JobState[] = ['succeeded', 'failed', 'cancelled'];
const keyOf = (engagementId: string | null) => engagementId ?? '';

export class JobRegistry {
  private readonly live = new Map<string, Job>();
  private readonly queue: FairQueue<Job>;
  private closed = false;

  constructor(private readonly opts: JobRegistryOptions) {
    this.queue = new FairQueue<Job>({
      maxRunning: opts.maxRunning, maxQueued: opts.maxQueued,
      maxRunningPerEngagement: opts.maxRunningPerEngagement ?? opts.maxRunning, maxQueuedPerEngagement: opts.maxQueuedPerEngagement ?? Infinity,
    });
    opts.store?.interruptAll(new Date().toISOString());
  }

  get queued(): number {
    return this.queue.queued;
  }

  get active(): number {
    return this.queue.running;
  }

  /** Throws the coded refusal (TM_ERR_QUOTA 429, TM_ERR_BUSY or TM_ERR_UNAVAILABLE 503) when a job of this engagement may not join. */
  assertCapacity(engagementId: string | null = null): void {
    if (this.closed) throw tickmarkError('TM_ERR_UNAVAILABLE', { reason: 'the service is shutting down', retryAfterSeconds: 5 });
    this.queue.admit(keyOf(engagementId));
  }

  submit(spec: JobSpec): JobView {
    this.assertCapacity(spec.engagementId);
    const job = this.newJob(spec.type, spec.engagementId, spec.actor ?? 'service', 'queued');
    job.work = spec.work;
    this.opts.store?.insert(this.stored(job));
    this.live.set(job.id, job);
    this.queue.push(keyOf(job.engagementId), job);
    this.pump();
    return this.view(job.id)!;
  }

  /** A running record for work that runs elsewhere (an upload request): no slot, no queue. */
  track(spec: { type: string; engagementId: string | null; actor: string; total?: number | null }): TrackedJob {
    const job = this.newJob(spec.type, spec.engagementId, spec.actor, 'running');
    job.startedAt = job.createdAt;
    job.progress = { done: 0, total: spec.total ?? null, bytes: 0, rows: 0 };
    this.opts.store?.insert(this.stored(job));
    this.live.set(job.id, job);
    return {
      id: job.id,
      progress: (p) => {
        job.progress = { ...job.progress, ...p };
        this.saveProgress(job);
      },
      succeed: (result) => {
        job.result = result;
        this.finish(job, 'succeeded');
      },
      fail: (err) => {
        job.error = errorReply(err).body;
        this.finish(job, 'failed');
      },
    };
  }

  private newJob(type: string, engagementId: string | null, actor: string, state: JobState): Job {
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    return {
      id: newId('job'), type, engagementId, state, progress: { done: 0, total: null }, createdAt: new Date().toISOString(),
      actor, controller: new AbortController(), done, resolveDone, savedAt: 0,
    };
  }

  private stored(job: Job): StoredJob {
    return { ...this.viewOf(job), actor: job.actor };
  }

  /** The job's engagement, for the scope check (no progress or result read). */
  engagementOf(id: string): { engagementId: string | null } | undefined {
    const job = this.live.get(id);
    if (job) return { engagementId: job.engagementId };
    return this.opts.store?.engagementOf(id);
  }

  view(id: string): JobView | undefined {
    const job = this.live.get(id);
    if (job) return this.viewOf(job);
    const stored = this.opts.store?.get(id);
    if (!stored) return undefined;
    const { actor: _actor, ...view } = stored;
    return view;
  }

  /** Ids of every job of an engagement, stored or live. */
  idsOf(engagementId: string): string[] {
    const ids = new Set(this.opts.store?.idsOf(engagementId) ?? []);
    for (const j of this.live.values()) if (j.engagementId === engagementId) ids.add(j.id);
    return [...ids];
  }

  /** Jobs oldest first, a page at a time (from the catalog, with live progress laid over it). */
  list(engagementId: string | undefined, page: PageRequest, filter: { state?: JobState; type?: string } = {}): Page<JobView> {
    if (!this.opts.store) {
      const all = [...this.live.values()].filter((j) => (engagementId === undefined || j.engagementId === engagementId) && (!filter.state || j.state === filter.state) && (!filter.type || j.type === filter.type));
      const views = all.map((j) => this.viewOf(j)).sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
      return pageArray(views, page, (j) => [j.createdAt, j.id]);
    }
    const stored = this.opts.store.list(engagementId, page, filter);
    return { ...stored, items: stored.items.map(({ actor: _actor, ...j }) => (this.live.has(j.id) ? this.viewOf(this.live.get(j.id)!) : j)) };
  }

  private viewOf(j: Job): JobView {
    return {
      id: j.id, type: j.type, engagementId: j.engagementId, state: j.state, progress: { ...j.progress },
      ...(j.result ? { result: j.result } : {}), ...(j.error ? { error: j.error } : {}),
      createdAt: j.createdAt, ...(j.startedAt ? { startedAt: j.startedAt } : {}), ...(j.finishedAt ? { finishedAt: j.finishedAt } : {}),
    };
  }

  /** Cancel a queued or running job; a finished job is left as it is. */
  cancel(id: string): JobView | undefined {
    const job = this.live.get(id);
    if (!job) return this.view(id);
    if (job.state === 'queued') {
      this.queue.remove(keyOf(job.engagementId), job);
      this.finish(job, 'cancelled');
    } else if (job.state === 'running') {
      job.controller.abort(tickmarkError('TM_ERR_ABORTED', { reason: 'cancelled' }));
    }
    return this.view(id);
  }

  /**
   * Refuse new jobs, stop every queued and running one, and wait for them to end. They end as
   * failed with TM_ERR_INTERRUPTED (the service stopped them, not their owner), as they would
   * read after a kill; each can be submitted again.
   */
  async close(): Promise<void> {
    this.closed = true;
    const interrupted = tickmarkError('TM_ERR_INTERRUPTED', { reason: 'the service shut down', state: 'running' });
    const pending = [...this.live.values()].filter((j) => !FINISHED.includes(j.state) && j.work);
    for (const job of pending) {
      if (job.state === 'queued') {
        this.queue.remove(keyOf(job.engagementId), job);
        job.error = errorReply(tickmarkError('TM_ERR_INTERRUPTED', { reason: 'the service shut down', state: 'queued' })).body;
        this.finish(job, 'failed');
      } else job.controller.abort(interrupted);
    }
    await Promise.all(pending.map((j) => j.done));
  }

  private pump(): void {
    for (let next = this.queue.take(); next; next = this.queue.take()) this.start(next.item);
  }

  private start(job: Job): void {
    job.state = 'running';
    job.startedAt = new Date().toISOString();
    this.opts.store?.started(job.id, job.startedAt);
    this.opts.onStart?.(this.viewOf(job));
    const ctx: JobContext = {
      signal: job.controller.signal,
      progress: (done, total) => {
        job.progress = { done, total: total ?? job.progress.total };
        this.saveProgress(job);
      },
    };
    Promise.resolve()
      .then(() => job.work!(ctx))
      .then(
        (result) => {
          if (job.progress.total !== null) job.progress.done = job.progress.total;
          job.result = result;
          this.finish(job, 'succeeded');
        },
        (err) => {
          const reason = job.controller.signal.reason as { code?: string } | undefined;
          if (job.controller.signal.aborted && reason?.code === 'TM_ERR_INTERRUPTED') {
            job.error = errorReply(reason).body;
            return this.finish(job, 'failed');
          }
          if (job.controller.signal.aborted) return this.finish(job, 'cancelled');
          job.error = errorReply(err).body;
          this.opts.onError?.(err, this.viewOf(job));
          this.finish(job, 'failed');
        },
      )
      .finally(() => {
        this.queue.done(keyOf(job.engagementId));
        this.pump();
      });
  }

  private saveProgress(job: Job): void {
    const now = Date.now();
    if (!this.opts.store || now - job.savedAt < (this.opts.progressEveryMs ?? 1000)) return;
    job.savedAt = now;
    this.opts.store.progress(job.id, job.progress);
  }

  private finish(job: Job, state: JobState): void {
    job.state = state;
    job.finishedAt = new Date().toISOString();
    try {
      this.opts.store?.finished(job.id, state, job.finishedAt, job.progress, job.result, job.error);
    } catch (err) {
      this.opts.onError?.(err, this.viewOf(job)); // the catalog closed under us (shutdown): the row stays as it was
    }
    job.resolveDone();
    if (this.opts.store) this.live.delete(job.id);
    else this.forgetOld();
  }

  private forgetOld(): void {
    const keep = this.opts.keepFinished ?? 1000;
    const finished = [...this.live.values()].filter((j) => FINISHED.includes(j.state));
    for (let i = 0; i < finished.length - keep; i++) this.live.delete(finished[i]!.id);
  }
}
