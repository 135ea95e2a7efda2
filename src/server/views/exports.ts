/**
 * CSV tables of stored results the export module does not cover (cells neutralised against
 * formula injection by `toCsv`): a 100% test run's findings, a completeness report's checks.
 * Pure: a stored body in, rows out. Samples and their test runs export through src/export.
 *
 * @example
 * toCsv(findingRows(run))
 */
import type { CompletenessReport } from '../../completeness/index.js';
import type { Finding, TestRun } from '../../rules/types.js';
import { toCsv } from '../../export/csv.js';

const FINDING_HEADER = ['type', 'key', 'record', 'line', 'attribute', 'rule', 'message', 'observed'];

const findingRow = (f: Finding): string[] => [f.type, f.key, f.record === null ? '' : String(f.record), f.line === null ? '' : String(f.line), f.attribute, f.rule, f.message, JSON.stringify(f.observed)];

export function findingRows(run: Pick<TestRun, 'findings'>): string[][] {
  return [FINDING_HEADER, ...run.findings.map(findingRow)];
}

/** The findings CSV of a stored test run, a page of the catalog at a time (never the whole list in memory). */
export async function* findingsCsv(pages: AsyncIterable<Finding[]> | Iterable<Finding[]>): AsyncGenerator<string> {
  yield toCsv([FINDING_HEADER]);
  for await (const page of pages) if (page.length) yield toCsv(page.map(findingRow));
}

export function completenessRows(report: CompletenessReport): string[][] {
  const rows = [['check', 'status', 'ran', 'summary']];
  for (const c of report.checks) rows.push([c.id, c.status, String(c.ran), c.summary]);
  return rows;
}
