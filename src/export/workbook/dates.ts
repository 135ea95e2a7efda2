/**
 * Dates as Excel holds them: a serial number with no zone. A JS Date is written from its UTC
 * fields (row-xml.ts), so an instant is shown as its wall-clock time in the period's zone by shifting it
 * first (`utcToZoned`) — the sheet headers name the zone.
 *
 * @example
 * wallDate(Date.parse('2025-03-09T16:00:00Z'), 'America/New_York') // Date whose UTC fields read 2025-03-09 12:00
 */
import { parseDate } from '../../period/period.js';
import { utcToZoned } from '../../time/zone.js';

/** Display formats (Excel number formats). */
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
export const DATE_FORMAT = 'yyyy-mm-dd';

/** The wall-clock time of an instant in `zone`, as a Date for a cell; null for NaN / null. */
export function wallDate(utcMs: number | null | undefined, zone: string): Date | null {
  if (utcMs === null || utcMs === undefined || !Number.isFinite(utcMs)) return null;
  return new Date(utcToZoned(utcMs, zone));
}

/** A calendar date `YYYY-MM-DD` as a Date for a cell (midnight); null when it is not a date. */
export function calendarDate(text: string | null | undefined): Date | null {
  if (!text) return null;
  const ms = parseDate(text);
  return ms === undefined ? null : new Date(ms);
}

/** An ISO 8601 instant (with zone or Z) → its wall time in `zone`; null when not such a string. */
export function isoWallDate(text: unknown, zone: string): Date | null {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return null;
  return wallDate(Date.parse(text), zone);
}
