/**
 * Scan a stored population (and, for a tie-out, a second one) chunk by chunk on the worker pool
 * — or in this thread for small populations — and merge the partials in chunk order. The result
 * is the same for any worker count: every merge is order-independent and applied in order anyway.
 *
 * @example
 * const merged = await scanPopulation(store, meta, { selection: spec }, { workers: 2 })
 */
import type { CompletenessPartial } from '../completeness/index.js';
import { tickmarkError } from '../errors.js';
import type { ChunkRef, PopulationChunk, PopulationMeta } from '../population/types.js';
import { defaultThreads, poolStarted, runTask } from '../pool/pool.js';
import { mergeSelection, type SelectionPartial } from '../sampling/index.js';
import { setPrnKernelThreads } from '../sampling/prn-batch.js';
import type { Store } from '../store/store.js';
import { projectedSpec, projectionRef, projectionsOnDisk, projectionTag } from './selection-projection.js';
import { loadScanModules, scanChunk, type ScanJobs, type ScanModules, type ScanPartials, type ScanPayload } from './scan-chunk.js';
import type { TestJobPartial } from '../rules/evaluate/test-job.js';
import { emptyUnits, mergeUnits, type UnitPartial } from './unit-job.js';
import { membersBetween } from '../sampling/units.js';

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
  /** A selection from projections of fewer rows than this starts no worker (default PROJECTED_ROWS_IN_THREAD). */
  inThreadBelow?: number;
  /** A test of a sample's rows in this thread (`workers: 0`) puts the chunks it read down to those rows here, by chunk file. */
  sampledChunks?: Map<string, PopulationChunk>;
}

export interface ScanResult {
  rows: number;
  completeness?: CompletenessPartial;
  selection?: SelectionPartial;
  tests?: TestJobPartial;
  units?: UnitPartial;
}

/**
 * One payload per chunk. A selection alone reads the chunks' selection projections when they are
 * all on disk; any scan that selects writes the projections that are missing.
 */
function ourPayloads(dir: string, refs: readonly ChunkRef[], jobs: ScanJobs, upTo: (ref: ChunkRef) => number): { payloads: ScanPayload[]; projected: boolean } {
  const tag = jobs.selection ? projectionTag(jobs.selection) : undefined;
  const own = (ref: ChunkRef, of: ScanJobs): ScanJobs => withMembers(of, ref, upTo(ref));
  if (!tag) return { payloads: refs.map((ref) => ({ dir, ref, jobs: own(ref, jobs), side: 'ours' })), projected: false };
  const onDisk = projectionsOnDisk(dir, refs, tag);
  if (!jobs.completeness && !jobs.tests && !jobs.units && onDisk.every(Boolean)) {
    const projected = { selection: projectedSpec(jobs.selection!) };
    return { payloads: refs.map((ref) => ({ dir, ref: projectionRef(ref, tag), jobs: own(ref, projected), side: 'ours' })), projected: true };
  }
  const payloads: ScanPayload[] = refs.map((ref, i) => ({ dir, ref, jobs: own(ref, jobs), side: 'ours', ...(onDisk[i] ? {} : { project: tag }) }));
  return { payloads, projected: false };
}

/** A chunk's jobs with only its share of the selection's unit members (records in (from, to]). */
function withMembers(jobs: ScanJobs, ref: ChunkRef, to: number): ScanJobs {
  const spec = jobs.selection;
  if (!spec?.members?.length) return jobs;
  return { ...jobs, selection: { ...spec, members: membersBetween({ members: spec.members }, ref.recordOffset, to) } };
}

/** For each chunk of a population, the last record number it can hold. */
function recordBounds(refs: readonly ChunkRef[]): (ref: ChunkRef) => number {
  const bound = new Map<string, number>();
  refs.forEach((ref, i) => bound.set(ref.file, refs[i + 1]?.recordOffset ?? Number.MAX_SAFE_INTEGER));
  return (ref) => bound.get(ref.file) ?? Number.MAX_SAFE_INTEGER;
}

/**
 * Below this many rows, a selection from projections runs on this thread alone when no pool is
 * running. Measured on the 1M-row change log (native PRN kernel, fresh process): 0.7–0.9 s alone
 * against 1.1–1.2 s with a worker starting beside it (on the WebAssembly kernel, about even).
 */
const PROJECTED_ROWS_IN_THREAD = 2_000_000;

export async function scanPopulation(store: Store, meta: PopulationMeta, jobs: ScanJobs, opts: ScanOptions = {}): Promise<ScanResult> {
  const refs = opts.chunks ? opts.chunks.map((i) => meta.chunks[i]!) : meta.chunks;
  const { payloads, projected } = ourPayloads(store.populationDir(meta.id), refs, jobs, recordBounds(meta.chunks));
  if (opts.other && jobs.completeness) {
    for (const ref of opts.other.chunks) payloads.push({ dir: store.populationDir(opts.other.id), ref, jobs: { completeness: jobs.completeness }, side: 'other' });
  }
  const threads = opts.workers ?? (payloads.length <= 2 ? 0 : defaultThreads());
  const total = meta.rows.accepted;
  const mods = await loadScanModules(jobs);
  const plan = jobs.completeness ? mods.completeness!.completenessPlan(jobs.completeness) : undefined;
  const acc: ScanResult = { rows: 0 };
  if (plan) acc.completeness = plan.empty();
  if (jobs.units) acc.units = emptyUnits();
  let done = 0;

  const mergeIn = (part: ScanPartials, side: ScanPayload['side']) => {
    if (side === 'ours') acc.rows += part.rows;
    if (plan && part.completeness) acc.completeness = plan.merge(acc.completeness!, part.completeness);
    if (part.selection && jobs.selection) acc.selection = acc.selection ? mergeSelection(acc.selection, part.selection, jobs.selection) : part.selection;
    if (part.units && jobs.units) acc.units = mergeUnits(acc.units!, part.units);
    if (part.tests && jobs.tests) acc.tests = acc.tests ? mods.tests!.mergeTestJobPartials(acc.tests, part.tests, jobs.tests) : part.tests;
    if (side === 'ours') {
      done += part.rows;
      opts.onProgress?.({ rows: done, total });
    }
  };

  if (threads === 0) {
    for (const p of payloads) {
      if (opts.signal?.aborted) throw tickmarkError('TM_ERR_ABORTED', { reason: String(opts.signal.reason ?? 'aborted') });
      mergeIn(scanChunk(p, mods, opts.sampledChunks, acc.selection), p.side);
    }
    return acc;
  }
  const onPool = (size: number) => (p: ScanPayload) =>
    runTask<ScanPartials>('scan-chunk', p, { threads: size, ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.taskTimeoutMs ? { timeoutMs: opts.taskTimeoutMs } : {}) });
  const onWorker = onPool(threads);
  if (projected && !poolStarted(threads)) {
    // A projection is light next to a worker's start: this thread scans, and workers start
    // beside it only for a population large enough to repay them.
    const rows = refs.reduce((n, ref) => n + ref.rows, 0);
    const lanes = rows < (opts.inThreadBelow ?? PROJECTED_ROWS_IN_THREAD) ? 0 : threads - 1;
    // With no worker beside it, this thread's PRN kernel shares each chunk's keys among the threads given.
    const kernelThreads = setPrnKernelThreads(lanes === 0 ? threads : 1);
    try {
      await scanAlongside(payloads, lanes, onPool(threads - 1), mods, mergeIn, () => acc.selection, opts.signal);
    } finally {
      setPrnKernelThreads(kernelThreads);
    }
    return acc;
  }
  // Keep a bounded window of tasks in flight; merge strictly in chunk order.
  const window = threads * 2;
  const inflight: Promise<ScanPartials>[] = [];
  let next = 0;
  const launch = () => {
    const p = payloads[next++]!;
    const task = onWorker(p);
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

/**
 * Scan with this thread and `lanes` workers (a pool of that size) sharing one queue: each lane
 * takes the next chunk when it is free, so this thread scans while the workers start, and every
 * partial merges in chunk order as soon as the chunks before it are in. This thread's chunks
 * leave out the rows the selection merged so far already rules out.
 */
async function scanAlongside(
  payloads: ScanPayload[],
  lanes: number,
  onWorker: (p: ScanPayload) => Promise<ScanPartials>,
  mods: ScanModules,
  mergeIn: (part: ScanPartials, side: ScanPayload['side']) => void,
  selectedSoFar: () => SelectionPartial | undefined,
  signal: AbortSignal | undefined,
): Promise<void> {
  const parts = new Array<ScanPartials | undefined>(payloads.length);
  let next = 0;
  let merged = 0;
  let failed = false;
  const lane = async (scan: (p: ScanPayload) => Promise<ScanPartials>) => {
    while (next < payloads.length && !failed) {
      if (signal?.aborted) throw tickmarkError('TM_ERR_ABORTED', { reason: String(signal.reason ?? 'aborted') });
      const i = next++;
      try {
        parts[i] = await scan(payloads[i]!);
      } catch (err) {
        failed = true;
        throw err;
      }
      for (; merged < parts.length && parts[merged]; merged++) {
        mergeIn(parts[merged]!, payloads[merged]!.side);
        parts[merged] = undefined;
      }
    }
  };
  // A macrotask per chunk: worker replies (and anything else queued) are handled in between.
  const here = (p: ScanPayload) => new Promise<ScanPartials>((done, fail) => setImmediate(() => {
    try {
      done(scanChunk(p, mods, undefined, selectedSoFar()));
    } catch (err) {
      fail(err);
    }
  }));
  const settled = await Promise.allSettled([lane(here), ...Array.from({ length: lanes }, () => lane(onWorker))]);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
}
