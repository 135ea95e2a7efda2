import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/period/period.js';
import { runCompleteness, type BlankFieldRow, type CheckResultFor, type CompletenessParams } from '../../src/completeness/index.js';
import { chunkOf, headersOf, metaOf, type Row } from './helpers.js';

const at = '2025-04-01T10:00:00Z';
const full = { requester: 'ann', implementer: 'bob', approver: 'cat', approved_at: '2025-03-31T10:00:00Z' };

async function blanks(rows: Row[], params: CompletenessParams = {}, headers = headersOf(rows)) {
  const report = await runCompleteness({ meta: metaOf('change', headers), chunks: [chunkOf(rows, 'change', { headers })], period: parsePeriod('2025-01-01..2025-12-31'), params });
  const r = report.checks.find((c) => c.id === 'blank_required') as CheckResultFor<'blank_required'>;
  const field = (name: string) => r.evidence!.fields.find((f) => f.field === name) as BlankFieldRow;
  return { r, field };
}

describe('blank_required', () => {
  it('checks the kind defaults: key, event field and the fields the change tests use', async () => {
    const { r } = await blanks([{ change_id: 'CHG1', deployed_at: at, ...full }]);
    expect(r.evidence!.fields.map((f) => f.field)).toEqual(['change_id', 'deployed_at', 'approver', 'approved_at', 'requester', 'implementer']);
    expect(r.status).toBe('pass');
  });

  it('tells blank (no text) from invalid (text that did not type), per field', async () => {
    const { r, field } = await blanks([
      { change_id: 'CHG1', deployed_at: at, ...full, approver: null },
      { change_id: 'CHG2', deployed_at: 'soon', ...full, approved_at: 'yesterday' },
      { change_id: 'CHG3', deployed_at: at, ...full, approver: '  ', approved_at: null },
    ]);
    expect(field('approver')).toMatchObject({ blank: 2, invalid: 0, required: false });
    expect(field('approved_at')).toMatchObject({ blank: 1, invalid: 1 });
    expect(field('approved_at').rows.items).toEqual([
      { record: 2, line: 3, key: 'CHG2', problem: 'invalid', value: 'yesterday' },
      { record: 3, line: 4, key: 'CHG3', problem: 'blank', value: null },
    ]);
    expect(field('deployed_at')).toMatchObject({ blank: 0, invalid: 1, required: true });
    expect(r.status).toBe('fail'); // deployed_at is required
  });

  it('warns (not fails) when only non-required fields have blanks', async () => {
    const { r } = await blanks([{ change_id: 'CHG1', deployed_at: at, ...full, implementer: null }]);
    expect(r.status).toBe('warn');
    expect(r.summary).toBe('implementer 1 blank');
  });

  it('reports an unmapped field as not mapped with every row blank', async () => {
    const { r, field } = await blanks([{ change_id: 'CHG1', deployed_at: at, approver: 'x', approved_at: at, implementer: 'y' }]);
    expect(field('requester')).toMatchObject({ mapped: false, blank: 1, header: null });
    expect(r.status).toBe('warn');
  });

  it('takes requiredFields as a parameter, and flags enum values outside the list as invalid', async () => {
    const { field, r } = await blanks([{ change_id: 'CHG1', deployed_at: at, type: 'Weird' }, { change_id: 'CHG2', deployed_at: at, type: 'Normal' }], { requiredFields: ['type'] });
    expect(r.evidence!.fields.map((f) => f.field)).toEqual(['type']);
    expect(field('type')).toMatchObject({ blank: 0, invalid: 1 });
  });

  it('does not run when there is no field to check (generic population without key or event time)', async () => {
    const report = await runCompleteness({ meta: metaOf('generic', ['a']), chunks: [chunkOf([{ a: '' }], 'generic')], period: parsePeriod('2025-01-01..2025-12-31') });
    expect(report.checks.find((c) => c.id === 'blank_required')).toMatchObject({ ran: false, status: 'not_run' });
  });

  it('rejects unknown field names', async () => {
    await expect(blanks([{ change_id: 'CHG1', deployed_at: at }], { requiredFields: ['aproover'] })).rejects.toMatchObject({ code: 'TM_ERR_INVALID_OPTION' });
  });
});
