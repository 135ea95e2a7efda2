/**
 * Worker files are thin: `export default workerEntry(fn)`. Coded errors cannot cross a thread as
 * classes (structured clone keeps only the message), so they travel as data and are revived by
 * `runTask`.
 */
import { TickmarkError } from '../errors.js';

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
