/**
 * Business-day calendar: weekends (Saturday, Sunday) and an optional holiday list, read in the
 * period's time zone. Shared by completeness (empty business days) and rules (N business days).
 *
 * @example
 * const cal = makeCalendar({ timeZone: 'UTC', holidays: ['2025-12-25'] })
 * businessDaysBetween(cal, Date.parse('2025-12-24T10:00Z'), Date.parse('2025-12-29T09:00Z')) // 2
 */
import { tickmarkError } from '../errors.js';
import { utcToZoned } from '../time/zone.js';
import { parseDate } from './period.js';

export interface BusinessCalendar {
  timeZone: string;
  /** Holidays as day numbers (UTC-midnight ms / 86 400 000) of local calendar dates. */
  holidays: Set<number>;
  /** Weekend weekdays, 0 = Sunday … 6 = Saturday. */
  weekend: Set<number>;
}

const DAY = 86_400_000;

export function makeCalendar(opts: { timeZone?: string; holidays?: string[]; weekend?: number[] } = {}): BusinessCalendar {
  const holidays = new Set<number>();
  for (const h of opts.holidays ?? []) {
    const ms = parseDate(h);
    if (ms === undefined) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'holidays', expected: 'must list dates as YYYY-MM-DD', got: h });
    holidays.add(ms / DAY);
  }
  return { timeZone: opts.timeZone ?? 'UTC', holidays, weekend: new Set(opts.weekend ?? [0, 6]) };
}

/** The local calendar day number (days since 1970-01-01 in the zone) of an instant. */
export function localDay(cal: { timeZone: string }, utcMs: number): number {
  return Math.floor(utcToZoned(utcMs, cal.timeZone) / DAY);
}

export function isBusinessDay(cal: BusinessCalendar, day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return !cal.weekend.has(weekday) && !cal.holidays.has(day);
}

/**
 * Business days elapsed from the local day of `fromMs` to the local day of `toMs`: the count of
 * business days d with from < d ≤ to (so the same day is 0, Friday → Monday is 1). Negative when
 * `toMs` is on an earlier day.
 */
export function businessDaysBetween(cal: BusinessCalendar, fromMs: number, toMs: number): number {
  const a = localDay(cal, fromMs);
  const b = localDay(cal, toMs);
  if (b < a) return -businessDaysBetween(cal, toMs, fromMs);
  let n = 0;
  for (let d = a + 1; d <= b; d++) if (isBusinessDay(cal, d)) n++;
  return n;
}

/** Calendar days elapsed between the local days of two instants (same day = 0). */
export function calendarDaysBetween(cal: { timeZone: string }, fromMs: number, toMs: number): number {
  return localDay(cal, toMs) - localDay(cal, fromMs);
}
