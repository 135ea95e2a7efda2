import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/period/period.js';
import { compareStrata, periodStrata, stratumOf, strataReader } from '../../src/sampling/index.js';

/** An instant in a year Date.UTC would read as 19xx (0–99): setUTCFullYear, then the hour. */
function utcYear(year: number, month: number, day: number, hour: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  return d.setUTCHours(hour);
}

describe('period strata', () => {
  it('cuts months and quarters on the wall clock of the zone', () => {
    expect(stratumOf(Date.parse('2025-03-31T23:30:00Z'), 'month', 'UTC')).toBe('2025-03');
    expect(stratumOf(Date.parse('2025-04-01T02:00:00Z'), 'month', 'UTC')).toBe('2025-04');
    expect(stratumOf(Date.parse('2025-04-01T02:00:00Z'), 'month', 'America/New_York')).toBe('2025-03');
    expect(stratumOf(Date.parse('2025-04-01T02:00:00Z'), 'quarter', 'America/New_York')).toBe('2025-Q1');
    expect(stratumOf(Date.parse('2025-12-31T23:00:00Z'), 'quarter', 'Asia/Tokyo')).toBe('2026-Q1');
    expect(stratumOf(Date.parse('2024-02-29T12:00:00Z'), 'month', 'UTC')).toBe('2024-02');
    expect(stratumOf(NaN, 'month', 'UTC')).toBe('undated');
  });

  it('agrees with Date on every day of a leap and a common year', () => {
    const read = strataReader('month', 'UTC');
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2025, 0, 1); t += 86_400_000 - 1) {
      const d = new Date(t);
      expect(read(t)).toBe(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
    }
  });

  it('one reader over many times (which remembers the last month) equals a fresh read of each time', () => {
    const rng = seedrandom('strata reader');
    const edges = [Date.UTC(2025, 2, 31, 23, 59, 59, 999), Date.UTC(2025, 3, 1), Date.parse('2025-04-01T03:59:59.999Z'), Date.parse('2025-04-01T04:00:00Z'),
      utcYear(50, 0, 31, 23), utcYear(50, 1, 1, 0), NaN];
    for (const zone of ['UTC', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe']) {
      for (const by of ['month', 'quarter'] as const) {
        const read = strataReader(by, zone);
        const times = [...edges];
        let t = Date.UTC(2024, 9, 1);
        for (let i = 0; i < 3000; i++) times.push(rng() < 0.8 ? (t += Math.floor(rng() * 4 * 3_600_000)) : Date.UTC(2024, 0, 1) + Math.floor(rng() * 3 * 365 * 86_400_000));
        for (const time of times) expect(read(time), `${zone} ${by} ${time}`).toBe(stratumOf(time, by, zone));
      }
    }
  });

  it('lists every month or quarter the period touches', () => {
    const period = parsePeriod('2025-01-15..2025-04-10', 'UTC');
    expect(periodStrata(period, 'month')).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    expect(periodStrata(period, 'quarter')).toEqual(['2025-Q1', '2025-Q2']);
    expect(periodStrata(parsePeriod('2024-11-01..2025-02-28'), 'month')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });

  it('sorts ids chronologically with undated last', () => {
    expect(['undated', '2025-10', '2024-12', '2025-02'].sort(compareStrata)).toEqual(['2024-12', '2025-02', '2025-10', 'undated']);
  });
});
