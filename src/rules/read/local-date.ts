/**
 * The local date (YYYY-MM-DD) of an instant in the calendar's zone, for messages about days.
 *
 * @example
 * localDate(ctx, Date.parse('2025-03-15T05:30:00Z')) // '2025-03-14' in America/Los_Angeles
 */
import { localDay } from '../../period/calendar.js';
import type { TestContext } from '../types.js';

const DAY = 86_400_000;

export function localDate(ctx: TestContext, ms: number): string {
  return new Date(localDay(ctx.calendar, ms) * DAY).toISOString().slice(0, 10);
}
