/**
 * Run a test job (rule-set spec + context, as `src/scan/test-job.ts` defines it) over a stored
 * population on this thread, chunk by chunk — the map → merge → finish the worker pool runs,
 * without the pool. `verify` uses it to re-run a workbook's automated tests; for a sample the
 * work is a few rules per sampled row, the cost is reading the chunks.
 *
 * @example
 * const run = await runTestJob(store, meta, { rules: { kind: 'change', headers: meta.headers }, context: { scope: 'sample', sample: [15, 39], timeZone: 'UTC' } })
 */
import type { PopulationMeta } from '../population/types.js';
import { emptyPartial, finishTest, mergeTestPartials, testChunk, type TestRun } from '../rules/index.js';
import { ruleSetOf, testContext, type TestJob } from '../scan/test-job.js';
import { readChunks } from '../store/read-chunks.js';
import type { Store } from '../store/store.js';

export async function runTestJob(store: Store, meta: PopulationMeta, job: TestJob): Promise<TestRun> {
  const set = ruleSetOf(job);
  const ctx = testContext(job);
  let partial = emptyPartial(set, ctx.scope, ctx.items ?? ctx.scope === 'sample');
  for await (const chunk of readChunks(store.populationDir(meta.id), meta)) partial = mergeTestPartials(partial, testChunk(set, chunk, ctx));
  return finishTest(set, partial, ctx);
}
