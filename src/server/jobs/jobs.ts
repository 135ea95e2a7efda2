/**
 * Jobs: long operations (completeness, sampling, tests, verify) run in the background with
 * progress and can be cancelled. Jobs live in this process's memory only — a restart forgets
 * them (their results are artefacts in the store and survive). A bounded queue: when
 * `maxQueued` jobs are already waiting, new ones are refused with TM_ERR_BUSY (503).
 *
 * @example
 * const job = jobs.submit({ type: 'sample', engagementId: 'eng_1', work: async ({ progress }) => ({ id: 's', href: '/v1/samples/s' }) })
 * jobs.view(job.id)?.state // 'queued' | 'running' | …
 */
import { tickmarkError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import { errorReply, type ErrorBody } from '../error-reply.js';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobResult {
  /** Id of the stored artefact the job produced. */
  id: string;
  /** Where to read it. */
  href: string;
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
  state: JobState;
  progress: { done: number; total: number | null };
  result?: JobResult;
  error?: ErrorBody;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}

interface Job extends JobView {
  engagementId: string | null;
  controller: AbortController;
  work: JobWork;
  done: Promise<void>;
  resolveDone: () => void;
}

export interface JobRegistryOptions {
  maxRunning: number;
  maxQueued: number;
  /** Finished jobs remembered (oldest forgotten first). */
  keepFinished?: number;
  onError?: (err: unknown, job: JobView) => void;
}

const FINISHED: JobState[] = ['succeeded', 'failed', 'cancelled'];

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private running = 0;
  private closed = false;

  constructor(private readonly opts: JobRegistryOptions) {}

  get queued(): number {
    return this.queue.length;
  }

  get active(): number {
    return this.running;
  }

  /** Throws TM_ERR_BUSY when the queue is full (or the service is shutting down). */
  assertCapacity(): void {
    if (this.closed || (this.running >= this.opts.maxRunning && this.queue.length >= this.opts.maxQueued)) throw tickmarkError('TM_ERR_BUSY');
  }

  submit(spec: { type: string; engagementId: string | null; work: JobWork }): JobView {
    this.assertCapacity();
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const job: Job = {
      id: newId('job'), type: spec.type, state: 'queued', progress: { done: 0, total: null }, createdAt: new Date().toISOString(),
      engagementId: spec.engagementId, controller: new AbortController(), work: spec.work, done, resolveDone,
    };
    this.jobs.set(job.id, job);
    this.queue.push(job);
    this.pump();
    return this.view(job.id)!;
  }

  /** The job and the engagement it belongs to (for scoping). */
  find(id: string): { view: JobView; engagementId: string | null } | undefined {
    const job = this.jobs.get(id);
    return job ? { view: this.view(id)!, engagementId: job.engagementId } : undefined;
  }

  view(id: string): JobView | undefined {
    const j = this.jobs.get(id);
    if (!j) return undefined;
    return {
      id: j.id, type: j.type, state: j.state, progress: { ...j.progress },
      ...(j.result ? { result: j.result } : {}), ...(j.error ? { error: j.error } : {}),
      createdAt: j.createdAt, ...(j.startedAt ? { startedAt: j.startedAt } : {}), ...(j.finishedAt ? { finishedAt: j.finishedAt } : {}),
    };
  }

  list(filter: (engagementId: string | null) => boolean): JobView[] {
    return [...this.jobs.values()].filter((j) => filter(j.engagementId)).map((j) => this.view(j.id)!);
  }

  /** Cancel a queued or running job; a finished job is left as it is. */
  cancel(id: string): JobView | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    if (job.state === 'queued') {
      this.queue.splice(this.queue.indexOf(job), 1);
      this.finish(job, 'cancelled');
    } else if (job.state === 'running') {
      job.controller.abort(tickmarkError('TM_ERR_ABORTED', { reason: 'cancelled' }));
    }
    return this.view(id);
  }

  /** Refuse new jobs, cancel every queued and running one, and wait for them to stop. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of [...this.jobs.values()]) this.cancel(job.id);
    await Promise.all([...this.jobs.values()].map((j) => j.done));
  }

  private pump(): void {
    while (this.running < this.opts.maxRunning && this.queue.length) {
      const job = this.queue.shift()!;
      this.start(job);
    }
  }

  private start(job: Job): void {
    this.running++;
    job.state = 'running';
    job.startedAt = new Date().toISOString();
    const ctx: JobContext = {
      signal: job.controller.signal,
      progress: (done, total) => {
        job.progress = { done, total: total ?? job.progress.total };
      },
    };
    Promise.resolve()
      .then(() => job.work(ctx))
      .then(
        (result) => {
          if (job.progress.total !== null) job.progress.done = job.progress.total;
          job.result = result;
          this.finish(job, 'succeeded');
        },
        (err) => {
          if (job.controller.signal.aborted) return this.finish(job, 'cancelled');
          job.error = errorReply(err).body;
          this.opts.onError?.(err, this.view(job.id)!);
          this.finish(job, 'failed');
        },
      )
      .finally(() => {
        this.running--;
        this.pump();
      });
  }

  private finish(job: Job, state: JobState): void {
    job.state = state;
    job.finishedAt = new Date().toISOString();
    job.resolveDone();
    this.forgetOld();
  }

  private forgetOld(): void {
    const keep = this.opts.keepFinished ?? 1000;
    const finished = [...this.jobs.values()].filter((j) => FINISHED.includes(j.state));
    for (let i = 0; i < finished.length - keep; i++) this.jobs.delete(finished[i]!.id);
  }
}
