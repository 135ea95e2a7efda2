import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { lastDayMonthOrder, parseTimestamp } from '../../../src/kernels/timestamp/parse.js';

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
    expect(ms('03-04-2025 14:00')).toBe('ambiguous');
    expect(ms('04/04/2025')).toBe(Date.UTC(2025, 3, 4)); // the same date either way
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

describe('date families of client exports', () => {
  const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, msec = 0) => Date.UTC(y, mo - 1, d, h, mi, s, msec);

  it('reads Jira dd/Mon/yy with 12-hour clocks', () => {
    expect(ms('03/Jan/25 2:22 PM')).toBe(at(2025, 1, 3, 14, 22));
    expect(ms('03/Jan/25 12:05 AM')).toBe(at(2025, 1, 3, 0, 5));
    expect(ms('28/Feb/24 12:00 PM')).toBe(at(2024, 2, 28, 12));
    expect(ms('03/jan/2025 02:22:05 pm')).toBe(at(2025, 1, 3, 14, 22, 5));
    expect(ms('03/Jan/25 2:22PM')).toBe(at(2025, 1, 3, 14, 22));
    expect(ms('03/Jan/25')).toBe(at(2025, 1, 3));
    expect(ms('03/Jan/25 13:22 PM')).toBe('invalid'); // a 12-hour clock has no hour 13
    expect(ms('03/Jan/25 0:22 AM')).toBe('invalid');
  });

  it('reads day-month-name-year with dashes, slashes and spaces', () => {
    expect(ms('03-Jan-2025')).toBe(at(2025, 1, 3));
    expect(ms('3-JAN-25')).toBe(at(2025, 1, 3));
    expect(ms('3 Jan 2025')).toBe(at(2025, 1, 3));
    expect(ms('3 January 2025 09:15')).toBe(at(2025, 1, 3, 9, 15));
    expect(ms('17 Sept 2025')).toBe(at(2025, 9, 17));
    expect(ms('1 Jun. 2025')).toBe(at(2025, 6, 1));
    expect(ms('31 Apr 2025')).toBe('invalid');
    expect(ms('3 Janvier 2025')).toBe('invalid'); // English names only
  });

  it('reads month-first US forms and Tenable', () => {
    expect(ms('January 3, 2025')).toBe(at(2025, 1, 3));
    expect(ms('Jan 3, 2025 2:22 PM')).toBe(at(2025, 1, 3, 14, 22));
    expect(ms('Aug 17, 2025 17:39:43 UTC')).toBe(at(2025, 8, 17, 17, 39, 43));
    expect(ms('Aug 17 2025 17:39:43 GMT')).toBe(at(2025, 8, 17, 17, 39, 43));
    expect(ms('March 1st, 2024')).toBe(at(2024, 3, 1));
    expect(ms('Dec 22nd 2025, 11:59 pm')).toBe(at(2025, 12, 22, 23, 59));
    expect(ms('Jan 3, 25')).toBe('invalid'); // month first always writes four-digit years
    expect(ms('Jan 3rdx, 2025')).toBe('invalid');
  });

  it('reads RFC 2822 and checks its weekday', () => {
    expect(ms('Tue, 03 Jun 2025 14:22:05 +0000')).toBe(at(2025, 6, 3, 14, 22, 5));
    expect(ms('Tue, 3 Jun 2025 14:22:05 -0700')).toBe(at(2025, 6, 3, 21, 22, 5));
    expect(ms('Tuesday, June 3, 2025 2:22 PM')).toBe(at(2025, 6, 3, 14, 22));
    expect(ms('Wed, 03 Jun 2025 14:22:05 +0000')).toBe('invalid'); // 3 June 2025 was a Tuesday
    expect(ms('Tue 03 Jun 2025 14:22:05 GMT')).toBe(at(2025, 6, 3, 14, 22, 5));
  });

  it('reads zone words and offsets after any date', () => {
    expect(ms('2025-04-11 17:00:00 UTC')).toBe(at(2025, 4, 11, 17));
    expect(ms('2025-04-11 17:00:00 GMT')).toBe(at(2025, 4, 11, 17));
    expect(ms('2025-04-11 17:00:00 GMT+02:00')).toBe(at(2025, 4, 11, 15));
    expect(ms('2025-04-11 17:00 UTC-5')).toBe(at(2025, 4, 11, 22));
    expect(ms('2025-04-11 05:00 PM UTC')).toBe(at(2025, 4, 11, 17));
    expect(ms('2025-04-11T17:00:00.250+05:30')).toBe(at(2025, 4, 11, 11, 30, 0, 250));
    expect(ms('2025-04-11 17:00:00 EST')).toBe('invalid'); // a named zone is not read
    expect(ms('2025-04-11 17:00:00 UTCx')).toBe('invalid');
    expect(ms('2025-04-11 17:00:00 UTC', { timeZone: 'America/New_York' })).toBe(at(2025, 4, 11, 17)); // the zone written wins
  });

  it('reads dot dates day first, always', () => {
    expect(ms('12.09.2025 23:31')).toBe(at(2025, 9, 12, 23, 31));
    expect(ms('12.09.2025 23:31', { timeZone: 'UTC', dateOrder: 'mdy' })).toBe(at(2025, 9, 12, 23, 31));
    expect(ms('1.2.25')).toBe(at(2025, 2, 1));
    expect(ms('09.13.2025')).toBe('invalid');
    expect(ms('12.09.2025', { timeZone: 'Europe/Berlin' })).toBe(at(2025, 9, 11, 22));
  });

  it('reads year-first slash and dot dates', () => {
    expect(ms('2025/04/11')).toBe(at(2025, 4, 11));
    expect(ms('2025.4.1 08:00')).toBe(at(2025, 4, 1, 8));
    expect(ms('2025/02/30')).toBe('invalid');
  });

  it('pivots two-digit years as POSIX strptime does (00-68 → 20xx, 69-99 → 19xx)', () => {
    expect(ms('03/Jan/00')).toBe(at(2000, 1, 3));
    expect(ms('03/Jan/68')).toBe(at(2068, 1, 3));
    expect(ms('03/Jan/69')).toBe(at(1969, 1, 3));
    expect(ms('03/Jan/99')).toBe(at(1999, 1, 3));
    expect(ms('31/12/68', { timeZone: 'UTC', dateOrder: 'dmy' })).toBe(at(2068, 12, 31));
    expect(ms('12/31/69', { timeZone: 'UTC', dateOrder: 'mdy' })).toBe(at(1969, 12, 31));
    expect(ms('1/2/025', { timeZone: 'UTC', dateOrder: 'mdy' })).toBe('invalid'); // three digits: not a year
  });

  it('reads a slash or dash date whose value proves its order, and says which', () => {
    const said = (s: string) => {
      const r = parseTimestamp(s, utc);
      return [r.ok ? r.ms : 'NaN', lastDayMonthOrder()];
    };
    expect(said('25/04/2025')).toEqual([at(2025, 4, 25), 'dmy']);
    expect(said('04/25/2025 2:00 PM')).toEqual([at(2025, 4, 25, 14), 'mdy']);
    expect(said('25-04-25')).toEqual([at(2025, 4, 25), 'dmy']);
    expect(said('03/04/2025')).toEqual(['NaN', 'ambiguous']);
    expect(said('03/04/2025 25:00')).toEqual(['NaN', 'none']); // not a valid date either way: invalid, not ambiguous
    expect(said('31/04/2025')).toEqual(['NaN', 'none']); // 31 April does not exist: proves nothing
    expect(said('25/13/2025')).toEqual(['NaN', 'none']);
    expect(said('12.09.2025')).toEqual([at(2025, 9, 12), 'none']); // dots are day first, not evidence
    expect(said('2025-04-25')).toEqual([at(2025, 4, 25), 'none']);
  });

  it('reads epoch seconds and milliseconds only when the column is declared to hold them', () => {
    expect(ms('1735689600')).toBe('invalid');
    expect(ms('1735689600', { timeZone: 'UTC', epoch: 's' })).toBe(at(2025, 1, 1));
    expect(ms('1735689600.5', { timeZone: 'UTC', epoch: 's' })).toBe(at(2025, 1, 1, 0, 0, 0, 500));
    expect(ms('1735689600123', { timeZone: 'UTC', epoch: 'ms' })).toBe(at(2025, 1, 1, 0, 0, 0, 123));
    expect(ms('-86400', { timeZone: 'UTC', epoch: 's' })).toBe(at(1969, 12, 31));
    expect(ms('0', { timeZone: 'America/New_York', epoch: 's' })).toBe(0); // an instant: no zone applies
    expect(ms('20250304', { timeZone: 'UTC', epoch: 's' })).toBe(20250304000); // declared epoch wins over YYYYMMDD
    expect(ms('2025-01-02', { timeZone: 'UTC', epoch: 'ms' })).toBe(at(2025, 1, 2)); // other families still read
    expect(ms('1e9', { timeZone: 'UTC', epoch: 's' })).toBe('invalid');
  });

  it('keeps Excel serials and bare numbers as before', () => {
    expect(ms('10.25')).toBe(Date.UTC(1899, 11, 30) + 10.25 * 86_400_000); // not a dot date: a serial
    expect(ms('45.5')).toBe('invalid'); // under five characters: never a timestamp
    expect(ms('2025.5')).toBe(Date.UTC(1899, 11, 30) + 2025.5 * 86_400_000);
  });
});

describe('every family reads back the instant it was written from', () => {
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const two = (n: number) => String(n).padStart(2, '0');
  const h12 = (h: number) => `${h % 12 === 0 ? 12 : h % 12}`;
  const ampm = (h: number) => (h < 12 ? 'AM' : 'PM');

  it('for random instants 1969-2068, in every family, to the millisecond', () => {
    const rng = seedrandom('families');
    const from = Date.UTC(1969, 0, 1);
    const to = Date.UTC(2068, 11, 31);
    for (let k = 0; k < 3000; k++) {
      const t = from + Math.floor(rng() * (to - from) / 1000) * 1000;
      const x = new Date(t);
      const [y, mo, d, h, mi, s, wd] = [x.getUTCFullYear(), x.getUTCMonth(), x.getUTCDate(), x.getUTCHours(), x.getUTCMinutes(), x.getUTCSeconds(), x.getUTCDay()];
      const mon = MONTHS[mo]!.slice(0, 3);
      const yy = two(y % 100);
      const minute = t - s * 1000;
      const day = Date.UTC(y, mo, d);
      const cases: [string, number, Parameters<typeof parseTimestamp>[1]?][] = [
        [`${two(d)}/${mon}/${yy} ${h12(h)}:${two(mi)} ${ampm(h)}`, minute],
        [`${two(d)}-${mon.toUpperCase()}-${y}`, day],
        [`${d} ${MONTHS[mo]} ${y} ${two(h)}:${two(mi)}:${two(s)}`, t],
        [`${MONTHS[mo]} ${d}, ${y}`, day],
        [`${mon} ${d}, ${y} ${h12(h)}:${two(mi)} ${ampm(h).toLowerCase()}`, minute],
        [`${mon} ${two(d)}, ${y} ${two(h)}:${two(mi)}:${two(s)} UTC`, t],
        [`${y}-${two(mo + 1)}-${two(d)} ${two(h)}:${two(mi)}:${two(s)} GMT`, t],
        [`${DAYS[wd]!.slice(0, 3)}, ${two(d)} ${mon} ${y} ${two(h)}:${two(mi)}:${two(s)} +0000`, t],
        [`${DAYS[wd]!.slice(0, 3)}, ${two(d)} ${mon} ${y} ${two((h + 2) % 24)}:${two(mi)}:${two(s)} +0200`, (h + 2 >= 24 ? t - 86_400_000 : t)],
        [`${two(d)}.${two(mo + 1)}.${y} ${two(h)}:${two(mi)}`, minute],
        [`${two(d)}/${two(mo + 1)}/${yy}`, day, { timeZone: 'UTC', dateOrder: 'dmy' }],
        [`${two(mo + 1)}-${two(d)}-${y} ${h12(h)}:${two(mi)}:${two(s)} ${ampm(h)}`, t, { timeZone: 'UTC', dateOrder: 'mdy' }],
        [`${y}/${two(mo + 1)}/${two(d)}`, day],
        [String(t / 1000), t, { timeZone: 'UTC', epoch: 's' }],
        [String(t + 7), t + 7, { timeZone: 'UTC', epoch: 'ms' }],
      ];
      for (const [text, expected, opts] of cases) expect(ms(text, opts), text).toBe(expected);
    }
  });
});
