/**
 * CSV tables of stored results the export module does not cover (cells neutralised against
 * formula injection by `toCsv`): a 100% test run's findings, a completeness report's checks.
 * Pure: a stored body in, rows out. Samples and their test runs export through src/export.
 *
 * @example
 * toCsv(findingRows(run))
 */
import type { CompletenessReport } from '../../completeness/index.js';
import type { TestRun } from '../../rules/types.js';

export function findingRows(run: TestRun): string[][] {
  const rows = [['type', 'key', 'record', 'line', 'attribute', 'rule', 'message', 'observed']];
  for (const f of run.findings) rows.push([f.type, f.key, f.record === null ? '' : String(f.record), f.line === null ? '' : String(f.line), f.attribute, f.rule, f.message, JSON.stringify(f.observed)]);
  return rows;
}

export function completenessRows(report: CompletenessReport): string[][] {
  const rows = [['check', 'status', 'ran', 'summary']];
  for (const c of report.checks) rows.push([c.id, c.status, String(c.ran), c.summary]);
  return rows;
}
