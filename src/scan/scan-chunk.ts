/**
 * One pass over one cached chunk for every computation a caller asks for — completeness
 * partials, a selection partial, attribute-test partials — so a pull reads each chunk once.
 * Pure apart from reading the chunk file; runs on a worker or in-thread with the same result.
 */
import { isMainThread } from 'node:worker_threads';
import { completenessPlan, type CompletenessPartial, type PlanInput } from '../completeness/index.js';
import type { ChunkRef } from '../population/types.js';
import { mapSelection, type SelectionPartial, type SelectionSpec } from '../sampling/index.js';
import { readChunkRows } from '../store/chunk-rows.js';
import { loadChunk, loadChunkTransient } from '../store/read-chunks.js';
import { mapTests, rowWiseSample, type TestJob, type TestJobPartial } from './test-job.js';

export interface ScanJobs {
  completeness?: PlanInput;
  selection?: SelectionSpec;
  tests?: TestJob;
}

export interface ScanPayload {
  dir: string;
  ref: ChunkRef;
  jobs: ScanJobs;
  /** 'other' = the chunk belongs to the second population of a tie-out (completeness only). */
  side: 'ours' | 'other';
}

export interface ScanPartials {
  rows: number;
  completeness?: CompletenessPartial;
  selection?: SelectionPartial;
  tests?: TestJobPartial;
}

export function scanChunk(p: ScanPayload): ScanPartials {
  // A sample test alone needs only the sampled rows of the chunk: read just their bytes.
  const sampled = p.jobs.tests && !p.jobs.completeness && !p.jobs.selection ? rowWiseSample(p.jobs.tests) : undefined;
  // On a worker the partials are copied (posted) before the next task: the chunk may reuse one buffer.
  const chunk = sampled ? readChunkRows(p.dir, p.ref, sampled) : isMainThread ? loadChunk(p.dir, p.ref) : loadChunkTransient(p.dir, p.ref);
  const out: ScanPartials = { rows: chunk.rows };
  if (p.jobs.completeness) {
    const plan = completenessPlan(p.jobs.completeness);
    out.completeness = p.side === 'other' ? plan.mapOther(chunk) : plan.map(chunk);
  }
  if (p.side === 'ours') {
    if (p.jobs.selection) out.selection = mapSelection(chunk, p.jobs.selection);
    if (p.jobs.tests) out.tests = mapTests(chunk, p.jobs.tests);
  }
  return out;
}
