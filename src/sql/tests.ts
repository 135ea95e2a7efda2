/**
 * The attribute tests of a SQL pull: the built-in rules run by tickmark's rule engine on the
 * rows of the selected units (fetched by the `unit_rows` statement and typed as ingest types a
 * file), exactly as `runTests` runs them on a stored sample — the same job, the same per-unit
 * results. Rules are not compiled to SQL: names are compared after Unicode NFKC and business days
 * follow a holiday calendar, which no two engines would reproduce alike; the sample's rows are
 * few, and tested here they give the embedded engine's outcomes by construction. Custom rules
 * run only on a worker under a time limit, which a SQL pull does not start yet: they are refused.
 *
 * @example
 * const { run, job } = testSqlPull(pullRun, { timeZone: 'UTC' })
 */
import { tickmarkError } from '../errors.js';
import { parsePeriod } from '../period/period.js';
import { resultsPerUnit } from '../rules/evaluate/per-unit.js';
import type { TestRun } from '../rules/types.js';
import { finishTests, mapTests, ruleSetOf, type TestJob } from '../rules/evaluate/test-job.js';
import type { SqlPullRun } from './run.js';

export interface SqlTestOptions {
  timeZone: string;
  holidays?: string[];
  params?: TestJob['rules']['params'];
  builtins?: boolean;
  rules?: unknown;
}

export function testSqlPull(pull: Pick<SqlPullRun, 'meta' | 'selection' | 'rows' | 'pull'>, opts: SqlTestOptions): { run: TestRun; job: TestJob } {
  if (opts.rules !== undefined) throw tickmarkError('TM_ERR_SQL_UNSUPPORTED', { what: 'custom rules', reason: 'they run only on a worker under a time limit, which a SQL pull does not start yet; test the built-in attributes, or pull the population as a file' });
  const { meta, selection } = pull;
  const period = parsePeriod(`${pull.pull.period.start}..${pull.pull.period.end}`, opts.timeZone);
  const job: TestJob = {
    rules: { kind: meta.kind, ...(opts.params ? { params: opts.params } : {}), ...(opts.builtins === false ? { builtins: false } : {}), headers: meta.headers },
    context: {
      scope: 'sample',
      sample: selection.items.flatMap((i) => i.rows ?? [i.record]),
      key: meta.key,
      headers: meta.headers,
      mapping: meta.mapping,
      timeZone: opts.timeZone,
      ...(opts.holidays ? { holidays: opts.holidays } : {}),
      asOfMs: period.endExclusiveMs - 1,
    },
  };
  const set = ruleSetOf(job);
  if (set.rules.some((r) => r.level === 'population')) {
    throw tickmarkError('TM_ERR_SQL_UNSUPPORTED', { what: `the ${meta.kind} attributes`, reason: 'a population-level attribute looks across every row, which a SQL pull does not fetch' });
  }
  const rows = finishTests(job, mapTests(pull.rows, job));
  return { run: resultsPerUnit(rows, selection.items), job };
}
