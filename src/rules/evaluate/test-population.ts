/**
 * Map, merge and finish in one call on the current thread: the reference the worker-pool path
 * must agree with, and the simple path for small populations and samples.
 *
 * @example
 * const run = testPopulation(set, chunks, { scope: 'sample', sample: [3, 17, 42], calendar })
 */
import type { PopulationChunk } from '../../population/types.js';
import type { TestContext, TestRun } from '../types.js';
import { finishTest } from './finish-test.js';
import { mergeTestPartials } from './merge-test-partials.js';
import { emptyPartial } from './partial.js';
import type { RuleSet } from './rule-set.js';
import { testChunk } from './test-chunk.js';

export function testPopulation(set: RuleSet, chunks: Iterable<PopulationChunk>, ctx: TestContext): TestRun {
  let partial = emptyPartial(set, ctx.scope, ctx.items ?? ctx.scope === 'sample');
  for (const chunk of chunks) partial = mergeTestPartials(partial, testChunk(set, chunk, ctx));
  return finishTest(set, partial, ctx);
}
