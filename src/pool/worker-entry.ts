/**
 * Worker files are thin: `export default workerEntry(fn)`. Coded errors cannot cross a thread as
 * classes (structured clone keeps only the message), so they travel as data and are revived by
 * `runTask`.
 */
import { setPriority } from 'node:os';
import { isMainThread, workerData } from 'node:worker_threads';
import { TickmarkError } from '../errors.js';

// A pool built with a worker nice value (pool.ts `setWorkerNice`): this thread lowers its own
// priority once, when the worker file is first loaded (on Linux a thread's nice value is its own).
const nice = (workerData as { tickmarkNice?: number } | null)?.tickmarkNice;
if (!isMainThread && nice) {
  try {
    setPriority(nice);
  } catch {
    // not permitted here: the usual priority
  }
}

export interface WorkerErrorEnvelope {
  __tickmarkError: { code: string; details: Record<string, unknown> };
}

export function workerEntry<P, R>(fn: (payload: P) => R | Promise<R>): (payload: P) => Promise<R | WorkerErrorEnvelope> {
  return async (payload: P) => {
    try {
      return await fn(payload);
    } catch (err) {
      if (err instanceof TickmarkError) return { __tickmarkError: { code: err.code, details: err.details } };
      throw err;
    }
  };
}

export function isErrorEnvelope(x: unknown): x is WorkerErrorEnvelope {
  return typeof x === 'object' && x !== null && '__tickmarkError' in x;
}
