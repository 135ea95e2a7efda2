import { describe, expect, it } from 'vitest';
import { runRule, statuses } from './helpers/run.js';

const base = {
  grant_id: 'G1', user_id: 'jdoe', system: 'ERP', role: 'Finance', request_id: 'REQ-1',
  approver: 'M.Manager', approved_at: '2025-03-03T09:00:00Z', granted_at: '2025-03-04T09:00:00Z',
};
const row = (over: Record<string, string>) => ({ ...base, ...over });

describe('access_grant.request_present', () => {
  it('passes with a request, fails without, N/A for birthright roles', () => {
    const out = runRule('access_grant', 'access_grant.request_present', [row({}), row({ grant_id: 'G2', request_id: '' }), row({ grant_id: 'G3', role: ' all staff ', request_id: '' })], { params: ['birthright_roles=All Staff|VPN'] });
    expect(statuses(out)).toEqual(['pass', 'exception', 'not_applicable']);
    expect(out[2]).toMatchObject({ reason: 'role "all staff" is granted automatically (birthright_roles = All Staff, VPN)' });
  });
});

describe('access_grant.approved_before_granted', () => {
  it('passes equal timestamps, fails a late approval, handles null and unparseable values', () => {
    const out = runRule('access_grant', 'access_grant.approved_before_granted', [
      row({}),
      row({ grant_id: 'G2', approved_at: '2025-03-04T09:00:00Z' }),
      row({ grant_id: 'G3', approved_at: '2025-03-05T09:00:00Z' }),
      row({ grant_id: 'G4', approved_at: '' }),
      row({ grant_id: 'G5', approved_at: '03/05/2025 9am' }),
      row({ grant_id: 'G6', granted_at: '' }),
    ]);
    expect(statuses(out)).toEqual(['pass', 'pass', 'exception', 'exception', 'exception', 'not_applicable']);
    expect(out[2]).toMatchObject({ message: 'Approved 2025-03-05T09:00:00Z, 24 hours after access was granted at 2025-03-04T09:00:00Z.' });
    expect(out[4]).toMatchObject({ observed: { approved_at: '03/05/2025 9am' } });
    expect(out[5]).toMatchObject({ reason: 'granted_at is blank: no access was granted' });
  });
});

describe('access_grant.approver_not_grantee', () => {
  it('flags self-approval ignoring case and spacing; N/A for birthright', () => {
    const out = runRule('access_grant', 'access_grant.approver_not_grantee', [row({}), row({ grant_id: 'G2', approver: ' JDOE ' }), row({ grant_id: 'G3', approver: '' }), row({ grant_id: 'G4', role: 'vpn', approver: 'jdoe' })], { params: ['birthright_roles=VPN'] });
    expect(statuses(out)).toEqual(['pass', 'exception', 'exception', 'not_applicable']);
    expect(out[1]).toMatchObject({ observed: { approver: 'JDOE', user_id: 'jdoe' } });
  });
});

describe('access_grant.granted_within_days', () => {
  it('counts business days across a weekend and a holiday', () => {
    // Approved Friday 2025-04-04; Monday 2025-04-07 is a holiday; limit 2 business days.
    const out = runRule('access_grant', 'access_grant.granted_within_days', [
      row({ approved_at: '2025-04-04T16:00:00Z', granted_at: '2025-04-09T10:00:00Z' }), // Tue 8 (1), Wed 9 (2)
      row({ grant_id: 'G2', approved_at: '2025-04-04T16:00:00Z', granted_at: '2025-04-10T10:00:00Z' }), // 3
      row({ grant_id: 'G3', approved_at: '', granted_at: '2025-04-10T10:00:00Z' }),
      row({ grant_id: 'G4', role: 'vpn' }),
      row({ grant_id: 'G5', granted_at: '' }),
      row({ grant_id: 'G6', approved_at: '2025-04-10T10:00:00Z', granted_at: '2025-04-04T16:00:00Z' }), // granted before approval: judged by the other attribute
    ], { params: ['grant_days=2bd', 'birthright_roles=vpn'], holidays: ['2025-04-07'] });
    expect(statuses(out)).toEqual(['pass', 'exception', 'exception', 'not_applicable', 'not_applicable', 'pass']);
    expect(out[1]).toMatchObject({ message: 'Access was granted 3 business days after its approval; the limit is 2 business days.' });
  });

  it('defaults to 30 calendar days', () => {
    const out = runRule('access_grant', 'access_grant.granted_within_days', [
      row({ approved_at: '2025-03-01T10:00:00Z', granted_at: '2025-03-31T23:00:00Z' }),
      row({ grant_id: 'G2', approved_at: '2025-03-01T10:00:00Z', granted_at: '2025-04-01T00:00:00Z' }),
    ]);
    expect(statuses(out)).toEqual(['pass', 'exception']);
  });
});

describe('access_grant manual attribute', () => {
  it('is manual, N/A for birthright roles', () => {
    expect(statuses(runRule('access_grant', 'access_grant.access_matches_request', [row({}), row({ grant_id: 'G2', role: 'VPN' })], { params: ['birthright_roles=vpn'] }))).toEqual(['manual', 'not_applicable']);
  });
});
