/**
 * Scan a stored population (and, for a tie-out, a second one) chunk by chunk on the worker pool
 * — or in this thread for small populations — and merge the partials in chunk order. The result
 * is the same for any worker count: every merge is order-independent and applied in order anyway.
 *
 * @example
 * const merged = await scanPopulation(store, meta, { selection: spec }, { workers: 2 })
 */
import { completenessPlan, type CompletenessPartial } from '../completeness/index.js';
import { tickmarkError } from '../errors.js';
import type { PopulationMeta } from '../population/types.js';
import { defaultThreads, runTask } from '../pool/pool.js';
import { mergeSelection, type SelectionPartial } from '../sampling/index.js';
import type { Store } from '../store/store.js';
import { loadScanModules, scanChunk, type ScanJobs, type ScanPartials, type ScanPayload } from './scan-chunk.js';
import { mergeTestJobPartials, type TestJobPartial } from './test-job.js';

export interface ScanOptions {
  /** Worker threads; 0 = this thread. Default: the cores, or this thread for ≤ 2 chunks. */
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (p: { rows: number; total: number }) => void;
  /** Per-task time limit (custom rules run under it). */
  taskTimeoutMs?: number;
  /** The second population of a tie-out. */
  other?: PopulationMeta;
  /** Scan only these chunks of the population (indexes), e.g. those holding a sample's records. */
  chunks?: number[];
}

export interface ScanResult {
  rows: number;
  completeness?: CompletenessPartial;
  selection?: SelectionPartial;
  tests?: TestJobPartial;
}

export async function scanPopulation(store: Store, meta: PopulationMeta, jobs: ScanJobs, opts: ScanOptions = {}): Promise<ScanResult> {
  const refs = opts.chunks ? opts.chunks.map((i) => meta.chunks[i]!) : meta.chunks;
  const payloads: ScanPayload[] = refs.map((ref) => ({ dir: store.populationDir(meta.id), ref, jobs, side: 'ours' }));
  if (opts.other && jobs.completeness) {
    for (const ref of opts.other.chunks) payloads.push({ dir: store.populationDir(opts.other.id), ref, jobs: { completeness: jobs.completeness }, side: 'other' });
  }
  const threads = opts.workers ?? (payloads.length <= 2 ? 0 : defaultThreads());
  const total = meta.rows.accepted;
  const plan = jobs.completeness ? completenessPlan(jobs.completeness) : undefined;
  const acc: ScanResult = { rows: 0 };
  if (plan) acc.completeness = plan.empty();
  let done = 0;

  const mergeIn = (part: ScanPartials, side: ScanPayload['side']) => {
    if (side === 'ours') acc.rows += part.rows;
    if (plan && part.completeness) acc.completeness = plan.merge(acc.completeness!, part.completeness);
    if (part.selection && jobs.selection) acc.selection = acc.selection ? mergeSelection(acc.selection, part.selection, jobs.selection) : part.selection;
    if (part.tests && jobs.tests) acc.tests = acc.tests ? mergeTestJobPartials(acc.tests, part.tests, jobs.tests) : part.tests;
    if (side === 'ours') {
      done += part.rows;
      opts.onProgress?.({ rows: done, total });
    }
  };

  if (threads === 0) {
    const mods = await loadScanModules(jobs);
    for (const p of payloads) {
      if (opts.signal?.aborted) throw tickmarkError('TM_ERR_ABORTED', { reason: String(opts.signal.reason ?? 'aborted') });
      mergeIn(scanChunk(p, mods), p.side);
    }
    return acc;
  }
  // Keep a bounded window of tasks in flight; merge strictly in chunk order.
  const window = threads * 2;
  const inflight: Promise<ScanPartials>[] = [];
  let next = 0;
  const launch = () => {
    const p = payloads[next++]!;
    const task = runTask<ScanPartials>('scan-chunk', p, { threads, ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.taskTimeoutMs ? { timeoutMs: opts.taskTimeoutMs } : {}) });
    task.catch(() => undefined);
    inflight.push(task);
  };
  try {
    while (next < payloads.length && inflight.length < window) launch();
    for (let i = 0; i < payloads.length; i++) {
      const part = await inflight.shift()!;
      mergeIn(part, payloads[i]!.side);
      if (next < payloads.length) launch();
    }
  } catch (err) {
    await Promise.allSettled(inflight);
    throw err;
  }
  return acc;
}
