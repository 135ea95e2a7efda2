/**
 * malformed_rows: what ingest kept aside — rows it could not read as records (wrong field count,
 * broken quoting) and values that did not type (invalid or ambiguous dates, numbers, enums) per
 * column. Reads the population's meta, not its chunks. Malformed rows fail (the population is
 * not all there); value issues warn. The first issues ingest recorded are listed by record.
 *
 * @example
 * // meta.rows.malformed = 2 → status fail, evidence.rows.malformed = 2
 */
import type { CompletenessCheck } from '../check.js';
import type { CheckContext } from '../context.js';
import type { MalformedRowsResult } from '../types.js';

function finish(_: null, ctx: CheckContext): MalformedRowsResult {
  const { rows, issues } = ctx.meta;
  const byCode = Object.fromEntries(Object.entries(issues.byCode).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const byColumn = Object.fromEntries(Object.entries(issues.byColumn).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  let valueIssues = 0;
  for (const [code, n] of Object.entries(issues.byCode)) if (code !== 'malformed_row') valueIssues += n;
  const first = [...issues.first].sort((a, b) => a.record - b.record || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const status = rows.malformed > 0 ? 'fail' : valueIssues > 0 ? 'warn' : 'pass';
  const columns = Object.entries(byColumn).map(([c, n]) => `${c} ${n}`);
  const records = rows.total - (rows.nonData ?? 0); // rows that are not data (preamble, blank, total, footer) are listed at ingest, not records
  const notData = rows.nonData ? `; ${rows.nonData} row(s) of the file not data (${Object.entries(ctx.meta.nonData?.byReason ?? {}).map(([r, n]) => `${n} ${r.replace('_', ' ')}`).join(', ')})` : '';
  const summary = status === 'pass'
    ? `ingest read all ${records} record(s) and typed every value${notData}`
    : `${rows.malformed} malformed row(s) of ${records}; ${valueIssues} value issue(s)${columns.length ? ` (${columns.slice(0, 6).join(', ')}${columns.length > 6 ? ', …' : ''})` : ''}${notData}`;
  return {
    id: 'malformed_rows', status, ran: true, summary, parameters: { evidenceCap: ctx.cap },
    evidence: { rows: { ...rows }, valueIssues, byCode, byColumn, first: { total: issues.total, items: first.slice(0, ctx.cap) } },
  };
}

export const malformedRows: CompletenessCheck<'malformed_rows', null> = {
  id: 'malformed_rows',
  empty: () => null,
  map: () => null,
  merge: () => null,
  finish,
};
