/**
 * Options of the HTTP service: one defaults constant, and a check per field with a message that
 * names the option (`limits.uploadBytes must be a positive integer`).
 *
 * @example
 * resolveServerOptions({ limits: { uploadBytes: 10 * 1024 * 1024 } }).limits.ratePerMinute // 600
 */
import { tickmarkError } from '../errors.js';
import type { Store } from '../store/store.js';

export interface ServerLimits {
  /** Largest accepted population upload, in bytes (default 2 GiB). Bigger → 413, nothing stored. */
  uploadBytes?: number;
  /** Ordinary requests must be answered within this many ms (default 30 s). */
  requestTimeoutMs?: number;
  /** Uploads (body receive + ingest) must finish within this many ms (default 1 h). */
  uploadTimeoutMs?: number;
  /** Requests per minute per token (token bucket, burst = one minute's worth; default 600). */
  ratePerMinute?: number;
  /** Jobs waiting for a slot before new ones are refused with 503 (default 64). */
  maxQueuedJobs?: number;
  /** Jobs running at once (default 2). */
  maxRunningJobs?: number;
  /** Largest JSON body, in bytes (default 2 MiB). */
  jsonBytes?: number;
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
}

export interface ResolvedLimits {
  uploadBytes: number;
  requestTimeoutMs: number;
  uploadTimeoutMs: number;
  ratePerMinute: number;
  maxQueuedJobs: number;
  maxRunningJobs: number;
  jsonBytes: number;
}

export const DEFAULT_LIMITS: ResolvedLimits = {
  uploadBytes: 2 * 1024 ** 3,
  requestTimeoutMs: 30_000,
  uploadTimeoutMs: 3_600_000,
  ratePerMinute: 600,
  maxQueuedJobs: 64,
  maxRunningJobs: 2,
  jsonBytes: 2 * 1024 * 1024,
};

function positiveInt(name: string, v: unknown, allowZero = false): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < (allowZero ? 0 : 1)) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: name, expected: `must be a ${allowZero ? 'non-negative' : 'positive'} integer`, got: v });
  }
  return v;
}

export function resolveLimits(limits: ServerLimits = {}): ResolvedLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ResolvedLimits)[]) {
    const v = limits[key];
    if (v !== undefined) out[key] = positiveInt(`limits.${key}`, v);
  }
  return out;
}

export function resolveWorkers(workers: unknown): number | undefined {
  return workers === undefined ? undefined : positiveInt('workers', workers, true);
}
