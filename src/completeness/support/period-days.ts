/**
 * The audit period as a range of local days: the UTC instant each local day starts (so a DST
 * day of 23 or 25 hours is still one day), a day index for any instant without a time-zone
 * lookup per row, and civil-date arithmetic on day numbers (days since 1970-01-01) for labels,
 * ISO weeks and months.
 *
 * @example
 * const days = periodDays(parsePeriod('2025-03-01..2025-03-31', 'America/New_York'))
 * dayIndex(days, Date.parse('2025-03-09T04:30:00Z')) // 7 — 23:30 EST on March 8 is day 8 of the month
 */
import { parseDate, type AuditPeriod } from '../../period/period.js';
import { civilOfDay, yearOfDay } from '../../kernels/civil.js';
import { zonedToUtc } from '../../time/zone.js';

export const DAY_MS = 86_400_000;

export interface PeriodDays {
  /** Day number of the period's first local date. */
  first: number;
  /** Number of local dates in the period. */
  count: number;
  /** starts[d] = UTC ms of local midnight of day d; starts[count] = the period's exclusive end. */
  starts: Float64Array;
}

export function periodDays(period: AuditPeriod): PeriodDays {
  const first = parseDate(period.start)! / DAY_MS;
  const count = parseDate(period.end)! / DAY_MS - first + 1;
  const starts = new Float64Array(count + 1);
  starts[0] = period.startMs;
  for (let d = 1; d < count; d++) starts[d] = zonedToUtc((first + d) * DAY_MS, period.timeZone);
  starts[count] = period.endExclusiveMs;
  return { first, count, starts };
}

/** Index of the local day holding `ms`: -1 before the period, `count` after it. `ms` must not be NaN. */
export function dayIndex(days: PeriodDays, ms: number): number {
  const { starts, count } = days;
  if (ms < starts[0]!) return -1;
  if (ms >= starts[count]!) return count;
  let d = Math.floor((ms - starts[0]!) / DAY_MS);
  if (d >= count) d = count - 1;
  while (d > 0 && ms < starts[d]!) d--;
  while (ms >= starts[d + 1]!) d++;
  return d;
}

export { civilOfDay, monthOfDay, yearOfDay } from '../../kernels/civil.js';

/** ISO 8601 week of a day number as isoYear*100 + week (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOfDay(day: number): number {
  const isoWeekday = ((((day + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday (4)
  const thursday = day - isoWeekday + 4;
  const year = yearOfDay(thursday);
  const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
  return year * 100 + Math.floor((thursday - jan1) / 7) + 1;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function dayLabel(day: number): string {
  const c = civilOfDay(day);
  return `${pad(Math.floor(c / 10000), 4)}-${pad(Math.floor(c / 100) % 100)}-${pad(c % 100)}`;
}

export const monthLabel = (month: number): string => `${pad(Math.floor(month / 100), 4)}-${pad(month % 100)}`;
export const weekLabel = (week: number): string => `${pad(Math.floor(week / 100), 4)}-W${pad(week % 100)}`;
