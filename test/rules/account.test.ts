import { describe, expect, it } from 'vitest';
import { accountState } from '../../src/rules/index.js';
import { runRule, statuses } from './helpers/run.js';

const asOf = { ctx: { asOfMs: Date.parse('2025-12-31T23:59:59Z') } };
const base = { username: 'jdoe', email: 'jdoe@x.example', employee_id: 'E1', status: 'ACTIVE', last_login: '2025-12-01T10:00:00Z', created_at: '2024-01-01T00:00:00Z' };

describe('accountState', () => {
  it('reads enabled, then suspended, then status words, then a disable date', () => {
    expect(accountState({ enabled: 0, status: 'ACTIVE' })).toBe('disabled');
    expect(accountState({ suspended: 1 })).toBe('disabled');
    expect(accountState({ status: 'DEPROVISIONED' })).toBe('disabled');
    expect(accountState({ status: 'LOCKED_OUT' })).toBe('active');
    expect(accountState({ status: 'Suspended' })).toBe('disabled');
    expect(accountState({ disabledAt: 1 })).toBe('disabled');
    expect(accountState({ status: 'whatever' })).toBe('active');
  });
});

describe('account rules', () => {
  it('traces each account to a person by employee id or email', () => {
    const out = runRule('account', 'account.owner_identified', [base, { ...base, username: 'svc-backup', employee_id: '', email: '' }, { ...base, username: 'x', employee_id: '' }]);
    expect(statuses(out)).toEqual(['pass', 'exception', 'pass']);
    expect(out[1]).toMatchObject({ message: 'The account has no employee id and no email: it cannot be traced to a person.' });
  });

  it('flags active accounts without a login for more than dormant_days at the period end', () => {
    const out = runRule('account', 'account.not_dormant', [
      base,
      { ...base, username: 'old', last_login: '2025-09-01T10:00:00Z' },
      { ...base, username: 'gone', status: 'DEPROVISIONED', last_login: '2024-01-01T10:00:00Z' },
      { ...base, username: 'never', last_login: '', created_at: '2025-12-20T00:00:00Z' },
      { ...base, username: 'never-old', last_login: '' },
    ], asOf);
    expect(statuses(out)).toEqual(['pass', 'exception', 'not_applicable', 'pass', 'exception']);
    expect(out[1]).toMatchObject({ message: 'Active, with no login for 121 calendar days at 2025-12-31T23:59:59Z; the limit is 90 calendar days.' });
    expect(statuses(runRule('account', 'account.not_dormant', [{ ...base, username: 'old', last_login: '2025-09-01T10:00:00Z' }], { params: ['dormant_days=180d'], ...asOf }))).toEqual(['pass']);
  });
});
