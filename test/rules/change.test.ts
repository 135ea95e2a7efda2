import { describe, expect, it } from 'vitest';
import { runAll, runRule, statuses } from './helpers/run.js';

const base = {
  change_id: 'CHG1', type: 'normal', requester: 'Ann Lee', approver: 'Bob Roy', approved_at: '2025-01-02T09:00:00Z',
  implementer: 'Cy Dow', deployed_at: '2025-01-02T10:00:00Z', test_evidence: 'TEST-1', tested_at: '2025-01-02T08:00:00Z',
  pir_at: '', ticket_ref: 'JIRA-1',
};
const row = (over: Record<string, string>) => ({ ...base, ...over });

describe('change.approval_present', () => {
  it('passes with approver and date, fails on a blank approver or an unparseable date, N/A for standard changes', () => {
    const out = runRule('change', 'change.approval_present', [
      row({}),
      row({ change_id: 'CHG2', approver: '' }),
      row({ change_id: 'CHG3', approved_at: 'soon' }),
      row({ change_id: 'CHG4', type: 'Standard', approver: '' }),
    ]);
    expect(statuses(out)).toEqual(['pass', 'exception', 'exception', 'not_applicable']);
    expect(out[1]).toMatchObject({ message: 'No approver is recorded for the change.' });
    expect(out[2]).toMatchObject({ message: 'No approval date is recorded (approved_at is unparseable ("soon")).', observed: { approved_at: 'soon' } });
    expect(out[3]).toMatchObject({ reason: expect.stringContaining('pre-approved') });
  });

  it('is manual when neither approver nor approved_at is in the population', () => {
    const { approver, approved_at, ...rest } = base;
    void approver; void approved_at;
    expect(statuses(runRule('change', 'change.approval_present', [rest]))).toEqual(['manual']);
  });
});

describe('change.approved_before_deploy', () => {
  it('passes earlier and equal timestamps, fails a later approval, N/A when not deployed or standard', () => {
    const out = runRule('change', 'change.approved_before_deploy', [
      row({}),
      row({ change_id: 'CHG2', approved_at: '2025-01-02T10:00:00Z' }),
      row({ change_id: 'CHG3', approved_at: '2025-01-02T12:30:00Z' }),
      row({ change_id: 'CHG4', deployed_at: '' }),
      row({ change_id: 'CHG5', type: 'standard', approved_at: '' }),
      row({ change_id: 'CHG6', approved_at: '' }),
      row({ change_id: 'CHG7', deployed_at: '2025-13-45' }),
    ]);
    expect(statuses(out)).toEqual(['pass', 'pass', 'exception', 'not_applicable', 'not_applicable', 'exception', 'exception']);
    expect(out[2]).toEqual({
      status: 'exception',
      message: 'Approved 2025-01-02T12:30:00Z, 2 hours 30 minutes after the deployment at 2025-01-02T10:00:00Z.',
      observed: { approved_at: '2025-01-02T12:30:00Z', deployed_at: '2025-01-02T10:00:00Z' },
    });
    expect(out[3]).toMatchObject({ reason: 'deployed_at is blank: the change was not deployed' });
    expect(out[5]).toMatchObject({ message: 'No approval date is recorded (approved_at is blank).' });
    expect(out[6]).toMatchObject({ message: expect.stringContaining('unparseable ("2025-13-45")') });
  });

  it('renders observed timestamps in the calendar zone', () => {
    const [o] = runRule('change', 'change.approved_before_deploy', [row({ approved_at: '2025-07-02T23:00:00Z', deployed_at: '2025-07-02T22:00:00Z' })], { zone: 'America/New_York' });
    expect(o).toMatchObject({ observed: { approved_at: '2025-07-02T19:00:00-04:00', deployed_at: '2025-07-02T18:00:00-04:00' } });
  });
});

describe('segregation: approver ≠ requester / implementer', () => {
  it('treats case and whitespace differences as the same person by default', () => {
    const out = runRule('change', 'change.approver_not_requester', [
      row({}),
      row({ change_id: 'CHG2', approver: 'J.Smith', requester: ' j.smith ' }),
      row({ change_id: 'CHG3', approver: 'Jane  Smith', requester: 'jane smith' }),
      row({ change_id: 'CHG4', requester: '' }),
      row({ change_id: 'CHG5', type: 'standard', approver: 'x', requester: 'x' }),
    ]);
    expect(statuses(out)).toEqual(['pass', 'exception', 'exception', 'exception', 'not_applicable']);
    expect(out[1]).toMatchObject({ message: 'The approver "J.Smith" is also the requester "j.smith" (same person once case and spacing are ignored).' });
    expect(out[3]).toMatchObject({ message: 'No requester is recorded, so segregation from the approver cannot be shown.' });
  });

  it('compares exactly with strict_names=true', () => {
    const rows = [row({ approver: 'J.Smith', implementer: 'j.smith' }), row({ change_id: 'CHG2', approver: 'J.Smith', implementer: 'J.Smith' })];
    expect(statuses(runRule('change', 'change.approver_not_implementer', rows, { params: ['strict_names=true'] }))).toEqual(['pass', 'exception']);
    expect(statuses(runRule('change', 'change.approver_not_implementer', rows))).toEqual(['exception', 'exception']);
    expect(statuses(runRule('change', 'change.approver_not_implementer', [row({ type: 'standard', approver: 'a', implementer: 'A' })]))).toEqual(['not_applicable']);
  });
});

describe('change.tested_before_deploy', () => {
  it('needs evidence and, with tested_at mapped, a test no later than deployment', () => {
    const out = runRule('change', 'change.tested_before_deploy', [
      row({}),
      row({ change_id: 'CHG2', tested_at: '2025-01-02T10:00:00Z' }),
      row({ change_id: 'CHG3', tested_at: '2025-01-03T10:00:00Z' }),
      row({ change_id: 'CHG4', test_evidence: '' }),
      row({ change_id: 'CHG5', tested_at: '' }),
      row({ change_id: 'CHG6', deployed_at: '' }),
      row({ change_id: 'CHG7', type: 'standard', test_evidence: '' }),
    ], { params: ['untested_types=standard'] });
    expect(statuses(out)).toEqual(['pass', 'pass', 'exception', 'exception', 'exception', 'not_applicable', 'not_applicable']);
    expect(out[2]).toMatchObject({ message: 'Tested 2025-01-03T10:00:00Z, 24 hours after the deployment at 2025-01-02T10:00:00Z.' });
    expect(out[4]).toMatchObject({ message: 'Test evidence is recorded but no test date (tested_at is blank).' });
  });

  it('without tested_at mapped, evidence alone passes', () => {
    const { tested_at, ...rest } = base;
    void tested_at;
    expect(statuses(runRule('change', 'change.tested_before_deploy', [rest]))).toEqual(['pass']);
  });
});

describe('change.emergency_pir', () => {
  // Friday 2025-01-03 deployment; PIR limit 2 business days; 2025-01-06 (Monday) is a holiday here.
  const em = (over: Record<string, string>) => row({ type: 'Emergency', deployed_at: '2025-01-03T15:00:00Z', ...over });
  it('counts business days across a weekend and a holiday', () => {
    const out = runRule('change', 'change.emergency_pir', [
      em({ pir_at: '2025-01-08T09:00:00Z' }), // Tue 7 (1), Wed 8 (2) → 2: pass
      em({ pir_at: '2025-01-09T09:00:00Z' }), // 3 → exception
      em({ pir_at: '' }),
      em({ pir_at: 'n/a' }),
      row({ pir_at: '' }), // normal change
      em({ deployed_at: '' }),
    ], { params: ['pir_days=2bd'], holidays: ['2025-01-06'] });
    expect(statuses(out)).toEqual(['pass', 'exception', 'exception', 'exception', 'not_applicable', 'not_applicable']);
    expect(out[1]).toMatchObject({ message: 'Post-implementation review 3 business days after deployment; the limit is 2 business days.', observed: { elapsed_days: 3 } });
    expect(out[2]).toMatchObject({ message: 'The emergency change has no post-implementation review date (pir_at is blank).' });
    expect(out[4]).toMatchObject({ reason: 'normal type: not an emergency change' });
  });

  it('without the holiday the same review is within 2 business days only up to Tuesday', () => {
    const out = runRule('change', 'change.emergency_pir', [em({ pir_at: '2025-01-07T09:00:00Z' }), em({ pir_at: '2025-01-08T09:00:00Z' })], { params: ['pir_days=2bd'] });
    expect(statuses(out)).toEqual(['pass', 'exception']);
  });

  it('calendar days when the limit is written in days', () => {
    const out = runRule('change', 'change.emergency_pir', [em({ pir_at: '2025-01-06T23:59:00Z' }), em({ pir_at: '2025-01-07T00:00:00Z' })], { params: ['pir_days=3'] });
    expect(statuses(out)).toEqual(['pass', 'exception']);
  });
});

describe('change.ticket_linked', () => {
  it('passes with a ticket, fails without, N/A for exempt types', () => {
    const out = runRule('change', 'change.ticket_linked', [row({}), row({ change_id: 'CHG2', ticket_ref: ' ' }), row({ change_id: 'CHG3', type: 'standard', ticket_ref: '' })], { params: ['unticketed_types=Standard'] });
    expect(statuses(out)).toEqual(['pass', 'exception', 'not_applicable']);
  });
});

describe('change manual attribute', () => {
  it('is an empty column to tick (manual), N/A for untested types', () => {
    const out = runRule('change', 'change.testing_inspected', [row({}), row({ change_id: 'CHG2', type: 'standard' })], { params: ['untested_types=standard'] });
    expect(statuses(out)).toEqual(['manual', 'not_applicable']);
  });
});

describe('the change rule set', () => {
  it('lists the attributes in matrix order with letters', () => {
    const run = runAll('change', [row({})]);
    expect(run.attributes.map((a) => `${a.attribute}:${a.rule}`)).toEqual([
      'A:change.approval_present', 'B:change.approved_before_deploy', 'C:change.approver_not_requester', 'D:change.approver_not_implementer',
      'E:change.tested_before_deploy', 'F:change.emergency_pir', 'G:change.ticket_linked', 'H:change.testing_inspected',
    ]);
    expect(run.attributes[0]!.label).toBe('A — Approval present');
    expect(run.overall).toEqual({ items: 1, tested: 1, deviations: 0, notApplicable: 0, manual: 1, missing: 0 });
  });

  it('an item with several exceptions counts once overall', () => {
    const run = runAll('change', [row({ approver: 'Ann Lee', approved_at: '2025-01-03T00:00:00Z' }), row({ change_id: 'CHG2' })]);
    expect(run.attributes.filter((a) => a.deviations > 0).map((a) => a.attribute)).toEqual(['B', 'C']);
    expect(run.overall.deviations).toBe(1);
    expect(run.findings.map((f) => [f.key, f.attribute])).toEqual([['CHG1', 'B'], ['CHG1', 'C']]);
  });
});
