/**
 * Elapsed days between two instants, in calendar or business days of the calendar's zone:
 * counted between local days, so the same day is 0 and Friday → Monday is 3 calendar days or
 * 1 business day (weekends and holidays are not counted; see src/period/calendar.ts).
 *
 * @example
 * elapsedDays(cal, { days: 1, basis: 'business' }, friMs, monMs) // 1
 */
import { calendarDaysBetween, localDay, type BusinessCalendar } from '../../period/calendar.js';
import type { DayLimit } from '../params/values.js';

export function elapsedDays(cal: BusinessCalendar, basis: DayLimit['basis'], fromMs: number, toMs: number): number {
  return basis === 'business' ? businessDays(cal, fromMs, toMs) : calendarDaysBetween(cal, fromMs, toMs);
}

/**
 * The same count as `businessDaysBetween` in src/period/calendar.ts (business days d with
 * from < d ≤ to, local days; negative when `to` is earlier) in constant time per week, so a
 * timestamp decades away cannot turn one row into a million-iteration loop.
 */
export function businessDays(cal: BusinessCalendar, fromMs: number, toMs: number): number {
  const a = localDay(cal, fromMs);
  const b = localDay(cal, toMs);
  if (b < a) return -businessDays(cal, toMs, fromMs);
  const span = b - a;
  const weeks = Math.floor(span / 7);
  let n = weeks * (7 - cal.weekend.size);
  for (let d = a + weeks * 7 + 1; d <= b; d++) if (!cal.weekend.has(weekday(d))) n++;
  for (const h of cal.holidays) if (h > a && h <= b && !cal.weekend.has(weekday(h))) n--;
  return n;
}

/** 0 = Sunday … 6 = Saturday of a day number (1970-01-01 was a Thursday). */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** "3 business days" */
export function daysText(n: number, basis: DayLimit['basis']): string {
  return `${n} ${basis === 'business' ? 'business' : 'calendar'} day${n === 1 || n === -1 ? '' : 's'}`;
}

export const HOUR_MS = 3_600_000;

/** "1 hour", "2 hours" */
export function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * A duration as a reader wants it: "26 hours", "2 hours 30 minutes", "1 hour 1 second" — rounded
 * up to the second, so a breach of a limit never reads as equal to it.
 */
export function hoursText(ms: number): string {
  const total = Math.ceil(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [plural(h, 'hour')];
  if (m) parts.push(plural(m, 'minute'));
  if (s) parts.push(plural(s, 'second'));
  return (ms < 0 ? '-' : '') + parts.join(' ');
}

/**
 * An open item (no completion date yet) is not yet due when the test's as-of instant is known and
 * falls within the limit; without an as-of instant an open item is simply not done.
 */
export function notYetDue(cal: BusinessCalendar, asOfMs: number | undefined, limit: DayLimit, fromMs: number): boolean {
  return asOfMs !== undefined && elapsedDays(cal, limit.basis, fromMs, asOfMs) <= limit.days;
}
