/**
 * Re-run a recorded test job (rule-set spec + context, as `src/rules/evaluate/test-job.ts` defines it) over
 * a stored population — the same path `runTests` takes (scan on the pool, merge in chunk order,
 * finish), and like it custom rules always run on a worker under a time limit, so a workbook
 * carrying a hostile rule cannot hang `verify`. Nothing is stored.
 *
 * @example
 * const run = await runTestJob(store, meta, record.job, { workers: 0 })
 */
import { tickmarkError } from '../errors.js';
import type { PopulationMeta } from '../population/types.js';
import type { TestRun } from '../rules/types.js';
import { scanPopulation } from '../scan/scan-population.js';
import { finishTests, ruleSetOf, type TestJob } from '../rules/evaluate/test-job.js';
import type { Store } from '../store/store.js';

export interface RerunOptions {
  workers?: number;
  /** Time limit per chunk task when custom rules run (default 30 s). */
  ruleTimeoutMs?: number;
}

export async function runTestJob(store: Store, meta: PopulationMeta, job: TestJob, opts: RerunOptions = {}): Promise<TestRun> {
  ruleSetOf(job); // compile here first: a bad rule fails before any worker starts
  const custom = job.rules.custom !== undefined;
  const scanned = await scanPopulation(store, meta, { tests: job }, {
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(custom ? { workers: Math.max(1, opts.workers ?? 1), taskTimeoutMs: opts.ruleTimeoutMs ?? 30_000 } : {}),
  });
  if (!scanned.tests) throw tickmarkError('TM_ERR_INTERNAL', { message: 'the population has no rows to test' });
  return finishTests(job, scanned.tests);
}
