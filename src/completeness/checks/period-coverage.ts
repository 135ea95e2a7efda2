/**
 * period_coverage: the first and last event inside the period against the period's start and
 * end, as calendar (and business) days without activity at either end. More than
 * `edgeWarnDays` warns, more than `edgeFailDays` fails (an extract cut short of the period end
 * is the classic case); no event in the period fails. Ties on the instant go to the lowest record.
 *
 * @example
 * // period 2025-01-01..2025-12-31, first deploy 2025-01-13 → daysBeforeFirst 12 → warn (default 7)
 */
import { formatInZone } from '../../time/zone.js';
import { isBusinessDay } from '../../period/calendar.js';
import type { PopulationChunk } from '../../population/types.js';
import { notRun, type CompletenessCheck } from '../check.js';
import type { CheckContext } from '../context.js';
import { keyReader, timestampColumn } from '../support/columns.js';
import { dayIndex, dayLabel } from '../support/period-days.js';
import type { EventRef, PeriodCoverageResult } from '../types.js';

export interface PeriodCoveragePartial {
  inPeriod: number;
  first: EventRef | null;
  last: EventRef | null;
  earliest: EventRef | null;
  latest: EventRef | null;
}

const earlier = (a: EventRef | null, b: EventRef | null): EventRef | null =>
  !a ? b : !b ? a : b.ms < a.ms || (b.ms === a.ms && b.record < a.record) ? b : a;
const later = (a: EventRef | null, b: EventRef | null): EventRef | null =>
  !a ? b : !b ? a : b.ms > a.ms || (b.ms === a.ms && b.record < a.record) ? b : a;

function map(chunk: PopulationChunk, ctx: CheckContext): PeriodCoveragePartial {
  const out: PeriodCoveragePartial = { inPeriod: 0, first: null, last: null, earliest: null, latest: null };
  const times = timestampColumn(chunk, ctx.event?.field ?? null);
  if (!times) return out;
  const { startMs, endExclusiveMs } = ctx.period;
  const rec = chunk.record;
  let first = -1, last = -1, earliest = -1, latest = -1;
  for (let i = 0; i < chunk.rows; i++) {
    const t = times[i]!;
    if (t !== t) continue; // NaN
    if (earliest < 0 || t < times[earliest]! || (t === times[earliest] && rec[i]! < rec[earliest]!)) earliest = i;
    if (latest < 0 || t > times[latest]! || (t === times[latest] && rec[i]! < rec[latest]!)) latest = i;
    if (t < startMs || t >= endExclusiveMs) continue;
    out.inPeriod++;
    if (first < 0 || t < times[first]! || (t === times[first] && rec[i]! < rec[first]!)) first = i;
    if (last < 0 || t > times[last]! || (t === times[last] && rec[i]! < rec[last]!)) last = i;
  }
  const key = keyReader(chunk, ctx.keyFields);
  const ref = (i: number): EventRef | null =>
    i < 0 ? null : { record: rec[i]!, line: chunk.line[i]!, key: key(i), ms: times[i]!, at: formatInZone(times[i]!, ctx.period.timeZone) };
  out.first = ref(first);
  out.last = ref(last);
  out.earliest = ref(earliest);
  out.latest = ref(latest);
  return out;
}

function merge(a: PeriodCoveragePartial, b: PeriodCoveragePartial): PeriodCoveragePartial {
  return {
    inPeriod: a.inPeriod + b.inPeriod,
    first: earlier(a.first, b.first),
    last: later(a.last, b.last),
    earliest: earlier(a.earliest, b.earliest),
    latest: later(a.latest, b.latest),
  };
}

function businessDaysIn(ctx: CheckContext, fromIndex: number, toIndex: number): number {
  let n = 0;
  for (let d = fromIndex; d < toIndex; d++) if (isBusinessDay(ctx.calendar, ctx.days.first + d)) n++;
  return n;
}

function finish(p: PeriodCoveragePartial, ctx: CheckContext): PeriodCoverageResult {
  const parameters = { eventField: ctx.event?.field ?? null, edgeWarnDays: ctx.params.edgeWarnDays, edgeFailDays: ctx.params.edgeFailDays, calendar: ctx.params.calendar };
  if (!ctx.event) return notRun('period_coverage', 'the population has no event time field (set eventField)', parameters);
  const { days } = ctx;
  const evidence = {
    eventField: ctx.event.field, inPeriod: p.inPeriod, first: p.first, last: p.last, earliest: p.earliest, latest: p.latest,
    daysBeforeFirst: null as number | null, daysAfterLast: null as number | null, businessDaysBeforeFirst: null as number | null, businessDaysAfterLast: null as number | null,
  };
  if (!p.first || !p.last) {
    const seen = p.earliest && p.latest ? ` (the population's events run from ${p.earliest.at} to ${p.latest.at})` : '';
    return { id: 'period_coverage', status: 'fail', ran: true, summary: `no ${ctx.event.field} inside the period ${ctx.period.start}..${ctx.period.end}${seen}`, parameters, evidence };
  }
  const firstIdx = dayIndex(days, p.first.ms);
  const lastIdx = dayIndex(days, p.last.ms);
  evidence.daysBeforeFirst = firstIdx;
  evidence.daysAfterLast = days.count - 1 - lastIdx;
  evidence.businessDaysBeforeFirst = businessDaysIn(ctx, 0, firstIdx);
  evidence.businessDaysAfterLast = businessDaysIn(ctx, lastIdx + 1, days.count);
  const worst = Math.max(evidence.daysBeforeFirst, evidence.daysAfterLast);
  const status = worst > ctx.params.edgeFailDays ? 'fail' : worst > ctx.params.edgeWarnDays ? 'warn' : 'pass';
  const summary =
    `first ${ctx.event.field} ${dayLabel(days.first + firstIdx)} (${evidence.daysBeforeFirst} day(s) after the period start ${ctx.period.start}), ` +
    `last ${dayLabel(days.first + lastIdx)} (${evidence.daysAfterLast} day(s) before the period end ${ctx.period.end})`;
  return { id: 'period_coverage', status, ran: true, summary, parameters, evidence };
}

export const periodCoverage: CompletenessCheck<'period_coverage', PeriodCoveragePartial> = {
  id: 'period_coverage',
  empty: () => ({ inPeriod: 0, first: null, last: null, earliest: null, latest: null }),
  map,
  merge,
  finish,
};
