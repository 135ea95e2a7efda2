import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/period/period.js';
import { runCompleteness, type CheckResultFor, type CompletenessParams } from '../../src/completeness/index.js';
import { chunkOf, metaOf, splitChunk, type Row } from './helpers.js';

async function gaps(rows: Row[], params: CompletenessParams = {}, period = '2025-01-01..2025-12-31', chunks = 1) {
  const chunk = chunkOf(rows, 'change', { headers: ['change_id', 'deployed_at'] });
  const size = Math.ceil(rows.length / chunks);
  const report = await runCompleteness({ meta: metaOf('change', ['change_id', 'deployed_at']), chunks: splitChunk(chunk, Array(chunks).fill(size)), period: parsePeriod(period), params });
  return report.checks.find((c) => c.id === 'sequence_gaps') as CheckResultFor<'sequence_gaps'>;
}

const ids = (list: (string | null)[], at = '2025-06-01T00:00:00Z'): Row[] => list.map((change_id) => ({ change_id, deployed_at: at }));

describe('sequence_gaps', () => {
  it('reads the trailing digits per prefix and lists gaps as ranges', async () => {
    const r = await gaps(ids(['CHG0001', 'CHG0002', 'CHG0005', 'INC10', 'INC15', 'INC11', 'ABC', null, 'CHG0006']));
    expect(r.status).toBe('warn');
    expect(r.evidence!.gaps.items).toEqual([
      { prefix: 'CHG', year: null, from: 3, to: 4, count: 2, fromKey: 'CHG0003', toKey: 'CHG0004' },
      { prefix: 'INC', year: null, from: 12, to: 14, count: 3, fromKey: 'INC12', toKey: 'INC14' },
    ]);
    expect(r.evidence).toMatchObject({ missing: 5, numericKeys: 7, blank: 1, repeated: 0 });
    expect(r.evidence!.nonNumeric).toEqual({ total: 1, items: [{ record: 7, line: 8, key: 'ABC' }] });
    expect(r.evidence!.groups.items.map((g) => [g.prefix, g.first, g.last, g.distinct, g.missing])).toEqual([['CHG', 1, 6, 4, 2], ['INC', 10, 15, 3, 3]]);
  });

  it('keeps a year embedded in the key as part of the prefix', async () => {
    const r = await gaps(ids(['INC-2024-0998', 'INC-2024-1000', 'INC-2025-0001', 'INC-2025-0002']));
    expect(r.evidence!.gaps.items.map((g) => g.fromKey)).toEqual(['INC-2024-0999']);
  });

  it('reports a huge jump as one range without allocating per missing number', async () => {
    const r = await gaps(ids(['CHG1', 'CHG999999999999999']));
    expect(r.evidence!.gaps.items).toEqual([{ prefix: 'CHG', year: null, from: 2, to: 999999999999998, count: 999999999999997, fromKey: 'CHG2', toKey: 'CHG999999999999998' }]);
    expect(r.evidence!.missing).toBe(999999999999997);
  });

  it('counts keys with more than 15 trailing digits aside (not exactly representable)', async () => {
    const r = await gaps(ids(['X1234567890123456', 'X1', 'X2']));
    expect(r.evidence!.nonNumeric.total).toBe(1);
    expect(r.status).toBe('pass');
  });

  describe('a sequence that restarts each year', () => {
    // Period July 2024 – June 2025; numbering restarts on January 1.
    const rows: Row[] = [
      ...['CHG7', 'CHG8', 'CHG9', 'CHG11'].map((change_id, i) => ({ change_id, deployed_at: ['2024-07-15', '2024-08-15', '2024-09-15', '2024-12-31'][i] + 'T12:00:00Z' })),
      ...['CHG1', 'CHG2', 'CHG4', 'CHG7'].map((change_id, i) => ({ change_id, deployed_at: ['2025-01-01', '2025-02-15', '2025-03-15', '2025-06-30'][i] + 'T12:00:00Z' })),
    ];

    it('takes each year as its own sequence with sequenceRestart: yearly', async () => {
      const r = await gaps(rows, { sequenceRestart: 'yearly' }, '2024-07-01..2025-06-30');
      expect(r.evidence!.gaps.items.map((g) => [g.year, g.from, g.to])).toEqual([[2024, 10, 10], [2025, 3, 3], [2025, 5, 6]]);
      expect(r.evidence!.repeated).toBe(0);
    });

    it('without it, reports gaps within the observed set and the repeats that betray the restart', async () => {
      const r = await gaps(rows, {}, '2024-07-01..2025-06-30');
      expect(r.evidence!.gaps.items.map((g) => [g.from, g.to])).toEqual([[3, 3], [5, 6], [10, 10]]);
      expect(r.evidence!.repeated).toBe(1);
      expect(r.summary).toContain("set sequenceRestart: 'yearly'");
    });
  });

  it('gives the same result whatever the chunking and row order', async () => {
    const list = Array.from({ length: 60 }, (_, i) => (i % 7 === 3 ? null : `CHG${String(1000 + ((i * 37) % 60) * (i % 5 === 0 ? 2 : 1)).padStart(6, '0')}`));
    const one = await gaps(ids(list));
    expect(await gaps(ids(list), {}, undefined, 4)).toEqual(one);
    expect(await gaps(ids([...list].reverse()), {}, undefined, 3)).toMatchObject({ evidence: { gaps: one.evidence!.gaps, groups: one.evidence!.groups, missing: one.evidence!.missing } });
  });

  it('does not run without a single key field or numbered keys', async () => {
    expect((await gaps(ids(['ABC', 'DEF']))).ran).toBe(false);
    const report = await runCompleteness({ meta: metaOf('termination', ['employee_id', 'account_id', 'termination_date']), chunks: [], period: parsePeriod('2025-01-01..2025-12-31') });
    expect(report.checks.find((c) => c.id === 'sequence_gaps')).toMatchObject({ ran: false, status: 'not_run' });
  });
});
