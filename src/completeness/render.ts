/**
 * The completeness report as plain text for people (CLI output, logs): a header naming the
 * population, its fingerprint and the period, then one line per check — status, id, summary —
 * and, under each check that warns or fails, the first few evidence rows. Checks that did not
 * run say "not run" and prove nothing.
 *
 * @example
 * console.log(renderReportText(report))
 * // Completeness & accuracy — population chg-2025 (change, 1204 rows, sha256 3f2a9c…)
 * // Period 2025-01-01..2025-12-31 (America/New_York) — overall FAIL
 * //   pass      period_coverage  first deployed_at 2025-01-02 (1 day(s) after …
 */
import { statusLabel } from './status.js';
import type { CheckResult, CompletenessReport } from './types.js';

const SHOWN = 5;

function quoted(v: string | null): string {
  return v === null ? '(blank)' : JSON.stringify(v);
}

function more(total: number, shown: number): string[] {
  return total > shown ? [`… ${total - shown} more`] : [];
}

/** A few evidence lines for a check that warns or fails. */
export function evidenceLines(r: CheckResult): string[] {
  if (!r.evidence) return [];
  switch (r.id) {
    case 'out_of_period': {
      const rows = r.evidence.rows.items.slice(0, SHOWN);
      return [...rows.map((x) => `record ${x.record} (line ${x.line}) ${x.key ?? '(no key)'}: ${r.evidence!.eventField} ${quoted(x.value)} — ${x.reason}`), ...more(r.evidence.rows.total, rows.length)];
    }
    case 'empty_periods': {
      const lows = [...r.evidence.months, ...r.evidence.weeks].filter((b) => b.low);
      const lines = lows.slice(0, SHOWN).map((b) => `${b.bucket}: ${b.count} event(s), expected about ${b.expected}`);
      const days = r.evidence.lowDays.items.slice(0, SHOWN).map((b) => `${b.bucket}: ${b.count} event(s), expected about ${b.expected}`);
      return [...lines, ...more(lows.length, lines.length), ...days, ...more(r.evidence.lowDays.total, days.length)];
    }
    case 'sequence_gaps': {
      const gaps = r.evidence.gaps.items.slice(0, SHOWN);
      return [...gaps.map((g) => `${g.fromKey}${g.count > 1 ? ` … ${g.toKey}` : ''}: ${g.count} missing${g.year !== null ? ` (${g.year})` : ''}`), ...more(r.evidence.gaps.total, gaps.length)];
    }
    case 'duplicate_keys':
    case 'duplicate_rows': {
      const groups = r.evidence.groups.items.slice(0, SHOWN);
      return [...groups.map((g) => `${'key' in g ? g.key : `hash ${g.hash}`}: ${g.rows} rows (records ${g.records.slice(0, 10).join(', ')}${g.rows > 10 ? ', …' : ''})`), ...more(r.evidence.groups.total, groups.length)];
    }
    case 'blank_required':
      return r.evidence.fields
        .filter((f) => f.blank + f.invalid > 0 || !f.mapped)
        .map((f) => `${f.field}${f.required ? ' (required)' : ''}: ${f.mapped ? `${f.blank} blank, ${f.invalid} invalid${f.rows.items.length ? `; first records ${f.rows.items.slice(0, SHOWN).map((x) => x.record).join(', ')}` : ''}` : 'not mapped'}`);
    case 'malformed_rows': {
      const first = r.evidence.first.items.slice(0, SHOWN);
      return first.map((i) => `record ${i.record} (line ${i.line}): ${i.code}${'column' in i ? ` in ${i.column}` : ''} ${quoted(i.raw)}, expected ${i.expected}`);
    }
    case 'control_total': {
      const e = r.evidence;
      const lines = e.count.expected !== null ? [`records: counted ${e.count.counted}, expected ${e.count.expected}, difference ${e.count.difference}`] : [];
      if (e.sum) lines.push(`sum of ${e.sum.field}: counted ${e.sum.counted}, expected ${e.sum.expected}, difference ${e.sum.difference}${e.sum.invalid ? `; ${e.sum.invalid} unreadable` : ''}`);
      return lines;
    }
    case 'tie_out': {
      const e = r.evidence;
      const side = (s: typeof e.ours, other: string) => [
        ...s.orphans.items.slice(0, SHOWN).map((o) => `${s.population} ${s.field} ${JSON.stringify(o.key)} (record ${o.record}${o.rows > 1 ? `, ${o.rows} rows` : ''}) not in ${other}`),
        ...more(s.orphans.total, Math.min(SHOWN, s.orphans.items.length)),
      ];
      return [...side(e.ours, e.theirs.population), ...side(e.theirs, e.ours.population)];
    }
    case 'roll_forward':
      return [r.evidence.equation];
    case 'period_coverage': {
      const e = r.evidence;
      return e.first && e.last ? [`first ${e.first.at} (record ${e.first.record}), last ${e.last.at} (record ${e.last.record})`] : [];
    }
  }
}

export function renderReportText(report: CompletenessReport): string {
  const p = report.population;
  const lines = [
    `Completeness & accuracy — population ${p.id} (${p.kind}, ${p.rows} rows, sha256 ${p.sha256.slice(0, 12)}…)`,
    `Period ${report.period.start}..${report.period.end} (${report.period.timeZone}) — overall ${report.status.toUpperCase()}`,
    '',
  ];
  const width = Math.max(...report.checks.map((c) => c.id.length));
  for (const c of report.checks) {
    const label = statusLabel(c);
    lines.push(`  ${(label === 'pass' || label === 'not run' ? label : label.toUpperCase()).padEnd(8)}  ${c.id.padEnd(width)}  ${c.summary}`);
    if (c.ran && c.status !== 'pass') for (const e of evidenceLines(c)) lines.push(`  ${''.padEnd(8)}  ${''.padEnd(width)}    ${e}`);
  }
  return lines.join('\n') + '\n';
}
