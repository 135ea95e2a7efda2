/**
 * Test helper: run one rule (by id) of a kind over plain rows and return each row's outcome.
 */
import { ruleSetFromSpec, testPopulation, type Outcome, type TestContext, type TestRun } from '../../../src/rules/index.js';
import { chunkOf, ctxOf, type Row } from './chunk.js';

export interface RunOptions {
  params?: string[];
  zone?: string;
  holidays?: string[];
  ctx?: Partial<TestContext>;
  joins?: string[];
}

export function runAll(kind: string, rows: Row[], opts: RunOptions & { only?: string[] } = {}): TestRun {
  const set = ruleSetFromSpec({ kind, params: opts.params ?? [], joins: opts.joins, only: opts.only });
  const chunk = chunkOf(rows, kind, { zone: opts.zone });
  const ctx = ctxOf(opts.ctx, opts.zone ?? 'UTC', opts.holidays ?? []);
  return testPopulation(set, [chunk], ctx);
}

export function runRule(kind: string, id: string, rows: Row[], opts: RunOptions = {}): Outcome[] {
  const run = runAll(kind, rows, { ...opts, only: [id] });
  return run.items!.map((item) => item.outcomes[0]!);
}

export const statuses = (outcomes: Outcome[]) => outcomes.map((o) => o.status);
