/**
 * CSV tables of stored results for download (cells neutralised against formula injection by
 * `toCsv`): the sample's items, a test run's findings or matrix, a completeness report's checks.
 * Pure: a stored body in, rows out.
 *
 * @example
 * toCsv(sampleRows(sample.selection, 'UTC'))
 */
import type { CompletenessReport } from '../../completeness/index.js';
import type { TestRun } from '../../rules/types.js';
import type { Selection } from '../../sampling/index.js';

const iso = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? '' : new Date(ms).toISOString());

export function sampleRows(selection: Selection): string[][] {
  const rows = [['order', 'key', 'record', 'line', 'stratum', 'event_time_utc', 'prn_hex', 'key_item', 'added_by_extension']];
  for (const i of selection.items) {
    rows.push([String(i.order), i.key, String(i.record), String(i.line), i.stratum ?? '', iso(i.eventTime), i.prnHex, String(i.keyItem), String(i.addedByExtension)]);
  }
  return rows;
}

export function findingRows(run: TestRun): string[][] {
  const rows = [['type', 'key', 'record', 'line', 'attribute', 'rule', 'message', 'observed']];
  for (const f of run.findings) rows.push([f.type, f.key, f.record === null ? '' : String(f.record), f.line === null ? '' : String(f.line), f.attribute, f.rule, f.message, JSON.stringify(f.observed)]);
  return rows;
}

/** One row per tested item, one column per attribute: pass / exception / n/a / manual. */
export function matrixRows(run: TestRun): string[][] {
  const label = { pass: 'pass', exception: 'exception', not_applicable: 'n/a', manual: 'manual' } as const;
  const rows = [['key', 'record', 'line', ...run.attributes.map((a) => a.label), 'deviation']];
  for (const item of run.items ?? []) rows.push([item.key, String(item.record), String(item.line), ...item.outcomes.map((o) => label[o.status]), String(item.deviation)]);
  return rows;
}

export function completenessRows(report: CompletenessReport): string[][] {
  const rows = [['check', 'status', 'ran', 'summary']];
  for (const c of report.checks) rows.push([c.id, c.status, String(c.ran), c.summary]);
  return rows;
}
