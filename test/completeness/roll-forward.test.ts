import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/period/period.js';
import { runCompleteness, type CheckResultFor, type CompletenessParams } from '../../src/completeness/index.js';
import { chunkOf, headersOf, metaOf, type Row } from './helpers.js';

const period = parsePeriod('2025-01-01..2025-12-31');

async function roll(kind: 'access_grant' | 'generic', rows: Row[], params: CompletenessParams) {
  const headers = headersOf(rows);
  const types: Record<string, 'timestamp'> = kind === 'generic' ? { created_at: 'timestamp', disabled_at: 'timestamp' } : {};
  const meta = metaOf(kind, headers, kind === 'generic' ? { mapped: ['account', 'created_at', 'disabled_at'], key: ['account'], eventTime: 'created_at' } : {});
  const report = await runCompleteness({ meta, chunks: [chunkOf(rows, kind, { types })], period, params });
  return report.checks.find((c) => c.id === 'roll_forward') as CheckResultFor<'roll_forward'>;
}

const grants: Row[] = [
  ...Array.from({ length: 5 }, (_, i) => ({ grant_id: `G${i}`, user_id: `u${i}`, granted_at: `2025-0${i + 1}-10T09:00:00Z` })),
  { grant_id: 'G9', user_id: 'u9', granted_at: '2024-11-10T09:00:00Z' },
];

describe('roll_forward', () => {
  it('ties given start/end/removes to the adds counted from the population', async () => {
    const r = await roll('access_grant', grants, { rollForward: { start: 100, end: 103, removes: 2 } });
    expect(r.status).toBe('pass');
    expect(r.evidence).toMatchObject({ start: { value: 100, source: 'given' }, adds: { value: 5, source: 'counted' }, removes: { value: 2, source: 'given' }, computedEnd: 103, difference: 0 });
    expect(r.evidence!.equation).toBe('100 + 5 − 2 = 103; end 103; difference 0');
  });

  it('fails with the difference when the equation does not hold', async () => {
    const r = await roll('access_grant', grants, { rollForward: { start: 100, end: 104, removes: 2 } });
    expect(r).toMatchObject({ status: 'fail', evidence: { difference: -1 } });
    expect(r.summary).toBe('start 100 + adds 5 − removes 2 = 103 ≠ end 104 (difference -1)');
  });

  it('counts every term from added/removed timestamps of a snapshot', async () => {
    const rows: Row[] = [
      { account: 'a', created_at: '2024-06-01T00:00:00Z', disabled_at: null }, // start, end
      { account: 'b', created_at: '2024-06-01T00:00:00Z', disabled_at: '2025-03-01T00:00:00Z' }, // start, removed
      { account: 'c', created_at: '2025-02-01T00:00:00Z', disabled_at: null }, // added, end
      { account: 'd', created_at: '2025-02-01T00:00:00Z', disabled_at: '2025-05-01T00:00:00Z' }, // added, removed
      { account: 'e', created_at: '2024-01-01T00:00:00Z', disabled_at: '2024-06-01T00:00:00Z' }, // gone before
      { account: 'f', created_at: null, disabled_at: null }, // undated
    ];
    const r = await roll('generic', rows, { rollForward: { removedField: 'disabled_at' } });
    expect(r.evidence).toMatchObject({ start: { value: 2 }, adds: { value: 2 }, removes: { value: 2 }, end: { value: 2, source: 'counted' }, undated: 1, difference: 0 });
    expect(r.status).toBe('warn'); // ties, but one row has no added time
    const given = await roll('generic', rows, { rollForward: { removedField: 'disabled_at', end: 3 } });
    expect(given.status).toBe('fail');
  });

  it('is not run unless asked, and refuses to count removes without a removal timestamp', async () => {
    expect(await roll('access_grant', grants, {})).toMatchObject({ ran: false, status: 'not_run' });
    await expect(roll('access_grant', grants, { rollForward: { start: 1, end: 2 } })).rejects.toMatchObject({ code: 'TM_ERR_INVALID_OPTION' });
  });
});
