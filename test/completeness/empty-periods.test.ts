import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/period/period.js';
import { checkContext, completenessPlan, runCompleteness, type CheckResultFor, type CompletenessParams } from '../../src/completeness/index.js';
import { emptyPeriods } from '../../src/completeness/checks/empty-periods.js';
import { chunkOf, metaOf, type Row } from './helpers.js';

const meta = metaOf('change', ['change_id', 'deployed_at']);
const rowsAt = (times: string[]): Row[] => times.map((t, i) => ({ change_id: `CHG${i + 1}`, deployed_at: t }));

function dayCounts(times: string[], period: string, zone: string): Int32Array {
  const ctx = checkContext({ meta, period: parsePeriod(period, zone), params: { calendar: 'all' } });
  return emptyPeriods.map(chunkOf(rowsAt(times), 'change'), ctx).counts;
}

async function check(times: string[], period: string, zone = 'UTC', params: CompletenessParams = {}) {
  const report = await runCompleteness({ meta, chunks: [chunkOf(rowsAt(times), 'change')], period: parsePeriod(period, zone), params });
  return report.checks.find((c) => c.id === 'empty_periods') as CheckResultFor<'empty_periods'>;
}

/** n events on each business day of a range (UTC noon), skipping days `skip` says. */
function everyBusinessDay(from: string, to: string, n: number, skip: (iso: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T12:00:00Z`); t <= Date.parse(`${to}T12:00:00Z`); t += 86_400_000) {
    const d = new Date(t);
    const iso = d.toISOString().slice(0, 10);
    if (d.getUTCDay() === 0 || d.getUTCDay() === 6 || skip(iso)) continue;
    for (let k = 0; k < n; k++) out.push(new Date(t + k * 60_000).toISOString());
  }
  return out;
}

describe('empty_periods: local days', () => {
  it('counts events on the right local day across the March DST change (America/New_York)', () => {
    const counts = dayCounts([
      '2025-03-09T04:30:00Z', // 23:30 EST, March 8
      '2025-03-09T06:59:00Z', // 01:59 EST, March 9
      '2025-03-09T07:00:00Z', // 03:00 EDT, March 9 (02:00–03:00 does not exist)
      '2025-03-10T03:59:00Z', // 23:59 EDT, March 9
      '2025-03-10T04:00:00Z', // 00:00 EDT, March 10
    ], '2025-03-01..2025-03-31', 'America/New_York');
    expect([counts[7], counts[8], counts[9]]).toEqual([1, 3, 1]);
  });

  it('counts events on the right local day across the November DST change', () => {
    const counts = dayCounts([
      '2025-11-02T03:59:00Z', // 23:59 EDT, November 1
      '2025-11-02T04:00:00Z', // 00:00 EDT, November 2
      '2025-11-02T06:30:00Z', // 01:30 EST (the second 01:30), November 2
      '2025-11-03T04:59:00Z', // 23:59 EST, November 2
      '2025-11-03T05:00:00Z', // 00:00 EST, November 3
    ], '2025-11-01..2025-11-30', 'America/New_York');
    expect([counts[0], counts[1], counts[2]]).toEqual([1, 3, 1]);
  });

  it('handles the leap day 2024-02-29 in the day, week and month buckets', async () => {
    const r = await check(['2024-02-28T23:00:00Z', '2024-02-29T00:00:00Z', '2024-02-29T23:59:59Z', '2024-03-01T00:00:00Z'], '2024-02-01..2024-03-31', 'UTC', { calendar: 'all' });
    expect(dayCounts(['2024-02-29T12:00:00Z'], '2024-02-01..2024-03-31', 'UTC')[28]).toBe(1);
    const feb = r.evidence!.months.find((m) => m.bucket === '2024-02')!;
    expect(feb).toMatchObject({ start: '2024-02-01', end: '2024-02-29', days: 29, count: 3 });
    expect(r.evidence!.weeks.find((w) => w.bucket === '2024-W09')!).toMatchObject({ start: '2024-02-26', end: '2024-03-03', count: 4 });
  });
});

describe('empty_periods: low buckets', () => {
  it('flags an empty month, its weeks and its business days, never weekends', async () => {
    const times = everyBusinessDay('2025-01-01', '2025-03-31', 10, (iso) => iso.startsWith('2025-02'));
    const r = await check(times, '2025-01-01..2025-03-31');
    expect(r.status).toBe('warn');
    expect(r.evidence!.months.map((m) => [m.bucket, m.count, m.low])).toEqual([['2025-01', 230, false], ['2025-02', 0, true], ['2025-03', 210, false]]);
    expect(r.evidence!.months[1]!.expected).toBe(200); // 20 business days × median 10 per business day
    expect(r.evidence!.low.day).toBe(20);
    expect(r.evidence!.lowDays.items.every((d) => d.bucket.startsWith('2025-02') && d.businessDays === 1)).toBe(true);
    expect(r.evidence!.low.week).toBe(4); // W06–W09 entirely in February; W05 and W10 straddle into busy months
    expect(r.summary).toContain('low: 1 month(s) (2025-02)');
  });

  it('treats holidays as non-business days', async () => {
    const times = everyBusinessDay('2025-12-01', '2025-12-31', 10, (iso) => iso === '2025-12-25');
    expect((await check(times, '2025-12-01..2025-12-31')).evidence!.low.day).toBe(1);
    const withHoliday = await check(times, '2025-12-01..2025-12-31', 'UTC', { holidays: ['2025-12-25'] });
    expect(withHoliday.evidence!.low.day).toBe(0);
    expect(withHoliday.status).toBe('pass');
  });

  it('judges a partial week at the period edge by its own business days', async () => {
    // Period starts on Friday 2025-08-01: W31 holds one business day inside the period.
    const times = everyBusinessDay('2025-08-01', '2025-08-31', 10);
    const r = await check(times, '2025-08-01..2025-08-31');
    expect(r.evidence!.weeks[0]).toMatchObject({ bucket: '2025-W31', days: 3, businessDays: 1, count: 10, expected: 10, low: false });
    expect(r.status).toBe('pass');
  });

  it('does not flag quiet days of a sparse population (Poisson guard)', async () => {
    // Two changes a week, one week without any: expected 2, P(0) = 13.5 % → not low.
    const times = everyBusinessDay('2025-01-01', '2025-06-30', 1, (iso) => ![1, 4].includes(new Date(iso).getUTCDay()) || (iso >= '2025-03-10' && iso <= '2025-03-14'));
    const r = await check(times, '2025-01-01..2025-06-30');
    expect(r.evidence!.empty.week).toBe(1);
    expect(r.evidence!.low).toEqual({ day: 0, week: 0, month: 0 });
    expect(r.status).toBe('pass');
  });

  it('uses lowRatio as a parameter', async () => {
    const times = everyBusinessDay('2025-01-01', '2025-03-31', 10, (iso) => iso.startsWith('2025-02') && iso > '2025-02-14');
    expect((await check(times, '2025-01-01..2025-03-31')).evidence!.months[1]!.low).toBe(false); // 100 of 200
    expect((await check(times, '2025-01-01..2025-03-31', 'UTC', { lowRatio: 0.6 })).evidence!.months[1]!.low).toBe(true);
  });

  it('warns when the period holds no event at all', async () => {
    const r = await check(['2024-06-01T00:00:00Z'], '2025-01-01..2025-03-31');
    expect(r.status).toBe('warn');
    expect(r.evidence!.empty.month).toBe(3);
  });

  it('keeps the per-month table for every month of the period, in the period zone', async () => {
    const r = await check(['2025-02-01T03:00:00Z'], '2025-01-01..2025-12-31', 'America/New_York');
    expect(r.evidence!.months).toHaveLength(12);
    expect(r.evidence!.months[0]!.count).toBe(1); // 22:00 on January 31 in New York
    expect(completenessPlan({ meta, period: parsePeriod('2025-01-01..2025-12-31', 'America/New_York') }).context.days.count).toBe(365);
  });
});

describe('empty_periods: the empty days are listed', () => {
  it('names each business day without an event, in date order', async () => {
    const skipped = new Set(['2025-03-04', '2025-03-12', '2025-03-13']);
    const r = await check(everyBusinessDay('2025-03-01', '2025-03-31', 2, (iso) => skipped.has(iso)), '2025-03-01..2025-03-31');
    expect(r.evidence!.empty.day).toBe(3);
    expect(r.evidence!.emptyDays.total).toBe(3);
    expect(r.evidence!.emptyDays.items.map((d) => d.bucket)).toEqual(['2025-03-04', '2025-03-12', '2025-03-13']);
    expect(r.summary).toContain('3 business day(s) (2025-03-04, 2025-03-12, 2025-03-13)');
  });
});
