/**
 * Attribute testing as a scan job: the rule set travels as its (cloneable) spec and is compiled
 * where it runs — closures never cross threads, and user rules are compiled by our own code in
 * the worker that evaluates them (under the task's time limit).
 */
import { makeCalendar } from '../period/calendar.js';
import type { PopulationChunk } from '../population/types.js';
import { finishTest, mergeTestPartials, ruleSetFromSpec, testChunk, type RuleSet, type RuleSetSpec, type JoinIndex, type TestContext, type TestPartial, type TestRun } from '../rules/index.js';

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

export function mapTests(chunk: PopulationChunk, job: TestJob): TestJobPartial {
  return testChunk(ruleSetOf(job), chunk, testContext(job));
}

export function mergeTestJobPartials(a: TestJobPartial, b: TestJobPartial, _job: TestJob): TestJobPartial {
  return mergeTestPartials(a, b);
}

export function finishTests(job: TestJob, partial: TestJobPartial): TestRun {
  return finishTest(ruleSetOf(job), partial, testContext(job));
}
