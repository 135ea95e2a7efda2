import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../src/ingest/typing/timestamp.js';
import { parseBoolean, parseNumber } from '../../src/ingest/typing/scalar.js';

const utc = { timeZone: 'UTC' };
const ms = (s: string, o: Parameters<typeof parseTimestamp>[1] = utc) => {
  const r = parseTimestamp(s, o);
  return r.ok ? r.ms : r.ambiguous ? 'ambiguous' : 'invalid';
};

describe('timestamp typing', () => {
  it('computes every calendar day as Date.UTC does (years 1000-9999, leap days, century rules)', () => {
    const rng = seedrandom('days');
    const days = [[1000, 1, 1], [1600, 2, 29], [1900, 2, 28], [1970, 1, 1], [2000, 2, 29], [2024, 12, 31], [9999, 12, 31]];
    for (let i = 0; i < 3000; i++) {
      const t = Date.UTC(1000, 0, 1) + Math.floor(rng() * (Date.UTC(9999, 11, 31) - Date.UTC(1000, 0, 1)));
      const d = new Date(t);
      days.push([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
    }
    for (const [y, m, d] of days) {
      const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      expect(ms(`${iso}T12:34:56Z`), iso).toBe(Date.UTC(y!, m! - 1, d!, 12, 34, 56));
      expect(ms(`${iso}\u00a0`), `${iso} + no-break space`).toBe(Date.UTC(y!, m! - 1, d!));
    }
  });


  it('reads ISO 8601 forms and offsets', () => {
    expect(ms('2025-03-04')).toBe(Date.UTC(2025, 2, 4));
    expect(ms('2025-03-04T10:20')).toBe(Date.UTC(2025, 2, 4, 10, 20));
    expect(ms('2025-03-04 10:20:30')).toBe(Date.UTC(2025, 2, 4, 10, 20, 30));
    expect(ms('2025-03-04T10:20:30.125Z')).toBe(Date.UTC(2025, 2, 4, 10, 20, 30, 125));
    expect(ms('2025-03-04T10:20:30+05:30')).toBe(Date.UTC(2025, 2, 4, 4, 50, 30));
    expect(ms('2025-03-04T10:20:30-0800')).toBe(Date.UTC(2025, 2, 4, 18, 20, 30));
    expect(ms('20250304')).toBe(Date.UTC(2025, 2, 4));
    expect(ms('  2024-02-29 ')).toBe(Date.UTC(2024, 1, 29));
  });

  it('rejects impossible dates and junk', () => {
    for (const s of ['2025-02-29', '2025-13-01', '2025-04-31', '2025-03-04T25:00', '2025-03-04T10:61', 'yesterday', '2025-03-04Tnoon', '12345678901']) {
      expect(ms(s), s).toBe('invalid');
    }
  });

  it('reads Excel serials as naive local date-times', () => {
    expect(ms('45720')).toBe(Date.UTC(2025, 2, 4));
    expect(ms('45720.75')).toBe(Date.UTC(2025, 2, 4, 18));
    expect(ms('45720', { timeZone: 'Asia/Tokyo' })).toBe(Date.UTC(2025, 2, 3, 15));
  });

  it('never guesses slash dates; reads them with a given order, with 12-hour clocks', () => {
    expect(ms('03/04/2025')).toBe('ambiguous');
    expect(ms('25/04/2025')).toBe('ambiguous');
    expect(ms('03/04/2025', { timeZone: 'UTC', dateOrder: 'dmy' })).toBe(Date.UTC(2025, 3, 3));
    expect(ms('03/04/2025', { timeZone: 'UTC', dateOrder: 'mdy' })).toBe(Date.UTC(2025, 2, 4));
    expect(ms('3/4/2025 2:05 PM', { timeZone: 'UTC', dateOrder: 'mdy' })).toBe(Date.UTC(2025, 2, 4, 14, 5));
    expect(ms('3/4/2025 12:05 AM', { timeZone: 'UTC', dateOrder: 'mdy' })).toBe(Date.UTC(2025, 2, 4, 0, 5));
    expect(ms('31/02/2025', { timeZone: 'UTC', dateOrder: 'dmy' })).toBe('invalid');
  });

  it('applies the zone to naive values across DST changes', () => {
    const ny = { timeZone: 'America/New_York' };
    expect(ms('2025-03-08 12:00', ny)).toBe(Date.UTC(2025, 2, 8, 17)); // EST
    expect(ms('2025-03-10 12:00', ny)).toBe(Date.UTC(2025, 2, 10, 16)); // EDT
    expect(ms('2025-03-09 02:30', ny)).toBe(Date.UTC(2025, 2, 9, 7, 30)); // in the gap: read as EST
    expect(ms('2025-11-02 01:30', ny)).toBe(Date.UTC(2025, 10, 2, 5, 30)); // repeated hour: first (EDT)
  });
});

describe('numbers and booleans', () => {
  it('reads plain, grouped, signed, currency and accounting negatives', () => {
    expect(parseNumber('1234.5')).toBe(1234.5);
    expect(parseNumber('-1,234.50')).toBe(-1234.5);
    expect(parseNumber('(1,234)')).toBe(-1234);
    expect(parseNumber('$ 99')).toBe(99);
    expect(Number.isNaN(parseNumber('1,23'))).toBe(true);
    expect(Number.isNaN(parseNumber('twelve'))).toBe(true);
  });
  it('reads booleans', () => {
    expect(['Yes', 'TRUE', 'y', '1', 't'].map(parseBoolean)).toEqual([1, 1, 1, 1, 1]);
    expect(['no', 'False', 'N', '0'].map(parseBoolean)).toEqual([0, 0, 0, 0]);
    expect(Number.isNaN(parseBoolean('maybe'))).toBe(true);
  });
});
