/**
 * empty_periods: events per local day, ISO week and month across the whole period, in the
 * period's zone (a DST day counts its own events; the map keeps one Int32 per day). Daily
 * activity is judged on business days (calendar 'business': weekends and holidays off) or on
 * every day ('all'). A bucket's expected count is the median rate per judged day of its
 * granularity × its judged days inside the period (so a partial week at the period edge or a
 * short February is not penalised). A bucket is *low* when its count is below `lowRatio` ×
 * expected AND a Poisson count at the expected rate falls that low with probability below
 * `lowAlpha` — the second test keeps sparse populations from flagging ordinary quiet days.
 * Any low bucket warns. The per-month table is always in the evidence (the workbook charts it).
 *
 * @example
 * // 1,000 changes a year spread evenly, none in March → months[2] = { bucket: '2025-03', count: 0, low: true, … }
 */
import { isBusinessDay } from '../../period/calendar.js';
import type { PopulationChunk } from '../../population/types.js';
import { notRun, type CompletenessCheck } from '../check.js';
import type { CheckContext } from '../context.js';
import { listing } from '../support/capped.js';
import { timestampColumn } from '../support/columns.js';
import { dayIndex, dayLabel, isoWeekOfDay, monthLabel, monthOfDay, weekLabel } from '../support/period-days.js';
import { median, poissonLowerTail } from '../support/poisson.js';
import type { BucketRow, EmptyPeriodsResult } from '../types.js';

export interface EmptyPeriodsPartial {
  /** Events per local day of the period. */
  counts: Int32Array;
}

function map(chunk: PopulationChunk, ctx: CheckContext): EmptyPeriodsPartial {
  const counts = new Int32Array(ctx.days.count);
  const times = timestampColumn(chunk, ctx.event?.field ?? null);
  if (!times) return { counts };
  const { days } = ctx;
  const lo = days.starts[0]!;
  const hi = days.starts[days.count]!;
  for (let i = 0; i < chunk.rows; i++) {
    const t = times[i]!;
    if (t >= lo && t < hi) counts[dayIndex(days, t)]!++; // NaN fails both tests
  }
  return { counts };
}

function merge(a: EmptyPeriodsPartial, b: EmptyPeriodsPartial): EmptyPeriodsPartial {
  const counts = new Int32Array(a.counts.length);
  for (let d = 0; d < counts.length; d++) counts[d] = a.counts[d]! + b.counts[d]!;
  return { counts };
}

interface Span { label: string; from: number; to: number; count: number; businessDays: number }

/** Group consecutive days of the period by a bucket id (month or ISO week). */
function groupDays(ctx: CheckContext, counts: Int32Array, bucketOf: (day: number) => number, label: (id: number) => string): Span[] {
  const spans: Span[] = [];
  let current = NaN;
  for (let d = 0; d < counts.length; d++) {
    const day = ctx.days.first + d;
    const id = bucketOf(day);
    if (id !== current) {
      spans.push({ label: label(id), from: d, to: d, count: 0, businessDays: 0 });
      current = id;
    }
    const s = spans[spans.length - 1]!;
    s.to = d;
    s.count += counts[d]!;
    if (isBusinessDay(ctx.calendar, day)) s.businessDays++;
  }
  return spans;
}

/** Expected counts from the median rate per judged day, and the low flag. */
function judge(ctx: CheckContext, spans: Span[]): { rows: BucketRow[]; medianRate: number } {
  const rates = spans.filter((s) => s.businessDays > 0).map((s) => s.count / s.businessDays);
  const medianRate = median(rates);
  const { lowRatio, lowAlpha } = ctx.params;
  const rows = spans.map((s): BucketRow => {
    const expected = s.businessDays > 0 && medianRate > 0 ? medianRate * s.businessDays : null;
    const low = expected !== null && s.count < lowRatio * expected && poissonLowerTail(s.count, expected) < lowAlpha;
    return {
      bucket: s.label, start: dayLabel(ctx.days.first + s.from), end: dayLabel(ctx.days.first + s.to),
      days: s.to - s.from + 1, businessDays: s.businessDays, count: s.count, expected: expected === null ? null : round(expected), low,
    };
  });
  return { rows, medianRate };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function finish(p: EmptyPeriodsPartial, ctx: CheckContext): EmptyPeriodsResult {
  const parameters = { eventField: ctx.event?.field ?? null, calendar: ctx.params.calendar, holidays: ctx.params.holidays, lowRatio: ctx.params.lowRatio, lowAlpha: ctx.params.lowAlpha, evidenceCap: ctx.cap };
  if (!ctx.event) return notRun('empty_periods', 'the population has no event time field (set eventField)', parameters);
  const { counts } = p;
  const daySpans = groupDays(ctx, counts, (day) => day, dayLabel).filter((s) => s.businessDays > 0);
  const weekSpans = groupDays(ctx, counts, isoWeekOfDay, weekLabel);
  const monthSpans = groupDays(ctx, counts, monthOfDay, monthLabel);
  const days = judge(ctx, daySpans);
  const weeks = judge(ctx, weekSpans);
  const months = judge(ctx, monthSpans);
  let inPeriod = 0;
  for (let d = 0; d < counts.length; d++) inPeriod += counts[d]!;
  const lowDays = days.rows.filter((r) => r.low);
  const low = { day: lowDays.length, week: weeks.rows.filter((r) => r.low).length, month: months.rows.filter((r) => r.low).length };
  const empty = {
    day: days.rows.filter((r) => r.count === 0).length,
    week: weeks.rows.filter((r) => r.count === 0).length,
    month: months.rows.filter((r) => r.count === 0).length,
  };
  const per = ctx.params.calendar === 'business' ? 'business day' : 'day';
  const medianRate = { day: round(days.medianRate), week: round(weeks.medianRate), month: round(months.medianRate) };
  const emptyDays = days.rows.filter((r) => r.count === 0);
  const evidence = { eventField: ctx.event.field, calendar: ctx.params.calendar, inPeriod, medianRate, months: months.rows, weeks: weeks.rows, lowDays: listing(lowDays, ctx.cap), emptyDays: listing(emptyDays, ctx.cap), low, empty };
  let status: 'pass' | 'warn' = 'pass';
  let summary: string;
  if (inPeriod === 0) {
    status = 'warn';
    summary = `no ${ctx.event.field} in the period: every day, week and month is empty`;
  } else {
    const lows = low.day + low.week + low.month;
    if (lows > 0) status = 'warn';
    const lowMonths = months.rows.filter((r) => r.low).map((r) => r.bucket);
    const listed = emptyDays.slice(0, 10).map((r) => r.bucket);
    summary = (lows === 0 ? 'no low day, week or month' : `low: ${low.month} month(s)${lowMonths.length ? ` (${lowMonths.slice(0, 6).join(', ')}${lowMonths.length > 6 ? ', …' : ''})` : ''}, ${low.week} week(s), ${low.day} ${per}(s)`) +
      `; empty: ${empty.month} month(s), ${empty.week} week(s), ${empty.day} ${per}(s)${listed.length ? ` (${listed.join(', ')}${emptyDays.length > listed.length ? ', …' : ''})` : ''}; median events per ${per}: ${medianRate.day} (days), ${medianRate.week} (weeks), ${medianRate.month} (months)`;
  }
  return { id: 'empty_periods', status, ran: true, summary, parameters, evidence };
}

export const emptyPeriods: CompletenessCheck<'empty_periods', EmptyPeriodsPartial> = {
  id: 'empty_periods',
  empty: (ctx) => ({ counts: new Int32Array(ctx.days.count) }),
  map,
  merge,
  finish,
};
