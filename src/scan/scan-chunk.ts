/**
 * One pass over one cached chunk for every computation a caller asks for — completeness
 * partials, a selection partial, attribute-test partials — so a pull reads each chunk once.
 * Pure apart from reading the chunk file; runs on a worker or in-thread with the same result.
 * The checks and the rules are loaded only by a pass that needs them (`loadScanModules`), so a
 * worker that only selects does not load them.
 */
import { isMainThread } from 'node:worker_threads';
import type { CompletenessPartial, PlanInput } from '../completeness/index.js';
import type { ChunkRef, PopulationChunk } from '../population/types.js';
import { mapSelection, type SelectionPartial, type SelectionSpec } from '../sampling/index.js';
import { readChunkRows } from '../store/chunk-rows.js';
import { loadChunk, loadChunkTransient } from '../store/read-chunks.js';
import { loadProjection } from './projection-file.js';
import { isProjection, writeProjection } from './selection-projection.js';
import type { TestJob, TestJobPartial } from '../rules/evaluate/test-job.js';
import { mapUnits, unitKeyFields, type UnitJob, type UnitPartial } from './unit-job.js';

const sameFields = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((f, i) => f === b[i]);

export interface ScanJobs {
  completeness?: PlanInput;
  selection?: SelectionSpec;
  tests?: TestJob;
  /** The sampling unit index's groundwork (unit-job.ts). */
  units?: UnitJob;
}

export interface ScanPayload {
  dir: string;
  ref: ChunkRef;
  jobs: ScanJobs;
  /** 'other' = the chunk belongs to the second population of a tie-out (completeness only). */
  side: 'ours' | 'other';
  /** Write this chunk's selection projection under this tag (selection-projection.ts). */
  project?: string;
}

export interface ScanPartials {
  rows: number;
  completeness?: CompletenessPartial;
  selection?: SelectionPartial;
  tests?: TestJobPartial;
  units?: UnitPartial;
}

/** The modules a pass needs beyond selection. */
export interface ScanModules {
  completeness?: typeof import('../completeness/index.js');
  tests?: typeof import('../rules/evaluate/test-job.js');
}

/** Load (once per thread: imports are cached) what `jobs` needs. */
export async function loadScanModules(jobs: ScanJobs): Promise<ScanModules> {
  const [completeness, tests] = await Promise.all([
    jobs.completeness ? import('../completeness/index.js') : undefined,
    jobs.tests ? import('../rules/evaluate/test-job.js') : undefined,
  ]);
  return { ...(completeness ? { completeness } : {}), ...(tests ? { tests } : {}) };
}

/**
 * `kept`: in this thread, a chunk read down to a sample's rows is also put here, by chunk file.
 * `before`: the selection merged from chunks already read, when the caller has it (`mapSelection`).
 */
export function scanChunk(p: ScanPayload, mods: ScanModules, kept?: Map<string, PopulationChunk>, before?: SelectionPartial): ScanPartials {
  // A sample test alone needs only the sampled rows of the chunk: read just their bytes.
  const sampled = p.jobs.tests && !p.jobs.completeness && !p.jobs.selection ? mods.tests!.rowWiseSample(p.jobs.tests) : undefined;
  // On a worker the partials are copied (posted) before the next task, and a selection's partial
  // from a projection holds no view of it (its candidates' keys are strings): either may reuse one buffer.
  const chunk = sampled ? readChunkRows(p.dir, p.ref, sampled)
    : isProjection(p.ref) ? loadProjection(p.dir, p.ref)
    : !isMainThread ? loadChunkTransient(p.dir, p.ref) : loadChunk(p.dir, p.ref);
  if (sampled && kept) kept.set(p.ref.file, chunk);
  const out: ScanPartials = { rows: chunk.rows };
  let keyFields: readonly string[] | undefined;
  if (p.jobs.completeness) {
    const plan = mods.completeness!.completenessPlan(p.jobs.completeness);
    out.completeness = p.side === 'other' ? plan.mapOther(chunk) : plan.map(chunk);
    keyFields = plan.context.keyFields;
  }
  if (p.side === 'ours') {
    if (p.jobs.units) {
      // duplicate_keys made the same key texts for the same key fields: the unit index takes them as they are.
      const same = keyFields !== undefined && sameFields(keyFields, unitKeyFields(p.jobs.units));
      out.units = same ? mapUnits(chunk, p.jobs.units, out.completeness!.checks.duplicate_keys) : mapUnits(chunk, p.jobs.units);
    }
    if (p.jobs.selection) {
      out.selection = mapSelection(chunk, p.jobs.selection, before);
      if (p.project) writeProjection(p.dir, p.ref, p.project, chunk, p.jobs.selection);
    }
    if (p.jobs.tests) out.tests = mods.tests!.mapTests(chunk, p.jobs.tests);
  }
  return out;
}
