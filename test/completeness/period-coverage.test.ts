import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/period/period.js';
import { runCompleteness, type CheckResultFor, type CompletenessParams } from '../../src/completeness/index.js';
import type { Kind } from '../../src/population/kinds.js';
import { chunkOf, metaOf, type Row } from './helpers.js';

async function coverage(deploys: (string | null)[], params: CompletenessParams = {}, period = '2025-01-01..2025-12-31', zone = 'UTC', kind: Kind = 'change') {
  const rows: Row[] = deploys.map((d, i) => ({ change_id: `CHG${i + 1}`, deployed_at: d }));
  const report = await runCompleteness({ meta: metaOf(kind, ['change_id', 'deployed_at']), chunks: rows.length ? [chunkOf(rows, kind)] : [], period: parsePeriod(period, zone), params });
  return report.checks.find((c) => c.id === 'period_coverage') as CheckResultFor<'period_coverage'>;
}

describe('period_coverage', () => {
  it('warns when the first event comes 12 days after the period start', async () => {
    const r = await coverage(['2025-01-13T09:00:00Z', '2025-06-01T09:00:00Z', '2025-12-30T09:00:00Z']);
    expect(r.status).toBe('warn');
    expect(r.evidence).toMatchObject({ inPeriod: 3, daysBeforeFirst: 12, daysAfterLast: 1 });
    expect(r.evidence!.first).toMatchObject({ record: 1, key: 'CHG1', at: '2025-01-13T09:00:00Z' });
    expect(r.summary).toContain('first deployed_at 2025-01-13 (12 day(s) after the period start 2025-01-01)');
  });

  it('counts business days at the edges (Jan 1 2025 was a Wednesday)', async () => {
    const r = await coverage(['2025-01-13T09:00:00Z', '2025-12-30T09:00:00Z'], { holidays: ['2025-01-01'] });
    // Jan 1 (holiday), 2, 3, 6, 7, 8, 9, 10 → 7 business days without activity; Dec 31 after the last.
    expect(r.evidence!.businessDaysBeforeFirst).toBe(7);
    expect(r.evidence!.businessDaysAfterLast).toBe(1);
  });

  it('passes at exactly the warn threshold (strictly more warns) and fails beyond the fail threshold', async () => {
    expect((await coverage(['2025-01-08T00:00:00Z', '2025-12-31T23:59:59Z'])).status).toBe('pass'); // 7 days
    const cut = await coverage(['2025-01-02T00:00:00Z', '2025-11-15T12:00:00Z']); // extract cut short: 46 days
    expect(cut.status).toBe('fail');
    expect(cut.evidence!.daysAfterLast).toBe(46);
  });

  it('honours parameters and kind defaults (access reviews are quarterly)', async () => {
    expect((await coverage(['2025-01-13T09:00:00Z', '2025-12-30T09:00:00Z'], { edgeWarnDays: 12 })).status).toBe('pass');
    const reviews = await coverage(['2025-03-31T12:00:00Z', '2025-12-31T12:00:00Z'], {}, undefined, undefined, 'access_review');
    expect(reviews.parameters).toMatchObject({ edgeWarnDays: 92, edgeFailDays: 183 });
  });

  it('reads days in the period zone: 2025-01-01T03:00Z is still Dec 31 in New York', async () => {
    const r = await coverage(['2025-01-01T03:00:00Z', '2025-01-02T15:00:00Z', '2025-12-31T15:00:00Z'], {}, undefined, 'America/New_York');
    expect(r.evidence!.inPeriod).toBe(2);
    expect(r.evidence!.earliest!.at).toBe('2024-12-31T22:00:00-05:00');
    expect(r.evidence!.daysBeforeFirst).toBe(1);
  });

  it('fails on an empty population and on one entirely out of period', async () => {
    const none = await coverage([]);
    expect(none.status).toBe('fail');
    expect(none.evidence).toMatchObject({ inPeriod: 0, first: null, earliest: null });
    const outside = await coverage(['2024-03-01T00:00:00Z', '2024-11-30T00:00:00Z']);
    expect(outside.status).toBe('fail');
    expect(outside.summary).toBe("no deployed_at inside the period 2025-01-01..2025-12-31 (the population's events run from 2024-03-01T00:00:00Z to 2024-11-30T00:00:00Z)");
  });

  it('breaks ties on the same instant by the lowest record', async () => {
    const r = await coverage(['2025-01-05T00:00:00Z', '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z', '2025-12-31T00:00:00Z', '2025-12-31T00:00:00Z']);
    expect(r.evidence!.first!.record).toBe(2);
    expect(r.evidence!.last!.record).toBe(4);
  });

  it('does not run without an event field', async () => {
    const report = await runCompleteness({ meta: metaOf('generic', ['a']), chunks: [chunkOf([{ a: 'x' }], 'generic')], period: parsePeriod('2025-01-01..2025-12-31') });
    const r = report.checks.find((c) => c.id === 'period_coverage')!;
    expect(r).toMatchObject({ ran: false, status: 'not_run', evidence: null });
    expect(r.summary).toMatch(/^not run: /);
  });
});
