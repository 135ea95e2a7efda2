import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { civilOfDay, DAY_MS, dayOfCivil, validDate } from '../../src/kernels/civil.js';

/** The reference: Date (setUTCFullYear, as Date.UTC reads years 0–99 as 19xx). */
const referenceDay = (y: number, m: number, d: number) => new Date(0).setUTCFullYear(y, m - 1, d) / DAY_MS;

describe('civil date kernel', () => {
  it('dayOfCivil and civilOfDay equal the Date computation for all dates', () => {
    const rng = seedrandom('civil');
    for (let k = 0; k < 20000; k++) {
      const y = Math.floor(rng() * 4000) - 500;
      const m = 1 + Math.floor(rng() * 12);
      const d = 1 + Math.floor(rng() * 28);
      const day = dayOfCivil(y, m, d);
      expect(day, `${y}-${m}-${d}`).toBe(referenceDay(y, m, d));
      expect(civilOfDay(day)).toBe(y * 10000 + m * 100 + d);
      const date = new Date(day * DAY_MS);
      expect(civilOfDay(day + 3)).toBe(((u) => u.getUTCFullYear() * 10000 + (u.getUTCMonth() + 1) * 100 + u.getUTCDate())(new Date(date.getTime() + 3 * DAY_MS)));
    }
  });

  it('knows which dates exist', () => {
    expect(validDate(2024, 2, 29)).toBe(true);
    expect(validDate(2025, 2, 29)).toBe(false);
    expect(validDate(1900, 2, 29)).toBe(false);
    expect(validDate(2000, 2, 29)).toBe(true);
    expect(validDate(2025, 4, 31)).toBe(false);
  });
});
