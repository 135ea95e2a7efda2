/**
 * The audit period: start and end dates in a time zone, the end inclusive through the last
 * instant of its day. Parsed from `YYYY-MM-DD..YYYY-MM-DD`.
 *
 * @example
 * const p = parsePeriod('2025-01-01..2025-12-31', 'America/New_York')
 * inPeriod(p, Date.parse('2026-01-01T04:59:59.999Z')) // true (23:59:59.999 EST on Dec 31)
 */
import { tickmarkError } from '../errors.js';
import { assertTimeZone, zonedToUtc } from '../time/zone.js';

export interface AuditPeriod {
  /** As given: YYYY-MM-DD. */
  start: string;
  end: string;
  timeZone: string;
  /** First instant (UTC ms) of the start date in the zone. */
  startMs: number;
  /** First instant after the end date in the zone (exclusive bound). */
  endExclusiveMs: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY = 86_400_000;

/** Parse a calendar date to its UTC-midnight ms, or undefined when it is not a real date. */
export function parseDate(text: string): number | undefined {
  const m = DATE.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms;
}

export function makePeriod(start: string, end: string, timeZone = 'UTC'): AuditPeriod {
  const zone = assertTimeZone(timeZone);
  const period = `${start}..${end}`;
  const s = parseDate(start);
  const e = parseDate(end);
  if (s === undefined) throw tickmarkError('TM_ERR_BAD_PERIOD', { period, reason: `start ${JSON.stringify(start)} is not a date` });
  if (e === undefined) throw tickmarkError('TM_ERR_BAD_PERIOD', { period, reason: `end ${JSON.stringify(end)} is not a date` });
  if (e < s) throw tickmarkError('TM_ERR_BAD_PERIOD', { period, reason: 'the end is before the start' });
  return { start, end, timeZone: zone, startMs: zonedToUtc(s, zone), endExclusiveMs: zonedToUtc(e + DAY, zone) };
}

export function parsePeriod(text: string, timeZone = 'UTC'): AuditPeriod {
  const parts = String(text).split('..');
  if (parts.length !== 2) throw tickmarkError('TM_ERR_BAD_PERIOD', { period: text, reason: 'expected START..END' });
  return makePeriod(parts[0]!.trim(), parts[1]!.trim(), timeZone);
}

export function inPeriod(period: AuditPeriod, utcMs: number): boolean {
  return utcMs >= period.startMs && utcMs < period.endExclusiveMs;
}
