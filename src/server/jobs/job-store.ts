/**
 * Jobs in the catalog (`jobs` table): one row per job with its state, progress (JSON), the link
 * to its stored result and its coded error. The registry writes a row when a job is submitted,
 * when it starts and when it ends (progress at most once a second in between), so a job is
 * readable after a restart. Opening a registry over a catalog marks the jobs a previous process
 * left queued or running as failed with TM_ERR_INTERRUPTED: their work died with that process
 * and nothing of it was stored (every operation stores its result in one transaction at its end).
 *
 * @example
 * const jobStore = new JobStore(store)
 * jobStore.interrupted() // how many jobs a previous process left unfinished (now failed)
 * jobStore.get('job_…')?.state
 */
import { tickmarkError } from '../../errors.js';
import type { Store } from '../../store/store.js';
import type { ErrorBody } from '../error-reply.js';
import { pageClause, type Page, type PageRequest } from '../pagination.js';
import type { JobProgress, JobResult, JobState, JobView } from './jobs.js';

interface JobRow {
  id: string;
  type: string;
  engagement_id: string | null;
  actor: string;
  state: JobState;
  progress: string;
  result_id: string | null;
  result_href: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface StoredJob extends JobView {
  actor: string;
}

function toJob(r: JobRow): StoredJob {
  return {
    id: r.id, type: r.type, engagementId: r.engagement_id, actor: r.actor, state: r.state, progress: JSON.parse(r.progress) as JobProgress,
    ...(r.result_id ? { result: { id: r.result_id, href: r.result_href ?? '' } } : {}),
    ...(r.error ? { error: JSON.parse(r.error) as ErrorBody } : {}),
    createdAt: r.created_at, ...(r.started_at ? { startedAt: r.started_at } : {}), ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
  };
}

export class JobStore {
  constructor(private readonly store: Store) {}

  private get db() {
    return this.store.catalog;
  }

  insert(job: StoredJob): void {
    this.db
      .prepare('INSERT INTO jobs (id, type, engagement_id, actor, state, progress, created_at, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(job.id, job.type, job.engagementId, job.actor, job.state, JSON.stringify(job.progress), job.createdAt, job.startedAt ?? null);
  }

  started(id: string, at: string): void {
    this.db.prepare("UPDATE jobs SET state = 'running', started_at = ? WHERE id = ?").run(at, id);
  }

  progress(id: string, progress: JobProgress): void {
    this.db.prepare('UPDATE jobs SET progress = ? WHERE id = ?').run(JSON.stringify(progress), id);
  }

  finished(id: string, state: JobState, at: string, progress: JobProgress, result?: JobResult, error?: ErrorBody): void {
    this.db
      .prepare('UPDATE jobs SET state = ?, finished_at = ?, progress = ?, result_id = ?, result_href = ?, error = ? WHERE id = ?')
      .run(state, at, JSON.stringify(progress), result?.id ?? null, result?.href ?? null, error ? JSON.stringify(error) : null, id);
  }

  get(id: string): StoredJob | undefined {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row ? toJob(row) : undefined;
  }

  /** The engagement a job belongs to, without reading the rest of it (scope checks). */
  engagementOf(id: string): { engagementId: string | null } | undefined {
    const row = this.db.prepare('SELECT engagement_id FROM jobs WHERE id = ?').get(id) as { engagement_id: string | null } | undefined;
    return row ? { engagementId: row.engagement_id } : undefined;
  }

  /** Jobs oldest first, of one engagement (or all: `engagementId` undefined), a page at a time. */
  list(engagementId: string | undefined, page: PageRequest, filter: { state?: JobState; type?: string } = {}): Page<StoredJob> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (engagementId !== undefined) (where.push('engagement_id = ?'), args.push(engagementId));
    if (filter.state) (where.push('state = ?'), args.push(filter.state));
    if (filter.type) (where.push('type = ?'), args.push(filter.type));
    const clause = pageClause(page, 'created_at', 'id');
    where.push(...clause.where);
    const rows = this.db
      .prepare(`SELECT * FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id LIMIT ?`)
      .all(...args, ...clause.args, page.limit + 1) as JobRow[];
    return clause.page(rows.map(toJob), (j) => [j.createdAt, j.id]);
  }

  /** Mark what a previous process left queued or running as failed (TM_ERR_INTERRUPTED); returns how many. */
  interruptAll(at: string): number {
    const rows = this.db.prepare("SELECT id, state FROM jobs WHERE state IN ('queued', 'running') ORDER BY created_at, id").all() as { id: string; state: JobState }[];
    const mark = this.db.prepare("UPDATE jobs SET state = 'failed', finished_at = ?, error = ? WHERE id = ?");
    this.db.transaction(() => {
      for (const r of rows) {
        const err = tickmarkError('TM_ERR_INTERRUPTED', { reason: `the service stopped while the job was ${r.state}`, state: r.state });
        mark.run(at, JSON.stringify({ code: err.code, message: err.message, details: err.details, hint: err.hint }), r.id);
      }
      if (rows.length) this.store.log({ actor: 'service', action: 'jobs.interrupted', params: { jobs: rows.map((r) => r.id) } });
    })();
    return rows.length;
  }

  /** Ids of every job of an engagement (its audit log names them). */
  idsOf(engagementId: string): string[] {
    return (this.db.prepare('SELECT id FROM jobs WHERE engagement_id = ? ORDER BY created_at, id').all(engagementId) as { id: string }[]).map((r) => r.id);
  }

  /** Forget finished jobs of an engagement (it is being deleted). */
  deleteOfEngagement(engagementId: string): void {
    this.db.prepare("DELETE FROM jobs WHERE engagement_id = ? AND state IN ('succeeded', 'failed', 'cancelled')").run(engagementId);
  }
}
