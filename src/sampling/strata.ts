/**
 * Period strata: the month (`2025-03`) or quarter (`2025-Q1`) of a record's event time, read
 * on the wall clock of the design's time zone. Records with no event time fall in the stratum
 * `undated`. Ids sort chronologically as text, `undated` last.
 *
 * @example
 * stratumOf(Date.parse('2025-03-31T23:30:00Z'), 'month', 'America/New_York') // '2025-03'
 * stratumOf(Date.parse('2025-04-01T02:00:00Z'), 'quarter', 'America/New_York') // '2025-Q1'
 */
import type { AuditPeriod } from '../period/period.js';
import { monthOfDay } from '../kernels/civil.js';
import { utcToZoned } from '../time/zone.js';
import type { StratumBucket } from './spec.js';

export const UNDATED_STRATUM = 'undated';

const DAY = 86_400_000;

/** Month slot (year·12 + month − 1) of a day count since 1970-01-01. */
function civilMonthSlot(days: number): number {
  const ym = monthOfDay(days);
  return Math.floor(ym / 100) * 12 + (ym % 100) - 1;
}

/** Midnight UTC on the first of a month slot (setUTCFullYear: Date.UTC reads years 0–99 as 19xx). */
function monthStartMs(slot: number): number {
  return new Date(0).setUTCFullYear(Math.floor(slot / 12), slot % 12, 1);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The id of the bucket holding year/month. */
export function stratumId(year: number, month: number, by: StratumBucket): string {
  return by === 'month' ? `${pad(year, 4)}-${pad(month, 2)}` : `${pad(year, 4)}-Q${Math.ceil(month / 3)}`;
}

/**
 * Event time → stratum id. It remembers the last month it saw as a wall-clock range, so rows of
 * the same month (the usual run) cost one offset lookup and two comparisons. A class, not a
 * closure: a scan makes one per chunk, and one shared method keeps V8's optimised loop valid.
 *
 * @example
 * new StrataReader('quarter', 'UTC').id(Date.UTC(2025, 4, 1)) // '2025-Q2'
 */
export class StrataReader {
  private readonly ids = new Map<number, string>();
  private from = 0;
  private to = -1; // the last month's wall-clock range [from, to); empty at first
  private last = '';
  /** Whether the last instant read had a time (not `undated`). */
  private dated = false;

  constructor(private readonly by: StratumBucket, private readonly timeZone: string) {}

  /**
   * The UTC instants [from, to) that share the last id read, when the zone is UTC (wall clock =
   * UTC); an empty range otherwise (then each instant goes through `id`).
   */
  utcRange(): [number, number] {
    return this.dated && this.timeZone === 'UTC' ? [this.from, this.to] : [NaN, NaN];
  }

  id(utcMs: number): string {
    if (Number.isNaN(utcMs)) {
      this.dated = false;
      return UNDATED_STRATUM;
    }
    this.dated = true;
    const wall = this.timeZone === 'UTC' ? utcMs : utcToZoned(utcMs, this.timeZone);
    if (wall >= this.from && wall < this.to) return this.last;
    const slot = civilMonthSlot(Math.floor(wall / DAY));
    let id = this.ids.get(slot);
    if (id === undefined) this.ids.set(slot, (id = stratumId(Math.floor(slot / 12), (slot % 12) + 1, this.by)));
    this.from = monthStartMs(slot);
    this.to = monthStartMs(slot + 1);
    this.last = id;
    return id;
  }
}

/**
 * A function from event time to stratum id (a `StrataReader`'s `id`).
 *
 * @example
 * const of = strataReader('quarter', 'UTC'); of(Date.UTC(2025, 4, 1)) // '2025-Q2'
 */
export function strataReader(by: StratumBucket, timeZone: string): (utcMs: number) => string {
  const reader = new StrataReader(by, timeZone);
  return (utcMs) => reader.id(utcMs);
}

/** Stratum id of one instant (see strataReader for many). */
export function stratumOf(utcMs: number, by: StratumBucket, timeZone: string): string {
  return strataReader(by, timeZone)(utcMs);
}

/**
 * Every bucket the audit period touches, in order (so empty months are listed too).
 *
 * @example
 * periodStrata(parsePeriod('2025-01-15..2025-04-10'), 'quarter') // ['2025-Q1', '2025-Q2']
 */
export function periodStrata(period: Pick<AuditPeriod, 'start' | 'end'>, by: StratumBucket): string[] {
  const [y0, m0] = period.start.split('-').map(Number) as [number, number];
  const [y1, m1] = period.end.split('-').map(Number) as [number, number];
  const ids: string[] = [];
  for (let slot = y0 * 12 + m0 - 1; slot <= y1 * 12 + m1 - 1; slot++) {
    const id = stratumId(Math.floor(slot / 12), (slot % 12) + 1, by);
    if (ids[ids.length - 1] !== id) ids.push(id);
  }
  return ids;
}

/** Chronological order of stratum ids (`undated` last). */
export function compareStrata(a: string, b: string): number {
  if (a === b) return 0;
  if (a === UNDATED_STRATUM) return 1;
  if (b === UNDATED_STRATUM) return -1;
  return a < b ? -1 : 1;
}
