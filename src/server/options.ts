/**
 * Options of the HTTP service: one defaults constant, and a check per field with a message that
 * names the option (`limits.uploadBytes must be a positive integer`).
 *
 * @example
 * resolveLimits({ uploadBytes: 10 * 1024 * 1024 }).ratePerMinute // 600
 */
import { tickmarkError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { JobView } from './jobs/jobs.js';

export interface ServerLimits {
  /** Largest accepted population upload, in bytes (default 2 GiB). Bigger → 413, nothing stored. */
  uploadBytes?: number;
  /** Ordinary requests must be answered within this many ms (default 30 s). */
  requestTimeoutMs?: number;
  /** Uploads (body receive + ingest) must finish within this many ms (default 1 h). */
  uploadTimeoutMs?: number;
  /** Requests per minute per token (token bucket, burst = one minute's worth; default 600). */
  ratePerMinute?: number;
  /** Jobs waiting for a slot, all engagements together, before new ones are refused with 503 (default 64). */
  maxQueuedJobs?: number;
  /** Jobs running at once, all engagements together (default 2). */
  maxRunningJobs?: number;
  /** Jobs one engagement may run at once (default: half the slots, at least 1). */
  maxRunningPerEngagement?: number;
  /** Jobs one engagement may have waiting before its new ones are refused with 429 (default 16). */
  maxQueuedPerEngagement?: number;
  /** Uploads one token may have in flight at once; more are refused with 429 (default 2). */
  maxUploadsPerToken?: number;
  /** An upload that sends no byte for this many ms is ended with 408 (default 60 s). */
  uploadIdleMs?: number;
  /** Largest JSON body, in bytes (default 2 MiB). */
  jsonBytes?: number;
  /** Deepest nesting of objects and arrays in a JSON body (default 32). */
  jsonDepth?: number;
  /** Most keys in one JSON object of a body (default 1,000). */
  jsonKeys?: number;
}

export interface ServerOptions {
  /** Data directory of the store the app opens (and closes on `app.close()`). */
  dataDir?: string;
  /** An open store to use instead; the app does not close it. */
  store?: Store;
  limits?: ServerLimits;
  /** Worker threads for ingest and operations (default: the cores; 0 = in-thread). */
  workers?: number;
  logger?: boolean;
  /** Queue pressure of the worker pool (default: the shared pool's); for embedding and tests. */
  poolPressure?: () => { queued: number; capacity: number };
  /**
   * Days after which samples, test runs, reports and populations nothing refers to are deleted
   * by the retention sweep (at start and every hour; each deletion in the audit log). Default:
   * keep everything.
   */
  retentionDays?: number;
  /** Called when a job starts (tests observe the order in which the scheduler starts jobs). */
  onJobStart?: (job: JobView) => void;
  /**
   * PostgreSQL sources a client may pull from in place, by name → `postgres://…` URL (its
   * `table=` parameter, when given, fixes the table). A request names a source; it never gives a
   * URL, a host or a query, so the service connects only where it was configured to. Default: none.
   */
  sqlSources?: Record<string, string>;
}

export interface ResolvedLimits {
  uploadBytes: number;
  requestTimeoutMs: number;
  uploadTimeoutMs: number;
  ratePerMinute: number;
  maxQueuedJobs: number;
  maxRunningJobs: number;
  maxRunningPerEngagement: number;
  maxQueuedPerEngagement: number;
  maxUploadsPerToken: number;
  uploadIdleMs: number;
  jsonBytes: number;
  jsonDepth: number;
  jsonKeys: number;
}

export const DEFAULT_LIMITS: ResolvedLimits = {
  uploadBytes: 2 * 1024 ** 3,
  requestTimeoutMs: 30_000,
  uploadTimeoutMs: 3_600_000,
  ratePerMinute: 600,
  maxQueuedJobs: 64,
  maxRunningJobs: 2,
  maxRunningPerEngagement: 1,
  maxQueuedPerEngagement: 16,
  maxUploadsPerToken: 2,
  uploadIdleMs: 60_000,
  jsonBytes: 2 * 1024 * 1024,
  jsonDepth: 32,
  jsonKeys: 1_000,
};

function positiveInt(name: string, v: unknown, allowZero = false): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < (allowZero ? 0 : 1)) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: name, expected: `must be a ${allowZero ? 'non-negative' : 'positive'} integer`, got: v });
  }
  return v;
}

export function resolveLimits(limits: ServerLimits = {}): ResolvedLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(limits) as (keyof ServerLimits)[]) {
    if (!(key in DEFAULT_LIMITS)) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: `limits.${key}`, expected: `is not a limit (${Object.keys(DEFAULT_LIMITS).join(', ')})`, got: limits[key] });
  }
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ResolvedLimits)[]) {
    const v = limits[key];
    if (v !== undefined) out[key] = positiveInt(`limits.${key}`, v);
  }
  // Half the slots by default: another engagement always finds one free while this one is busy.
  if (limits.maxRunningPerEngagement === undefined) out.maxRunningPerEngagement = Math.max(1, Math.ceil(out.maxRunningJobs / 2));
  if (out.maxRunningPerEngagement > out.maxRunningJobs) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'limits.maxRunningPerEngagement', expected: `must be at most limits.maxRunningJobs (${out.maxRunningJobs})`, got: out.maxRunningPerEngagement });
  }
  return out;
}

export function resolveRetentionDays(days: unknown): number | null {
  return days === undefined ? null : positiveInt('retentionDays', days);
}

export function resolveWorkers(workers: unknown): number | undefined {
  return workers === undefined ? undefined : positiveInt('workers', workers, true);
}

/** The configured SQL sources, each name an id and each URL a postgres:// URL. */
export function resolveSqlSources(sources: unknown): ReadonlyMap<string, string> {
  if (sources === undefined) return new Map();
  if (!sources || typeof sources !== 'object' || Array.isArray(sources)) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'sqlSources', expected: 'must be an object of name → postgres:// URL', got: sources });
  const out = new Map<string, string>();
  for (const [name, url] of Object.entries(sources)) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: `sqlSources.${name}`, expected: 'must be named by letters, digits, _ or - (at most 64)', got: name });
    if (typeof url !== 'string' || !/^postgres(ql)?:\/\//i.test(url)) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: `sqlSources.${name}`, expected: 'must be a postgres:// URL', got: typeof url === 'string' ? url.replace(/\/\/[^@/]*@/, '//…@') : url });
    out.set(name, url);
  }
  return out;
}
