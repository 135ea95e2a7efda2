/**
 * How many worker threads an ingest parses on: the pool's size, or none for an input small enough
 * that starting workers costs more than parsing it in this thread. Light on imports, so a caller
 * can ask before it loads the ingest itself (the CLI starts the workers early with the answer).
 *
 * @example
 * ingestThreads(300_000_000, {}) // defaultThreads()
 * ingestThreads(4_000, {})       // 0
 */
import { defaultThreads } from '../pool/pool.js';

export const DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;

export interface IngestThreadOptions {
  /** Worker threads asked for (0: parse in this thread). */
  workers?: number;
  chunkSize?: number;
  /** Inputs smaller than this are parsed in-thread (default 2 chunks). */
  inThreadBelow?: number;
}

/** Worker threads for an input of `totalBytes` (undefined: a stream of unknown size, on workers). */
export function ingestThreads(totalBytes: number | undefined, opts: IngestThreadOptions): number {
  const small = totalBytes !== undefined && totalBytes < (opts.inThreadBelow ?? (opts.chunkSize ?? DEFAULT_CHUNK_SIZE) * 2);
  return opts.workers ?? (small ? 0 : defaultThreads());
}
