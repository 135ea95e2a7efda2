import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/period/period.js';
import { runCompleteness, type CheckResultFor, type CompletenessParams } from '../../src/completeness/index.js';
import { chunkOf, metaOf, type Row } from './helpers.js';

const NY = 'America/New_York';
const rows: Row[] = [
  { change_id: 'CHG1', deployed_at: '2024-12-31T23:59:59-05:00' }, // before (last second of the previous year)
  { change_id: 'CHG2', deployed_at: '2025-01-01T00:00:00-05:00' }, // in: first instant
  { change_id: 'CHG3', deployed_at: '2025-12-31T23:59:59-05:00' }, // in
  { change_id: 'CHG4', deployed_at: '2026-01-01T00:00:00-05:00' }, // after: first instant after the end
  { change_id: 'CHG5', deployed_at: null }, // blank
  { change_id: 'CHG6', deployed_at: 'next tuesday' }, // invalid
  { change_id: 'CHG7', deployed_at: '2025-12-31T23:59:59.999-05:00' }, // in: last millisecond
  { change_id: 'CHG8', deployed_at: '2026-01-01T04:59:59Z' }, // in: 23:59:59 EST written in UTC
  { change_id: 'CHG9', deployed_at: '2025-01-01T04:59:59Z' }, // before: 23:59:59 EST on Dec 31, 2024
];

async function check(params: CompletenessParams = {}): Promise<CheckResultFor<'out_of_period'>> {
  const chunk = chunkOf(rows, 'change');
  const report = await runCompleteness({ meta: metaOf('change', Object.keys(rows[0]!)), chunks: [chunk], period: parsePeriod('2025-01-01..2025-12-31', NY), params });
  return report.checks.find((c) => c.id === 'out_of_period') as CheckResultFor<'out_of_period'>;
}

describe('out_of_period', () => {
  it('takes the period end inclusively through 23:59:59.999 in the period zone, and nothing after', async () => {
    const r = await check();
    expect(r.status).toBe('fail');
    expect(r.evidence).toMatchObject({ before: 2, after: 1, blank: 1, invalid: 1 });
    expect(r.evidence!.rows.items.map((x) => [x.record, x.reason])).toEqual([[1, 'before'], [4, 'after'], [5, 'blank'], [6, 'invalid'], [9, 'before']]);
  });

  it('lists record, line, key, raw value and the instant in the zone', async () => {
    const r = await check();
    const after = r.evidence!.rows.items.find((x) => x.reason === 'after')!;
    expect(after).toEqual({ record: 4, line: 5, key: 'CHG4', reason: 'after', value: '2026-01-01T00:00:00-05:00', at: '2026-01-01T00:00:00-05:00' });
    const invalid = r.evidence!.rows.items.find((x) => x.reason === 'invalid')!;
    expect(invalid).toMatchObject({ value: 'next tuesday', at: null });
    expect(r.summary).toBe('5 row(s) outside the period or without a usable deployed_at: 2 before, 1 after, 1 blank, 1 invalid');
  });

  it('caps the listing at the lowest record numbers and keeps the full count', async () => {
    const r = await check({ evidenceCap: 2 });
    expect(r.evidence!.rows.total).toBe(5);
    expect(r.evidence!.rows.items.map((x) => x.record)).toEqual([1, 4]);
  });

  it('passes when every row is inside the period', async () => {
    const inside = rows.filter((_, i) => [1, 2, 6, 7].includes(i));
    const report = await runCompleteness({ meta: metaOf('change', ['change_id', 'deployed_at']), chunks: [chunkOf(inside, 'change')], period: parsePeriod('2025-01-01..2025-12-31', NY) });
    const r = report.checks.find((c) => c.id === 'out_of_period')!;
    expect(r.status).toBe('pass');
    expect(r.evidence).toMatchObject({ before: 0, after: 0, blank: 0, invalid: 0 });
  });

  it('uses the eventField override', async () => {
    const withApproval: Row[] = [
      { change_id: 'A', deployed_at: '2025-06-01T10:00:00Z', approved_at: '2024-12-30T10:00:00Z' },
      { change_id: 'B', deployed_at: '2026-02-01T10:00:00Z', approved_at: '2025-06-01T10:00:00Z' },
    ];
    const report = await runCompleteness({
      meta: metaOf('change', ['change_id', 'deployed_at', 'approved_at']), chunks: [chunkOf(withApproval, 'change')],
      period: parsePeriod('2025-01-01..2025-12-31', 'UTC'), params: { eventField: 'approved_at' },
    });
    const r = report.checks.find((c) => c.id === 'out_of_period') as CheckResultFor<'out_of_period'>;
    expect(r.evidence!.rows.items.map((x) => [x.key, x.reason])).toEqual([['A', 'before']]);
    expect(report.parameters.eventField).toBe('approved_at');
  });
});
