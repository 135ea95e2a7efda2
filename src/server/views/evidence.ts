/**
 * One completeness check's evidence as a table (the listed rows, ranges, groups or figures), for a
 * CSV download: what a reviewer filters in Excel. Listings are capped as the report caps them
 * (`evidenceCap`); each table says what it lists. Pure: a check result in, rows out.
 *
 * @example
 * toCsv(evidenceRows(report.checks.find((c) => c.id === 'out_of_period')!))
 */
import type { CheckResult, RowRef } from '../../completeness/index.js';

const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const ref = (r: RowRef | null): string[] => (r ? [cell(r.record), cell(r.line), cell(r.key)] : ['', '', '']);

export function evidenceRows(check: CheckResult): string[][] {
  const e = check.evidence;
  if (!e) return [['check', 'status', 'summary'], [check.id, check.status, check.summary]];
  switch (check.id) {
    case 'period_coverage': {
      const ev = check.evidence!;
      const rows = [['event', 'record', 'line', 'key', 'at']];
      for (const [name, r] of [['first in period', ev.first], ['last in period', ev.last], ['earliest', ev.earliest], ['latest', ev.latest]] as const) rows.push([name, ...ref(r), cell(r?.at)]);
      return rows;
    }
    case 'out_of_period':
      return [['record', 'line', 'key', 'reason', 'value', 'at'], ...check.evidence!.rows.items.map((r) => [...ref(r), r.reason, cell(r.value), cell(r.at)])];
    case 'empty_periods': {
      const ev = check.evidence!;
      const rows = [['granularity', 'bucket', 'start', 'end', 'days', 'business days', 'count', 'expected', 'low']];
      const add = (g: string, list: typeof ev.months) => { for (const b of list) rows.push([g, b.bucket, b.start, b.end, cell(b.days), cell(b.businessDays), cell(b.count), cell(b.expected), cell(b.low)]); };
      add('month', ev.months);
      add('week', ev.weeks);
      add('day (empty)', ev.emptyDays.items);
      add('day (low)', ev.lowDays.items);
      return rows;
    }
    case 'sequence_gaps':
      return [['prefix', 'year', 'from', 'to', 'missing', 'first missing key', 'last missing key'], ...check.evidence!.gaps.items.map((g) => [g.prefix, cell(g.year), cell(g.from), cell(g.to), cell(g.count), g.fromKey, g.toKey])];
    case 'duplicate_keys':
      return [['key', 'rows', 'records'], ...check.evidence!.groups.items.map((g) => [g.key, cell(g.rows), g.records.join(' ')])];
    case 'duplicate_rows':
      return [['row hash', 'rows', 'records'], ...check.evidence!.groups.items.map((g) => [g.hash, cell(g.rows), g.records.join(' ')])];
    case 'blank_required':
      return [['field', 'header', 'required', 'record', 'line', 'key', 'problem', 'value'], ...check.evidence!.fields.flatMap((f) => f.rows.items.map((r) => [f.field, cell(f.header), cell(f.required), ...ref(r), r.problem, cell(r.value)]))];
    case 'malformed_rows':
      return [['code', 'record', 'line', 'column', 'raw', 'expected'], ...check.evidence!.first.items.map((i) => [i.code, cell(i.record), cell(i.line), 'column' in i ? i.column : '', i.raw, i.expected])];
    case 'control_total': {
      const ev = check.evidence!;
      const rows = [['measure', 'counted', 'expected', 'difference'], ['record count', cell(ev.count.counted), cell(ev.count.expected), cell(ev.count.difference)]];
      if (ev.sum) rows.push([`sum of ${ev.sum.field} (${ev.sum.header})`, ev.sum.counted, cell(ev.sum.expected), cell(ev.sum.difference)]);
      return rows;
    }
    case 'tie_out': {
      const ev = check.evidence!;
      return [['missing from', 'key', 'record', 'rows'],
        ...ev.ours.orphans.items.map((o) => [`${ev.populations.theirs.file} (theirs)`, o.key, cell(o.record), cell(o.rows)]),
        ...ev.theirs.orphans.items.map((o) => [`${ev.populations.ours.file} (ours)`, o.key, cell(o.record), cell(o.rows)])];
    }
    case 'roll_forward': {
      const ev = check.evidence!;
      return [['term', 'value', 'source'], ...(['start', 'adds', 'removes', 'end'] as const).map((t) => [t, cell(ev[t].value), ev[t].source]), ['computed end', cell(ev.computedEnd), 'counted'], ['difference', cell(ev.difference), 'counted']];
    }
  }
}
