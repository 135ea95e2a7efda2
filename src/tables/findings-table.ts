/**
 * A test run's findings as an arquero table: one row per exception — an item's (`type: 'item'`,
 * with its key, source record and line) or an expected item that does not exist (`type:
 * 'missing'`, record and line null) — with the attribute, the rule, the message, and what was
 * observed as JSON text.
 *
 * @example
 * const { run } = await runTests(store, 'pop_…', { sampleId: 'samp_…' })
 * findingsTable(run).groupby('attribute').count().objects() // [{ attribute: 'B', count: 2 }, …]
 */
import { table, type ColumnTable } from 'arquero';
import type { TestRun } from '../rules/types.js';

export function findingsTable(run: Pick<TestRun, 'findings'>): ColumnTable {
  const f = run.findings;
  return table({
    type: f.map((x) => x.type),
    key: f.map((x) => x.key),
    record: f.map((x) => x.record),
    line: f.map((x) => x.line),
    attribute: f.map((x) => x.attribute),
    rule: f.map((x) => x.rule),
    status: f.map((x) => x.status),
    message: f.map((x) => x.message),
    observed: f.map((x) => JSON.stringify(x.observed)),
  });
}
