/**
 * The completeness report of a SQL pull: each check's partial (or figures) made from its
 * statements' rows, and finished by the check's own code — the same statuses, thresholds,
 * summaries and evidence as the embedded engine. The tie-out and the roll-forward are not
 * compiled to SQL: they report "not run" as they do without their inputs.
 *
 * @example
 * const report = completenessFromResults(checkContext({ meta, period, params }), results, cellsOf)
 */
import { checkRegistry } from '../../completeness/registry.js';
import { assembleReport } from '../../completeness/plan.js';
import type { CheckContext } from '../../completeness/context.js';
import { duplicateKeysOutcome } from '../../completeness/checks/duplicate-keys.js';
import { duplicateRowsOutcome } from '../../completeness/checks/duplicate-rows.js';
import { gapKey, sequenceGapsOutcome } from '../../completeness/checks/sequence-gaps.js';
import type { BlankRequiredPartial } from '../../completeness/checks/blank-required.js';
import { addDecimal, addDecimals, decimalAccumulator, decimalTotal, type DecimalValue } from '../../completeness/support/decimal.js';
import type { CappedRows } from '../../completeness/support/capped.js';
import { hashHex, hashSourceRows } from '../../kernels/row-hash.js';
import type { CheckResult, CompletenessReport, EventRef, OutOfPeriodRow, SequenceGroup } from '../../completeness/types.js';
import { formatInZone } from '../../time/zone.js';
import { tickmarkError } from '../../errors.js';
import { int, text, type TypedRow } from './results.js';

export type CheckResults = Record<string, TypedRow[] | undefined>;

const capped = <T extends { record: number }>(total: number, items: T[]): CappedRows<T> => ({ total, items, ceiling: Infinity });

function eventRef(row: TypedRow | undefined, zone: string): EventRef | null {
  if (!row || row.record === null) return null;
  const ms = int(row.event_ms);
  return { record: int(row.record), line: int(row.line), key: row.key === null ? null : text(row.key), ms, at: formatInZone(ms, zone) };
}

function coverage(ctx: CheckContext, r: CheckResults): CheckResult {
  const rows = r.coverage ?? [];
  const which = (w: string) => rows.find((row) => row.which === w);
  const zone = ctx.period.timeZone;
  const partial = {
    inPeriod: int(which('in_period')?.in_period),
    first: eventRef(which('first'), zone), last: eventRef(which('last'), zone), earliest: eventRef(which('earliest'), zone), latest: eventRef(which('latest'), zone),
  };
  return checkRegistry.period_coverage.finish(partial, ctx);
}

function outOfPeriod(ctx: CheckContext, r: CheckResults): CheckResult {
  const counts = Object.fromEntries((r.out_of_period ?? []).map((row) => [text(row.reason), int(row.row_count)]));
  const items: OutOfPeriodRow[] = (r.out_of_period_rows ?? []).map((row) => ({
    record: int(row.record), line: int(row.line), key: row.key === null ? null : text(row.key), reason: text(row.reason) as OutOfPeriodRow['reason'],
    value: row.value === null ? null : text(row.value), at: row.event_ms === null ? null : formatInZone(int(row.event_ms), ctx.period.timeZone),
  }));
  const total = (counts.before ?? 0) + (counts.after ?? 0) + (counts.blank ?? 0) + (counts.invalid ?? 0);
  return checkRegistry.out_of_period.finish({ before: counts.before ?? 0, after: counts.after ?? 0, blank: counts.blank ?? 0, invalid: counts.invalid ?? 0, rows: capped(total, items) }, ctx);
}

function emptyPeriods(ctx: CheckContext, r: CheckResults): CheckResult {
  const counts = new Int32Array(ctx.days.count);
  for (const row of r.event_days ?? []) counts[int(row.day)] = int(row.events);
  return checkRegistry.empty_periods.finish({ counts }, ctx);
}

function sequence(ctx: CheckContext, r: CheckResults): CheckResult {
  const c = r.sequence_counts?.[0];
  const groupRows = r.sequence_groups ?? [];
  const pads = new Map(groupRows.map((g) => [`${text(g.prefix)}\u0000${g.year ?? ''}`, int(g.pad)]));
  const groups: SequenceGroup[] = groupRows.map((g) => ({
    prefix: text(g.prefix), year: g.year === null ? null : int(g.year), first: int(g.first_number), last: int(g.last_number),
    distinct: int(g.distinct_numbers), repeated: int(g.repeated), missing: int(g.missing), gapRanges: int(g.gap_ranges),
  }));
  const gaps = (r.sequence_gaps ?? []).map((g) => {
    const prefix = text(g.prefix);
    const year = g.year === null ? null : int(g.year);
    const pad = pads.get(`${prefix}\u0000${g.year ?? ''}`) ?? 0;
    const from = int(g.from_number);
    const to = int(g.to_number);
    return { prefix, year, from, to, count: to - from + 1, fromKey: gapKey(prefix, pad, from), toKey: gapKey(prefix, pad, to) };
  });
  const sum = (k: keyof SequenceGroup) => groups.reduce((n, g) => n + (g[k] as number), 0);
  return sequenceGapsOutcome({
    numericKeys: int(c?.numeric_keys), blank: int(c?.blank), groups, gaps, gapRanges: sum('gapRanges'), missing: sum('missing'), repeated: sum('repeated'),
    nonNumeric: { total: int(c?.non_numeric), items: (r.sequence_non_numeric ?? []).map((row) => ({ record: int(row.record), line: int(row.line), key: row.key === null ? null : text(row.key) })) },
  }, ctx);
}

function duplicateKeys(ctx: CheckContext, r: CheckResults): CheckResult {
  const t = r.duplicate_keys?.[0];
  const groups: { key: string; rows: number; records: number[] }[] = [];
  for (const row of r.duplicate_key_rows ?? []) {
    const last = groups[groups.length - 1];
    if (last && last.key === text(row.key)) last.records.push(int(row.record));
    else groups.push({ key: text(row.key), rows: int(row.row_count), records: [int(row.record)] });
  }
  return duplicateKeysOutcome({ rowsWithKey: int(t?.rows_with_key), blank: int(t?.blank_key), duplicateKeys: int(t?.duplicate_keys), rowsInvolved: int(t?.rows_involved), groups }, ctx);
}

function duplicateRows(ctx: CheckContext, r: CheckResults, headers: readonly string[]): CheckResult {
  const t = r.duplicate_rows?.[0];
  const groups: { hash: string; rows: number; records: number[]; first: number }[] = [];
  for (const row of r.duplicate_row_rows ?? []) {
    const last = groups[groups.length - 1];
    if (last && last.first === int(row.first_record)) {
      last.records.push(int(row.record));
      continue;
    }
    const cells = headers.map((_, i) => [row[`c${i}`] === null ? null : text(row[`c${i}`])]);
    const h = hashSourceRows(1, cells);
    groups.push({ hash: hashHex(h.hash[0]!, h.rest[0]!), rows: int(row.row_count), records: [int(row.record)], first: int(row.first_record) });
  }
  return duplicateRowsOutcome({ duplicateGroups: int(t?.duplicate_groups), rowsInvolved: int(t?.rows_involved), groups: groups.map(({ first: _first, ...g }) => g) }, ctx);
}

function blankRequired(ctx: CheckContext, r: CheckResults, rows: number): CheckResult {
  const mappedFields = ctx.params.requiredFields.filter((f) => ctx.meta.mapping[f] !== undefined);
  const counts = new Map((r.blank_required ?? []).map((row) => [mappedFields[int(row.field)]!, row]));
  const partial: BlankRequiredPartial = {
    rows,
    fields: ctx.params.requiredFields.map((field) => {
      if (ctx.meta.mapping[field] === undefined) return { field, mapped: false, type: null, blank: rows, invalid: 0, rows: capped(0, []) };
      const c = counts.get(field);
      const items = (r.blank_required_rows ?? []).filter((row) => mappedFields[int(row.field)] === field).map((row) => ({
        record: int(row.record), line: int(row.line), key: row.key === null ? null : text(row.key), problem: text(row.problem) as 'blank' | 'invalid', value: row.value === null ? null : text(row.value),
      }));
      const type = ctx.spec.fields.find((f) => f.name === field)?.type ?? 'string';
      return { field, mapped: true, type, blank: int(c?.blank), invalid: int(c?.invalid), rows: capped(int(c?.blank) + int(c?.invalid), items) };
    }),
  };
  return checkRegistry.blank_required.finish(partial, ctx);
}

function controlTotal(ctx: CheckContext, r: CheckResults, rows: number, inPeriod: number): CheckResult {
  let sum: DecimalValue = { units: 0n, scale: 0 };
  let blank = 0;
  for (const row of r.control_total ?? []) {
    if (text(row.kind) === 'blank') blank += int(row.row_count);
    else sum = addDecimals(sum, { units: BigInt(text(row.units) || '0'), scale: int(row.scale) });
  }
  const other = r.control_total_other ?? [];
  if (other.length >= 10_000) throw tickmarkError('TM_ERR_SQL_UNSUPPORTED', { what: `the amounts of ${ctx.params.expectSum?.field}`, reason: '10,000 or more are not plain decimals; cast the column to a decimal in a view' });
  const acc = decimalAccumulator();
  const invalidRows = [];
  for (const row of other) {
    if (!addDecimal(acc, text(row.value))) invalidRows.push({ record: int(row.record), line: int(row.line), key: row.key === null ? null : text(row.key), value: text(row.value) });
  }
  sum = addDecimals(sum, decimalTotal(acc));
  const partial = { rows, inPeriod, sum: { units: sum.units.toString(), scale: sum.scale }, blank, invalid: invalidRows.length, invalidRows: capped(invalidRows.length, invalidRows.slice(0, ctx.cap)) };
  return checkRegistry.control_total.finish(partial, ctx);
}

export function completenessFromResults(ctx: CheckContext, r: CheckResults, figures: { rows: number; inPeriod: number }): CompletenessReport {
  const checks: CheckResult[] = [
    coverage(ctx, r),
    outOfPeriod(ctx, r),
    emptyPeriods(ctx, r),
    sequence(ctx, r),
    duplicateKeys(ctx, r),
    duplicateRows(ctx, r, ctx.meta.headers),
    blankRequired(ctx, r, figures.rows),
    checkRegistry.malformed_rows.finish(null, ctx),
    controlTotal(ctx, r, figures.rows, figures.inPeriod),
    checkRegistry.tie_out.finish(checkRegistry.tie_out.empty(ctx), ctx),
    checkRegistry.roll_forward.finish(checkRegistry.roll_forward.empty(ctx), ctx),
  ];
  return assembleReport(ctx, figures.rows, checks);
}
