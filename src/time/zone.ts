/**
 * Time-zone arithmetic without a dependency: offsets come from Intl and are cached per zone and
 * UTC hour, so converting millions of naive timestamps costs a map lookup each.
 *
 * @example
 * zonedToUtc(Date.UTC(2025, 2, 9, 12), 'America/New_York') // 2025-03-09T16:00:00Z (EDT)
 */
import { tickmarkError } from '../errors.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();
const HOUR = 3_600_000;

/** Throws TM_ERR_BAD_TIMEZONE unless `zone` is a valid IANA zone (or UTC). */
export function assertTimeZone(zone: string): string {
  if (zone === 'UTC' || zone === 'Z') return 'UTC';
  try {
    formatter(zone);
    return zone;
  } catch {
    throw tickmarkError('TM_ERR_BAD_TIMEZONE', { zone });
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Offset of `zone` from UTC in ms at the UTC instant `utcMs` (positive east of Greenwich). */
export function zoneOffset(utcMs: number, zone: string): number {
  if (zone === 'UTC') return 0;
  let cache = offsetCache.get(zone);
  if (!cache) offsetCache.set(zone, (cache = new Map()));
  const hour = Math.floor(utcMs / HOUR);
  let off = cache.get(hour);
  if (off === undefined) {
    const parts = formatter(zone).formatToParts(new Date(hour * HOUR));
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    off = asUtc - hour * HOUR;
    if (cache.size > 200_000) cache.clear();
    cache.set(hour, off);
  }
  return off;
}

/**
 * The UTC instant of a wall-clock time in `zone`, given as if it were UTC (`Date.UTC(...)`).
 * Times in a spring-forward gap move forward by the gap; repeated fall-back times take the
 * first (daylight) occurrence.
 */
export function zonedToUtc(wallMs: number, zone: string): number {
  if (zone === 'UTC') return wallMs;
  const before = zoneOffset(wallMs - 12 * HOUR, zone);
  const after = zoneOffset(wallMs + 12 * HOUR, zone);
  const a = wallMs - before;
  if (zoneOffset(a, zone) === before) return a; // the earlier reading when both are valid
  const b = wallMs - after;
  if (zoneOffset(b, zone) === after) return b;
  return a; // in a spring-forward gap: read with the offset before the change, i.e. moved forward
}

/** Wall-clock fields of a UTC instant in `zone`, as a UTC-based ms value (read with getUTC*). */
export function utcToZoned(utcMs: number, zone: string): number {
  return utcMs + zoneOffset(utcMs, zone);
}

/** ISO 8601 rendering of an instant with the zone's offset, e.g. 2025-03-09T12:00:00-04:00. */
export function formatInZone(utcMs: number, zone: string): string {
  const off = zoneOffset(utcMs, zone);
  const wall = new Date(utcMs + off).toISOString().slice(0, 19);
  if (off === 0) return `${wall}Z`;
  const sign = off < 0 ? '-' : '+';
  const m = Math.abs(off) / 60000;
  return `${wall}${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
