import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/period/period.js';
import { runCompleteness, type CheckResultFor, type CompletenessParams } from '../../src/completeness/index.js';
import { chunkOf, metaOf, splitChunk } from './helpers.js';

const amounts = (list: (string | null)[], at = '2025-03-01T00:00:00Z') => list.map((amount, i) => ({ change_id: `CHG${i + 1}`, deployed_at: at, amount }));

async function total(list: (string | null)[], params: CompletenessParams, chunks = 1, times?: string[]) {
  const rows = amounts(list).map((r, i) => (times ? { ...r, deployed_at: times[i]! } : r));
  const chunk = chunkOf(rows, 'change');
  const report = await runCompleteness({
    meta: metaOf('change', ['change_id', 'deployed_at', 'amount'], { rows: { total: rows.length + 1, accepted: rows.length, malformed: 1 } }),
    chunks: splitChunk(chunk, Array(chunks).fill(Math.ceil(rows.length / chunks))), period: parsePeriod('2025-01-01..2025-12-31'), params,
  });
  return report.checks.find((c) => c.id === 'control_total') as CheckResultFor<'control_total'>;
}

describe('control_total', () => {
  it('sums decimals exactly where floating point does not (0.1 + 0.2)', async () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    const r = await total(['0.1', '0.2'], { expectSum: { field: 'amount', amount: '0.3' } });
    expect(r.status).toBe('pass');
    expect(r.evidence!.sum).toMatchObject({ counted: '0.3', expected: '0.3', difference: '0.0' });
  });

  it('adds ten 0.10 to exactly 1.00 across chunks, and reads the ingest number grammar', async () => {
    expect((await total(Array(10).fill('0.10'), { expectSum: { field: 'amount', amount: 1 } }, 3)).evidence!.sum!.counted).toBe('1.00');
    const r = await total(['$1,234.50', '(34.50)', '1e2', null], { expectSum: { field: 'amount', amount: '1300' } });
    expect(r.evidence!.sum).toMatchObject({ counted: '1300.00', blank: 1, invalid: 0 });
    expect(r.status).toBe('pass');
  });

  it('keeps every digit beyond 2^53', async () => {
    const r = await total(['9007199254740993.01', '9007199254740993.01', '9007199254740993.01'], { expectSum: { field: 'amount', amount: '27021597764222979.03' } }, 2);
    expect(r.status).toBe('pass');
    expect(r.evidence!.sum!.counted).toBe('27021597764222979.03');
  });

  it('fails on a difference and shows it exactly', async () => {
    const r = await total(['100.00', '200.00'], { expectSum: { field: 'amount', amount: '300.01' }, expectCount: 3 });
    expect(r.status).toBe('fail');
    expect(r.evidence!.sum!.difference).toBe('-0.01');
    expect(r.evidence!.count).toEqual({ counted: 2, expected: 3, difference: -1 });
    expect(r.summary).toBe('2 record(s) counted vs 3 expected (difference -1); sum of amount 300.00 vs 300.01 expected (difference -0.01)');
  });

  it('fails when an amount cannot be read, and lists it', async () => {
    const r = await total(['10', 'ten', '5'], { expectSum: { field: 'amount', amount: '15' } });
    expect(r.status).toBe('fail');
    expect(r.evidence!.sum!.invalidRows.items).toEqual([{ record: 2, line: 3, key: 'CHG2', value: 'ten' }]);
  });

  it('passes on an equal count and shows malformed rows beside it', async () => {
    const r = await total(['1', '2', '3'], { expectCount: 3 });
    expect(r).toMatchObject({ status: 'pass', ran: true, summary: '3 record(s) = 3 expected' });
    expect(r.evidence!.rows).toMatchObject({ total: 4, accepted: 3, malformed: 1, counted: 3 });
  });

  it('counts only rows in the period with controlScope in_period', async () => {
    const r = await total(['1', '2', '3'], { expectCount: 2, expectSum: { field: 'amount', amount: '3' }, controlScope: 'in_period' }, 1, ['2025-01-01T00:00:00Z', '2025-12-31T00:00:00Z', '2026-01-01T00:00:00Z']);
    expect(r.status).toBe('pass');
  });

  it('does not run (and claims no tie-out) without an expectation', async () => {
    const r = await total(['1', '2'], {});
    expect(r).toMatchObject({ ran: false, status: 'not_run', summary: 'not run: no control total given by the system owner (counted 2 record(s))' });
    expect(r.evidence!.count.expected).toBeNull();
  });

  it('rejects an amount that is not a number', async () => {
    await expect(total(['1'], { expectSum: { field: 'amount', amount: 'lots' } })).rejects.toMatchObject({ code: 'TM_ERR_INVALID_OPTION' });
    await expect(total(['1'], { expectSum: { field: 'nope', amount: '1' } })).rejects.toMatchObject({ code: 'TM_ERR_INVALID_OPTION' });
  });
});
