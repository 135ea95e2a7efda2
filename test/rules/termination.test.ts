import { describe, expect, it } from 'vitest';
import { buildJoinIndex, ruleSetFromSpec, testPopulation } from '../../src/rules/index.js';
import { chunkOf, ctxOf } from './helpers/chunk.js';
import { runRule, statuses } from './helpers/run.js';

const base = { employee_id: 'E1', termination_date: '2025-01-16', account_id: 'jdoe', system: 'ERP', disabled_at: '2025-01-17T10:00:00', last_login: '2025-01-15T09:00:00' };
const row = (over: Record<string, string>) => ({ ...base, ...over });

describe('termination.disabled_within_days', () => {
  it('counts business days after the termination day across a weekend and a holiday', () => {
    // Terminated Thursday 2025-01-16; Monday 2025-01-20 is a holiday.
    const rows = [
      row({}), // Friday: 1 business day
      row({ employee_id: 'E2', disabled_at: '2025-01-21T09:00:00' }), // Fri (1), Mon holiday, Tue (2)
      row({ employee_id: 'E3', disabled_at: '2025-01-16T18:00:00' }), // same day: 0
      row({ employee_id: 'E4', disabled_at: '' }),
      row({ employee_id: 'E5', disabled_at: 'yesterday' }),
      row({ employee_id: 'E6', account_id: '' }),
      row({ employee_id: 'E7', termination_date: '' }),
    ];
    const out = runRule('termination', 'termination.disabled_within_days', rows, { params: ['disable_days=2bd'], holidays: ['2025-01-20'] });
    expect(statuses(out)).toEqual(['pass', 'pass', 'pass', 'exception', 'exception', 'not_applicable', 'not_applicable']);
    expect(out[3]).toMatchObject({ message: 'The account is not disabled (disabled_at is blank).' });
    expect(out[4]).toMatchObject({ message: 'The disable date "yesterday" cannot be read as a date.' });
    const noHoliday = runRule('termination', 'termination.disabled_within_days', rows.slice(0, 2), { params: ['disable_days=1bd'] });
    expect(statuses(noHoliday)).toEqual(['pass', 'exception']);
    expect(noHoliday[1]).toMatchObject({ message: 'Disabled 3 business days after the termination day 2025-01-16; the limit is 1 business day.' });
  });

  it('reads days in the calendar zone: late evening in Los Angeles is the next day in UTC', () => {
    // Terminated Thursday 2025-01-16 22:00 PST = Friday 06:00 UTC; disabled Monday 2025-01-20 09:00 PST.
    const rows = [row({ termination_date: '2025-01-16T22:00:00', disabled_at: '2025-01-20T09:00:00' })];
    const la = runRule('termination', 'termination.disabled_within_days', rows, { zone: 'America/Los_Angeles', params: ['disable_days=1bd'] });
    expect(la[0]).toMatchObject({ status: 'exception', message: 'Disabled 2 business days after the termination day 2025-01-16; the limit is 1 business day.' });
    expect(la[0]).toMatchObject({ observed: { termination_date: '2025-01-16T22:00:00-08:00', disabled_at: '2025-01-20T09:00:00-08:00' } });
    // The same instants judged on a UTC calendar: Friday → Monday is 1 business day.
    const utcCalendar = runRule('termination', 'termination.disabled_within_days', [row({ termination_date: '2025-01-17T06:00:00Z', disabled_at: '2025-01-20T17:00:00Z' })], { params: ['disable_days=1bd'] });
    expect(statuses(utcCalendar)).toEqual(['pass']);
  });

  it('an open item within the limit at the as-of date is not yet due', () => {
    const out = runRule('termination', 'termination.disabled_within_days', [row({ termination_date: '2025-12-31', disabled_at: '' })], { ctx: { asOfMs: Date.parse('2025-12-31T23:59:59.999Z') } });
    expect(statuses(out)).toEqual(['not_applicable']);
  });
});

describe('termination.no_login_after', () => {
  it('allows a login during the termination day in the calendar zone, not on a later day', () => {
    const rows = [
      row({ termination_date: '2025-03-14', last_login: '2025-03-14T22:30:00' }), // 05:30 UTC on the 15th
      row({ employee_id: 'E2', termination_date: '2025-03-14', last_login: '2025-03-15T00:10:00' }),
      row({ employee_id: 'E3', last_login: '' }),
      row({ employee_id: 'E4', last_login: 'never' }),
      row({ employee_id: 'E5', account_id: '', last_login: '2025-06-01T00:00:00' }),
      row({ employee_id: 'E6', termination_date: '' }),
    ];
    const la = runRule('termination', 'termination.no_login_after', rows, { zone: 'America/Los_Angeles' });
    expect(statuses(la)).toEqual(['pass', 'exception', 'pass', 'exception', 'not_applicable', 'not_applicable']);
    expect(la[1]).toMatchObject({ message: 'Last login 2025-03-15T00:10:00-07:00 is after the termination day 2025-03-14 (America/Los_Angeles).' });
    expect(la[2]).toMatchObject({ status: 'pass', note: 'no login recorded' });
    // Judged in UTC the first login (05:30Z on the 15th) falls on the next day.
    const utc = runRule('termination', 'termination.no_login_after', [row({ termination_date: '2025-03-14T07:00:00Z', last_login: '2025-03-15T05:30:00Z' })]);
    expect(statuses(utc)).toEqual(['exception']);
  });
});

describe('cross-population: terminations ↔ accounts', () => {
  // An account population: the legacy termination-kind layout (account_id) still joins.
  const accounts = chunkOf([
    { employee_id: 'e1', account_id: 'JDOE', termination_date: '2025-01-01', disabled_at: '2025-01-17T10:00:00Z' },
    { employee_id: 'E2', account_id: 'asmith', termination_date: '2025-01-01', disabled_at: '' },
    { employee_id: 'E2', account_id: 'asmith-admin', termination_date: '2025-01-01', disabled_at: '2025-01-17T10:00:00Z' },
    { employee_id: 'E3 ', account_id: 'bk', termination_date: '2025-01-01', disabled_at: '2025-01-30T10:00:00Z' },
  ], 'termination');
  const terminations = chunkOf([
    { employee_id: 'E1', termination_date: '2025-01-16' },
    { employee_id: 'E2', termination_date: '2025-01-16' },
    { employee_id: 'E3', termination_date: '2025-01-16' },
    { employee_id: 'E9', termination_date: '2025-01-16' },
    { employee_id: 'E1', termination_date: '' },
  ], 'termination');
  const only = ['termination.accounts_found', 'termination.accounts_disabled'];

  function run() {
    const set = ruleSetFromSpec({ kind: 'termination', joins: ['accounts'], only });
    const req = set.joins[0]!;
    expect([req.name, req.leftField, req.keyField, req.keys]).toEqual(['accounts', 'employee_id', 'employee_id', [['employee_id', 'employee_id'], ['email', 'email'], ['account_id', 'username']]]);
    const index = buildJoinIndex([accounts], req.keyField, { fields: req.fields, leftField: 'employee_id' });
    return testPopulation(set, [terminations], ctxOf({ joins: { accounts: index } }));
  }

  it('finds each person\'s accounts (keys compared ignoring case and spacing) and checks they were disabled in time', () => {
    const items = run().items!;
    expect(items.map((i) => i.outcomes.map((o) => o.status))).toEqual([
      ['pass', 'pass'],
      ['pass', 'exception'],
      ['pass', 'exception'],
      ['exception', 'not_applicable'],
      ['not_applicable', 'not_applicable'],
    ]);
    expect(items[0]!.outcomes[0]).toEqual({ status: 'pass', note: 'matched on employee_id' });
    expect(items[1]!.outcomes[1]).toMatchObject({ message: '1 of 2 accounts not disabled within 1 business day of the termination day 2025-01-16: asmith (not disabled).' });
    expect(items[2]!.outcomes[1]).toMatchObject({ message: expect.stringContaining('bk (disabled 2025-01-30T10:00:00Z, 10 business days)') });
    expect(items[3]!.outcomes[0]).toMatchObject({ message: 'No account of "E9" is in the account population (looked up by employee_id).' });
  });

  it('restricts to the row\'s own account when the termination population names one', () => {
    const set = ruleSetFromSpec({ kind: 'termination', joins: ['accounts'], only });
    const index = buildJoinIndex([accounts], 'employee_id', { fields: set.joins[0]!.fields, leftField: 'employee_id' });
    const rows = chunkOf([
      { employee_id: 'E2', account_id: 'asmith-admin', termination_date: '2025-01-16' },
      { employee_id: 'E2', account_id: 'asmith-old', termination_date: '2025-01-16' },
    ], 'termination');
    const items = testPopulation(set, [rows], ctxOf({ joins: { accounts: index } })).items!;
    expect(items.map((i) => i.outcomes.map((o) => o.status))).toEqual([['pass', 'pass'], ['exception', 'not_applicable']]);
    expect(items[1]!.outcomes[0]).toMatchObject({ message: 'Account "asmith-old" of "E2" is not in the account population (person matched on employee_id).' });
  });

  it('looks a row up by the next key when the first finds nothing, and says which key matched', () => {
    // An account list keyed by username, with employee ids for some accounts only.
    const list = chunkOf([
      { username: 'lee', employee_id: 'E7', email: 'lee@x.example', status: 'DEPROVISIONED', disabled_at: '2025-01-16T18:00:00Z', last_login: '2025-01-10T09:00:00Z' },
      { username: 'kim@x.example', email: 'kim@x.example', status: 'ACTIVE', last_login: '2025-01-20T09:00:00Z' },
      { username: 'ray', email: 'ray@x.example', status: 'SUSPENDED', last_login: '2025-01-02T09:00:00Z' },
    ], 'account');
    const hr = chunkOf([
      { employee_id: 'E7', email: 'lee@x.example', termination_date: '2025-01-16' },
      { employee_id: 'E8', email: 'KIM@x.example ', termination_date: '2025-01-16' },
      { employee_id: 'E9', email: 'ray@x.example', termination_date: '2025-01-16' },
    ], 'termination');
    const set = ruleSetFromSpec({ kind: 'termination', joins: ['accounts'], fields: ['employee_id', 'email', 'termination_date'] });
    expect(set.rules.map((r) => r.id)).toEqual(['termination.accounts_found', 'termination.accounts_disabled', 'termination.no_active_account', 'termination.no_login_after_accounts', 'termination.hr_evidence']);
    const req = set.joins[0]!;
    const byId = buildJoinIndex([list], 'employee_id', { fields: req.fields, leftField: 'employee_id' });
    const byEmail = buildJoinIndex([list], 'email', { fields: req.fields, leftField: 'email' });
    const items = testPopulation(set, [hr], ctxOf({ joins: { accounts: { ...byId, fallbacks: [byEmail] } }, asOfMs: Date.parse('2025-02-01T00:00:00Z') })).items!;
    expect(items.map((i) => i.outcomes.map((o) => o.status))).toEqual([
      ['pass', 'pass', 'pass', 'pass', 'manual'],
      ['pass', 'exception', 'exception', 'exception', 'manual'],
      ['pass', 'exception', 'pass', 'pass', 'manual'],
    ]);
    expect(items[0]!.outcomes[0]).toEqual({ status: 'pass', note: 'matched on employee_id' });
    expect(items[1]!.outcomes[0]).toEqual({ status: 'pass', note: 'matched on email' });
    expect(items[1]!.outcomes[2]).toMatchObject({ message: '1 account of "KIM@x.example" still active: kim@x.example.', observed: { matched_on: 'email', accounts_active: 1 } });
    expect(items[1]!.outcomes[3]).toMatchObject({ message: '1 account used after the termination day 2025-01-16: kim@x.example (last login 2025-01-20T09:00:00Z).' });
    // Suspended (so disabled), but the list records no date: the timing cannot be shown.
    expect(items[2]!.outcomes[1]).toMatchObject({ message: '1 of 1 account not disabled within 1 business day of the termination day 2025-01-16: ray (disabled, but no disable date is recorded).' });
  });

  it('refuses to run without the join index', () => {
    const set = ruleSetFromSpec({ kind: 'termination', joins: ['accounts'] });
    expect(() => testPopulation(set, [terminations], ctxOf())).toThrow(/no index for it was supplied/);
  });
});

describe('termination manual attribute', () => {
  it('is manual', () => {
    expect(statuses(runRule('termination', 'termination.hr_evidence', [row({})]))).toEqual(['manual']);
  });
});
