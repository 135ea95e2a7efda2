/**
 * Attribute testing as a job over chunks — the embedded scan's on workers, a SQL pull's on the rows
 * it fetched: the rule set travels as its (cloneable) spec and is compiled
 * where it runs — closures never cross threads, and user rules are compiled by our own code in
 * the worker that evaluates them (under the task's time limit).
 */
import { makeCalendar } from '../../period/calendar.js';
import type { PopulationChunk } from '../../population/types.js';
import { pickRows } from '../../store/pick-rows.js';
import type { JoinIndex } from '../join/build-join-index.js';
import type { TestContext, TestRun } from '../types.js';
import { finishTest } from './finish-test.js';
import { mergeTestPartials } from './merge-test-partials.js';
import type { TestPartial } from './partial.js';
import { ruleSetFromSpec, type RuleSet, type RuleSetSpec } from './rule-set.js';
import { testChunk } from './test-chunk.js';

export interface TestJob {
  rules: RuleSetSpec;
  context: Omit<TestContext, 'calendar' | 'joins'> & { timeZone: string; holidays?: string[] };
  /** Indexes of second populations (cloneable), by join name. */
  joins?: Record<string, JoinIndex>;
}

export type TestJobPartial = TestPartial;

const compiled = new Map<string, RuleSet>();

export function ruleSetOf(job: TestJob): RuleSet {
  const key = JSON.stringify(job.rules);
  let set = compiled.get(key);
  if (!set) {
    set = ruleSetFromSpec(job.rules);
    if (compiled.size > 16) compiled.clear();
    compiled.set(key, set);
  }
  return set;
}

export function testContext(job: TestJob): TestContext {
  const { timeZone, holidays, ...rest } = job.context;
  return { ...rest, calendar: makeCalendar({ timeZone, holidays: holidays ?? [] }), ...(job.joins ? { joins: job.joins } : {}) };
}

/**
 * The sampled records when every rule judges one row at a time (then a chunk's other rows are
 * never needed); undefined for a 100% test or when a population-level rule looks across rows.
 */
export function rowWiseSample(job: TestJob): Set<number> | undefined {
  if (job.context.scope !== 'sample' || !job.context.sample) return undefined;
  return ruleSetOf(job).rules.some((r) => r.level === 'population') ? undefined : new Set(job.context.sample);
}

/**
 * Test one chunk. For a sample whose rules all judge one row at a time, only the sampled rows are
 * read (`pickRows`): the rules bind to a chunk of those rows, not to whole columns of the chunk.
 */
export function mapTests(chunk: PopulationChunk, job: TestJob): TestJobPartial {
  const set = ruleSetOf(job);
  const ctx = testContext(job);
  const wanted = rowWiseSample(job);
  if (!wanted) return testChunk(set, chunk, ctx);
  const rows: number[] = [];
  for (let i = 0; i < chunk.rows; i++) if (wanted.has(chunk.record[i]!)) rows.push(i);
  return testChunk(set, pickRows(chunk, rows), ctx);
}

export function mergeTestJobPartials(a: TestJobPartial, b: TestJobPartial, _job: TestJob): TestJobPartial {
  return mergeTestPartials(a, b);
}

export function finishTests(job: TestJob, partial: TestJobPartial): TestRun {
  return finishTest(ruleSetOf(job), partial, testContext(job));
}
