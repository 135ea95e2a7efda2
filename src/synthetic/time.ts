/**
 * Calendar arithmetic and fast timestamp rendering for the generator. Days are local calendar
 * day numbers (days since 1970-01-01 in the period's zone); instants are UTC epoch ms in whole
 * seconds. Rendering caches the date part per day, so a timestamp costs a few concatenations.
 *
 * @example
 * const fmt = timestampWriter('iso', 'UTC')
 * fmt.instant(Date.UTC(2025, 0, 2, 9, 5)) // '2025-01-02T09:05:00Z'
 */
import { formatInZone, utcToZoned, zonedToUtc } from '../time/zone.js';

export const SECOND = 1_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export type TimestampStyle = 'iso' | 'space';

/** Day number of a `YYYY-MM-DD` date (assumed valid). */
export function dayNumber(date: string): number {
  return Math.floor(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY);
}

export function isoDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

/** The business day (Mon–Fri, no holidays) that is `n` ≥ 1 business days after `day`. */
export function addBusinessDays(day: number, n: number): number {
  let d = day;
  for (let left = n; left > 0; ) {
    d++;
    if (!isWeekend(d)) left--;
  }
  return d;
}

/** UTC instant at which local day `day` begins in `zone`. */
export function dayStart(day: number, zone: string): number {
  return zonedToUtc(day * DAY, zone);
}

/** Local day number of a UTC instant. */
export function localDayOf(utcMs: number, zone: string): number {
  return Math.floor(utcToZoned(utcMs, zone) / DAY);
}

export interface TimestampWriter {
  /** A date-time: `YYYY-MM-DDTHH:mm:ssZ` (UTC; with the zone's offset elsewhere) or local `YYYY-MM-DD HH:mm:ss`. */
  instant(utcMs: number): string;
  /** The local calendar date `YYYY-MM-DD` of an instant. */
  date(utcMs: number): string;
}

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

export function timestampWriter(style: TimestampStyle, zone: string): TimestampWriter {
  const days = new Map<number, string>();
  const dayText = (day: number): string => {
    let text = days.get(day);
    if (text === undefined) {
      if (days.size > 50_000) days.clear();
      text = isoDay(day);
      days.set(day, text);
    }
    return text;
  };
  const wall = (wallMs: number, sep: string, suffix: string): string => {
    const day = Math.floor(wallMs / DAY);
    let s = Math.floor((wallMs - day * DAY) / SECOND);
    const h = Math.floor(s / 3600);
    s -= h * 3600;
    const m = Math.floor(s / 60);
    s -= m * 60;
    return dayText(day) + sep + TWO[h] + ':' + TWO[m] + ':' + TWO[s] + suffix;
  };
  const utc = zone === 'UTC';
  return {
    instant:
      style === 'space'
        ? (ms) => wall(utc ? ms : utcToZoned(ms, zone), ' ', '')
        : utc
          ? (ms) => wall(ms, 'T', 'Z')
          : (ms) => formatInZone(ms, zone),
    date: (ms) => dayText(Math.floor((utc ? ms : utcToZoned(ms, zone)) / DAY)),
  };
}
