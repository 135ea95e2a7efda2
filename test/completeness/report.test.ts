import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/period/period.js';
import { checkIds, renderReportText, runCompleteness, statusLabel, worstStatus, type CheckStatus, type CompletenessParams } from '../../src/completeness/index.js';
import { chunkOf, headersOf, metaOf, type Row } from './helpers.js';

const period = parsePeriod('2025-01-01..2025-01-31', 'America/New_York');

/** One clean change a day through January 2025 (New York noon). */
function cleanRows(): Row[] {
  return Array.from({ length: 31 }, (_, i) => ({
    change_id: `CHG${String(i + 1).padStart(4, '0')}`,
    deployed_at: `2025-01-${String(i + 1).padStart(2, '0')}T12:00:00-05:00`,
    approved_at: `2025-01-${String(i + 1).padStart(2, '0')}T09:00:00-05:00`,
    requester: 'ann', approver: 'cat', implementer: 'bob', amount: '10.10',
  }));
}

async function report(rows: Row[], params: CompletenessParams = {}) {
  const headers = rows.length ? headersOf(rows) : Object.keys(cleanRows()[0]!);
  return runCompleteness({ meta: metaOf('change', headers, { rows: { total: rows.length, accepted: rows.length, malformed: 0 } }), chunks: rows.length ? [chunkOf(rows, 'change', { headers })] : [], period, params });
}

describe('completeness report', () => {
  it('has every check, in order, and passes a clean population', async () => {
    const r = await report(cleanRows(), { expectCount: 31, expectSum: { field: 'amount', amount: '313.10' } });
    expect(r.checks.map((c) => c.id)).toEqual([...checkIds]);
    expect(r.checks.filter((c) => c.status !== 'pass' && c.status !== 'not_run').map((c) => [c.id, c.summary])).toEqual([]);
    expect(r.checks.filter((c) => c.status === 'not_run').map((c) => c.id)).toEqual(['tie_out', 'roll_forward']);
    expect(r.status).toBe('pass');
    expect(r.population).toEqual({ id: 'change-test', kind: 'change', sha256: 'ab'.repeat(32), rows: 31 });
    expect(r.period).toMatchObject({ start: '2025-01-01', end: '2025-01-31', timeZone: 'America/New_York' });
    expect(r.checks.filter((c) => !c.ran).map((c) => c.id)).toEqual(['tie_out', 'roll_forward']);
  });

  it('takes the worst status of its checks', async () => {
    const warnOnly = cleanRows();
    warnOnly[3]!.approver = null; // blank_required: warn
    const warn = await report(warnOnly);
    expect(warn.checks.filter((c) => c.status !== 'pass' && c.status !== 'not_run').map((c) => c.id)).toEqual(['blank_required']);
    expect(warn.status).toBe('warn');
    const failToo = [...warnOnly, { ...warnOnly[0]! }]; // duplicate key and row: fail
    const fail = await report(failToo);
    expect(fail.status).toBe('fail');
    expect(fail.checks.find((c) => c.id === 'blank_required')!.status).toBe('warn');
  });

  it('worstStatus is fail > warn > pass > not_run for every combination', () => {
    const all: CheckStatus[] = ['not_run', 'pass', 'warn', 'fail'];
    for (const a of all) for (const b of all) for (const c of all) {
      const list = [a, b, c];
      const expected = list.includes('fail') ? 'fail' : list.includes('warn') ? 'warn' : list.includes('pass') ? 'pass' : 'not_run';
      expect(worstStatus(list)).toBe(expected);
    }
    expect(worstStatus([])).toBe('not_run');
  });

  it('reports an empty population: coverage fails, nothing else invents findings', async () => {
    const r = await report([]);
    const status = Object.fromEntries(r.checks.map((c) => [c.id, statusLabel(c)]));
    expect(status).toEqual({
      period_coverage: 'fail', out_of_period: 'pass', empty_periods: 'warn', sequence_gaps: 'not run', duplicate_keys: 'pass', duplicate_rows: 'pass',
      blank_required: 'pass', malformed_rows: 'pass', control_total: 'not run', tie_out: 'not run', roll_forward: 'not run',
    });
    expect(r.population.rows).toBe(0);
    expect(r.status).toBe('fail');
  });

  it('reports a population entirely out of the period', async () => {
    const rows = cleanRows().map((row) => ({ ...row, deployed_at: row.deployed_at!.replace('2025-01', '2024-06').replace('-31T', '-30T') }));
    const r = await report(rows);
    expect(r.checks.find((c) => c.id === 'out_of_period')).toMatchObject({ status: 'fail', evidence: { before: 31, after: 0 } });
    expect(r.checks.find((c) => c.id === 'period_coverage')!.status).toBe('fail');
    expect(r.status).toBe('fail');
  });

  it('records the resolved parameters', async () => {
    const r = await report(cleanRows(), { holidays: ['2025-01-20', '2025-01-01'] });
    expect(r.parameters).toMatchObject({ eventField: 'deployed_at', evidenceCap: 100, calendar: 'business', holidays: ['2025-01-01', '2025-01-20'], edgeWarnDays: 7, edgeFailDays: 31, lowRatio: 0.25, lowAlpha: 0.001, sequenceField: 'change_id', expectCount: null, tieOut: null, rollForward: null });
  });

  it('renders a text report for people', async () => {
    const rows = cleanRows();
    rows.push({ ...rows[0]!, change_id: 'CHG0040', deployed_at: '2025-02-01T00:00:00-05:00' });
    const text = renderReportText(await report(rows));
    expect(text).toContain('Completeness & accuracy — population change-test (change, 32 rows, sha256 abababababab…)');
    expect(text).toContain('Period 2025-01-01..2025-01-31 (America/New_York) — overall FAIL');
    expect(text).toMatch(/FAIL {6}out_of_period +1 row\(s\) outside the period/);
    expect(text).toContain('record 32 (line 33) CHG0040: deployed_at "2025-02-01T00:00:00-05:00" — after');
    expect(text).toContain('CHG0032 … CHG0039: 8 missing');
    expect(text).toMatch(/not run {3}tie_out +not run: no second population/);
  });
});

describe('parameter validation', () => {
  const rows = cleanRows().slice(0, 2);
  it.each([
    [{ evidenceCap: 0 }],
    [{ calendar: 'weekdays' as 'all' }],
    [{ holidays: ['2025-13-01'] }],
    [{ eventField: 'approver' }],
    [{ eventField: 'pir_at' }],
    [{ edgeWarnDays: 10, edgeFailDays: 5 }],
    [{ lowRatio: 0 }],
    [{ expectCount: -1 }],
    [{ sequenceRestart: 'monthly' as 'yearly' }],
  ])('rejects %j with TM_ERR_INVALID_OPTION', async (params) => {
    await expect(report(rows, params as CompletenessParams)).rejects.toMatchObject({ code: 'TM_ERR_INVALID_OPTION' });
  });
});
