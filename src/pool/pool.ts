/**
 * The one place the piscina worker pool is built and worker files are resolved. One pool per
 * thread count per process (the CLI's `--workers N` picks one), bounded queue, task timeouts.
 * Worker files are compiled JavaScript, found from the package root so the same code works from
 * `src/` (tests) and from `dist/` (the CLI and server): the bundle of each in `dist/workers-bundle/`
 * (`npm run build`), whose threads boot on a few files, or `dist/workers/` as tsc wrote them when
 * tsc alone has rebuilt them since.
 *
 * @example
 * const result = await runTask('parse-chunk', payload, { transferList: [payload.bytes.buffer] })
 */
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Piscina } from 'piscina';
import { reviveError, TickmarkError, tickmarkError, type ErrorCode } from '../errors.js';
import { packageRoot } from '../package-root.js';
import { isErrorEnvelope } from './worker-entry.js';

export type WorkerName = 'parse-chunk' | 'scan-chunk' | 'export-sample';

/** Each worker's file, once found (the pool names it with every task). */
const workerFiles = new Map<WorkerName, string>();

export function workerFile(name: WorkerName): string {
  const known = workerFiles.get(name);
  if (known) return known;
  const compiled = join(packageRoot(), 'dist', 'workers', `${name}.js`);
  if (!existsSync(compiled)) throw tickmarkError('TM_ERR_INTERNAL', { message: `worker ${compiled} is missing: run \`npm run build\`` });
  const bundled = join(packageRoot(), 'dist', 'workers-bundle', `${name}.js`);
  const modified = (path: string) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Number.NaN;
  const file = modified(bundled) >= modified(compiled) ? bundled : compiled;
  workerFiles.set(name, file);
  return file;
}

export const defaultThreads = (): number => Math.max(1, Math.min(availableParallelism(), 8));

const pools = new Map<number, Piscina>();

/** piscina itself, loaded with the first pool: a command that starts no worker never loads it. */
let piscina: typeof Piscina | undefined;
const loadPiscina = (): typeof Piscina => (piscina ??= (createRequire(import.meta.url)('piscina') as { Piscina: typeof Piscina }).Piscina);

/** Nice value the pool's worker threads give themselves (0: as the process). */
let workerNice = 0;

/**
 * Run the worker threads of pools created from now on at a lower scheduling priority (a nice
 * value, 1–19): a service's event loop then keeps a core while the workers compute. The service
 * sets it before its first pool starts; the CLI leaves it at 0.
 */
export function setWorkerNice(nice: number): void {
  if (!Number.isInteger(nice) || nice < 0 || nice > 19) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'workerNice', expected: 'must be an integer from 0 to 19', got: nice });
  workerNice = nice;
}

/**
 * The shared pool with `threads` workers (created on first use). `preload` names the worker file
 * its first tasks will run: a new pool's threads load it as they boot, before the first task
 * arrives (tasks still name their file; this only moves the loading earlier).
 */
export function getPool(threads = defaultThreads(), preload?: WorkerName): Piscina {
  let pool = pools.get(threads);
  if (!pool) {
    const Pool = loadPiscina();
    pool = new Pool({
      ...(preload ? { filename: workerFile(preload) } : {}),
      minThreads: threads,
      maxThreads: threads,
      maxQueue: Math.max(64, threads * 16),
      idleTimeout: 30_000,
      ...(workerNice ? { workerData: { tickmarkNice: workerNice } } : {}),
      // A runaway task must not hold the pool: tasks can pass an AbortSignal; the pool stays alive.
    });
    pool.on('error', onPoolError);
    pools.set(threads, pool);
  }
  return pool;
}

/**
 * piscina emits pool-level errors as events: without a listener they are uncaught and end the
 * process. The one seen here is benign — a task aborted (signal, timeout) just as its worker
 * answered leaves a reply with no task ("Unexpected message from Worker"); its caller has already
 * seen the abort and nothing was kept. Anything else is reported as a warning.
 */
export function onPoolError(err: Error): void {
  if (err.message.startsWith('Unexpected message from Worker')) return;
  process.emitWarning(err);
}

/** True when the pool with `threads` workers is already running (a server, a second pass). */
export function poolStarted(threads = defaultThreads()): boolean {
  return pools.has(threads);
}

export interface TaskOptions {
  threads?: number;
  signal?: AbortSignal;
  transferList?: ArrayBuffer[];
  /** Abort the task (and recycle its worker) after this many ms. */
  timeoutMs?: number;
}

/** Run one task on the pool; coded errors thrown inside a worker come back as TickmarkErrors. */
export async function runTask<R>(name: WorkerName, payload: unknown, opts: TaskOptions = {}): Promise<R> {
  const pool = getPool(opts.threads);
  const signals: AbortSignal[] = [];
  if (opts.signal) signals.push(opts.signal);
  if (opts.timeoutMs) signals.push(AbortSignal.timeout(opts.timeoutMs));
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  let result: unknown;
  try {
    result = await pool.run(payload, {
      filename: workerFile(name),
      ...(signal ? { signal } : {}),
      ...(opts.transferList ? { transferList: opts.transferList as never } : {}),
    });
  } catch (err) {
    if (opts.timeoutMs && signal?.aborted && !opts.signal?.aborted) {
      throw tickmarkError('TM_ERR_RULE_TIMEOUT', { ms: opts.timeoutMs });
    }
    if (opts.signal?.aborted) throw tickmarkError('TM_ERR_ABORTED', { reason: String(opts.signal.reason ?? '') });
    if ((err as Error)?.message?.includes('Task queue is at limit')) throw tickmarkError('TM_ERR_BUSY');
    throw reviveError(err);
  }
  if (isErrorEnvelope(result)) throw new TickmarkError(result.__tickmarkError.code as ErrorCode, result.__tickmarkError.details);
  return result as R;
}

/** Queue pressure of a pool, for backpressure decisions (HTTP answers 503 when full). */
export function poolPressure(threads = defaultThreads()): { queued: number; capacity: number } {
  const pool = getPool(threads);
  return { queued: pool.queueSize, capacity: Math.max(64, threads * 16) };
}

export async function closePools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.destroy()));
}
