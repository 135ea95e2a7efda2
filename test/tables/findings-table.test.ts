/**
 * A test run's findings as an arquero table: one row per finding with its fields, and grouped
 * by attribute the counts the run's own summary gives (deviations and missing items).
 */
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { runTests } from '../../src/operations/test.js';
import { findingsTable } from '../../src/tables/index.js';
import { tempStore } from '../helpers/tmp.js';

describe('findingsTable', () => {
  it("holds every finding of a 100% test, and per attribute the run's deviation count", async () => {
    const store = tempStore();
    const { population } = await ingestFile(store, 'fixtures/change/changes-2025.csv', { kind: 'change', workers: 0 });
    const { run } = await runTests(store, population.id, { all: true }, { workers: 0 });
    expect(run.findings.length).toBeGreaterThan(0);
    const t = findingsTable(run);
    expect(t.numRows()).toBe(run.findings.length);
    expect(t.objects()).toEqual(run.findings.map((f) => ({ type: f.type, key: f.key, record: f.record, line: f.line, attribute: f.attribute, rule: f.rule, status: 'exception', message: f.message, observed: JSON.stringify(f.observed) })));
    const perAttribute = Object.fromEntries((t.groupby('attribute').count().objects() as Record<string, unknown>[]).map((r) => [r.attribute, r.count]));
    const fromSummary = Object.fromEntries(run.attributes.filter((a) => a.deviations + a.missing > 0).map((a) => [a.attribute, a.deviations + a.missing]));
    expect(perAttribute).toEqual(fromSummary);
  });

  it('is an empty table with the same columns when nothing was found', () => {
    const t = findingsTable({ findings: [] });
    expect(t.numRows()).toBe(0);
    expect(t.columnNames()).toEqual(['type', 'key', 'record', 'line', 'attribute', 'rule', 'status', 'message', 'observed']);
  });
});
