/**
 * Civil dates of the proleptic Gregorian calendar as day numbers (days since 1970-01-01), both
 * ways, with no Date object (H. Hinnant's days_from_civil and civil_from_days). `Date.UTC` is the
 * reference form; test/kernels/civil.test.ts holds them equal.
 *
 * @example
 * dayOfCivil(2025, 3, 1) // 20148
 * civilOfDay(20148) // 20250301
 */

export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of y-m-d (m 1–12). */
export function dayOfCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** The civil date of a day number, packed as y*10000 + m*100 + d. */
export function civilOfDay(day: number): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 10000 + m * 100 + d;
}

export const yearOfDay = (day: number): number => Math.floor(civilOfDay(day) / 10000);

/** Month of a day number as y*100 + m. */
export const monthOfDay = (day: number): number => Math.floor(civilOfDay(day) / 100);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether y-m-d is a real date (years 1000 and later: what a population's dates are read as). */
export function validDate(y: number, m: number, d: number): boolean {
  if (y < 1000 || m < 1 || m > 12 || d < 1) return false;
  const dim = m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : DAYS_IN_MONTH[m - 1]!;
  return d <= dim;
}
