/**
 * Calendar arithmetic in SQL, the same integer steps as period-days.ts (H. Hinnant's civil
 * algorithms): days since 1970-01-01 of a date, and the year and month of a day number — no
 * engine date type, no session time zone, nothing an engine could read differently.
 *
 * @example
 * daysFromCivil(duckdb, 'y', 'm', 'd') // an integer expression
 */
import type { Dialect } from '../dialects/dialect.js';
import type { Layer } from './layers.js';

export const DAY_MS = 86_400_000;

/** Floor division by a positive integer constant. */
export function floorDiv(d: Dialect, a: string, b: number): string {
  return `CASE WHEN ${a} >= 0 THEN ${d.intDiv(a, String(b))} ELSE -${d.intDiv(`(-(${a}) + ${b - 1})`, String(b))} END`;
}

/** Days since 1970-01-01 of year y (≥ 1), month m, day d (a valid date). */
export function daysFromCivil(d: Dialect, y: string, m: string, day: string): string {
  const yy = `(${y} - CASE WHEN ${m} <= 2 THEN 1 ELSE 0 END)`;
  const era = d.intDiv(yy, '400');
  const yoe = `(${yy} - ${era} * 400)`;
  const doy = `(${d.intDiv(`153 * (CASE WHEN ${m} > 2 THEN ${m} - 3 ELSE ${m} + 9 END) + 2`, '5')} + ${day} - 1)`;
  const doe = `(${yoe} * 365 + ${d.intDiv(yoe, '4')} - ${d.intDiv(yoe, '100')} + ${doy})`;
  return `(${era} * 146097 + ${doe} - 719468)`;
}

/** True when y-m-d is a real date with y ≥ 1000 (timestamp.ts `validDate`). */
export function validDate(d: Dialect, y: string, m: string, day: string): string {
  const leap = `(${d.mod(y, '4')} = 0 AND (${d.mod(y, '100')} <> 0 OR ${d.mod(y, '400')} = 0))`;
  const dim = `CASE WHEN ${m} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
  return `(${y} >= 1000 AND ${m} BETWEEN 1 AND 12 AND ${day} >= 1 AND ${day} <= ${dim})`;
}

/**
 * Layers giving `${p}_day` (local day number), `${p}_year` and `${p}_month` of a local ms value
 * `local` (days on or after 0000-03-01).
 */
export function civilLayers(d: Dialect, local: string, p: string): Layer[] {
  return [
    [[`${p}_day`, floorDiv(d, local, DAY_MS)]],
    [[`${p}_z`, `(${p}_day + 719468)`]],
    [[`${p}_era`, d.intDiv(`${p}_z`, '146097')]],
    [[`${p}_doe`, `(${p}_z - ${p}_era * 146097)`]],
    [[`${p}_yoe`, d.intDiv(`(${p}_doe - ${d.intDiv(`${p}_doe`, '1460')} + ${d.intDiv(`${p}_doe`, '36524')} - ${d.intDiv(`${p}_doe`, '146096')})`, '365')]],
    [[`${p}_doy`, `(${p}_doe - (365 * ${p}_yoe + ${d.intDiv(`${p}_yoe`, '4')} - ${d.intDiv(`${p}_yoe`, '100')}))`]],
    [[`${p}_mp`, d.intDiv(`(5 * ${p}_doy + 2)`, '153')]],
    [[`${p}_month`, `CASE WHEN ${p}_mp < 10 THEN ${p}_mp + 3 ELSE ${p}_mp - 9 END`]],
    [[`${p}_year`, `(${p}_yoe + ${p}_era * 400 + CASE WHEN ${p}_month <= 2 THEN 1 ELSE 0 END)`]],
  ];
}
