/**
 * Terminations joined to an account population: the account file is ingested as kind `account`
 * (its own profile or --join-map, never the termination mapping), people are matched on employee
 * id, else email, else username, and the test run says which key matched and who was not found —
 * through `tickmark test --join`, through HTTP (`joins: { accounts: populationId }`), and through
 * `resolveJoins` (what `pull` calls).
 */
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveJoins } from '../../src/operations/joins.js';
import { runTests } from '../../src/operations/test.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { tempDir, tempStore } from '../helpers/tmp.js';
import { tickmark, tickmarkJson } from '../sources/cli.js';
import { bearer, json, runJob, uploadCsv, world } from '../server/helpers.js';

const WORKDAY = 'fixtures/sources/workday-terminations/terminations.csv';
const OKTA = 'fixtures/sources/okta-users/users.csv';
const PERIOD = '2025-01-01..2025-12-31';
const byRule = (run: Record<string, any>) => Object.fromEntries(run.attributes.map((a: { rule: string; tested: number; deviations: number }) => [a.rule, [a.tested, a.deviations]]));

describe('tickmark test --join accounts=FILE', () => {
  it('Workday leavers against Okta users: matched on employee id, orphans named, every attribute counted', async () => {
    const dir = tempDir();
    const r = await tickmarkJson('test', WORKDAY, '--all', '--join', `accounts=${OKTA}`, '--period', PERIOD, '--data-dir', join(dir, 'data'), '--workers', '0');
    expect(r.joins.accounts).toMatchObject({ kind: 'account', keys: [{ left: 'employee_id', right: 'employee_id' }, { left: 'email', right: 'email' }], matched: { employee_id: 25 }, unmatched: 2, orphans: ['E1500', 'E1501'] });
    expect(byRule(r)).toEqual({
      'termination.accounts_found': [27, 2],
      'termination.accounts_disabled': [25, 4],
      'termination.no_active_account': [25, 2],
      'termination.no_login_after_accounts': [25, 1],
      'termination.hr_evidence': [0, 0],
    });
    expect(r.findings.filter((f: { rule: string }) => f.rule === 'termination.no_active_account').map((f: { key: string }) => f.key)).toEqual(['E1021', 'E1022']);
    expect(r.findings.find((f: { key: string; rule: string }) => f.key === 'E1023' && f.rule === 'termination.no_login_after_accounts').message)
      .toBe('1 account used after the termination day 2025-11-06: ben.dubois@acme.example (last login 2025-11-08T09:00:00Z).');
  });

  it('BambooHR leavers against Entra ID users: matched on email (Entra\'s download has no employee id), and its missing disable dates said', async () => {
    const dir = tempDir();
    const r = await tickmarkJson('test', 'fixtures/sources/bamboohr-terminations/terminations.csv', '--all', '--join', 'accounts=fixtures/sources/entra-users/users.csv', '--period', PERIOD, '--data-dir', join(dir, 'data'), '--workers', '0');
    expect(r.joins.accounts).toMatchObject({ keys: [{ left: 'email', right: 'email' }], matched: { email: 18 }, unmatched: 2 });
    expect(byRule(r)['termination.no_active_account']).toEqual([18, 2]);
    expect(r.findings.find((f: { key: string; rule: string }) => f.key === '2100' && f.rule === 'termination.accounts_disabled').message)
      .toBe('1 of 1 account not disabled within 1 business day of the termination day 2025-01-16: priya.kowalski@acme.example (disabled, but no disable date is recorded).');
  });

  it('the bundled account list is an account population, joined to the HR list on the employee number; the combined layout still works', async () => {
    const dir = tempDir();
    const data = ['--data-dir', join(dir, 'data'), '--workers', '0'];
    const accounts = await tickmarkJson('ingest', 'fixtures/termination/accounts.csv', '--kind', 'account', ...data);
    expect([accounts.kind, accounts.mapping]).toEqual(['account', { username: 'Account Name', employee_id: 'Employee Number', disabled_at: 'Date Disabled', last_login: 'Last Logon', system: 'Application' }]);
    const hr = await tickmarkJson('ingest', 'fixtures/termination/hr-terminations.csv', '--kind', 'termination', ...data);
    expect(hr.key).toEqual(['employee_id']); // keyed on the employee, not a content hash
    const r = await tickmarkJson('test', hr.id, '--all', '--join', `accounts=${accounts.id}`, ...data);
    expect([r.overall.deviations, r.joins.accounts.matched, r.joins.accounts.populationId]).toEqual([0, { employee_id: 6 }, accounts.id]);
    const combined = await tickmark('test', 'fixtures/termination/good.csv', '--kind', 'termination', '--all', ...data);
    expect(combined.code).toBe(0);
  });

  it('ingests the account file with its own map (--join-map), not the tested population\'s', async () => {
    const dir = tempDir();
    const accounts = join(dir, 'accounts.csv');
    writeFileSync(accounts, readFileSync(OKTA, 'utf8').replace('Employee number', 'HR Ref'));
    const map = join(dir, 'accounts-map.json');
    writeFileSync(map, JSON.stringify({ employee_id: 'HR Ref' }));
    const r = await tickmarkJson('test', WORKDAY, '--all', '--join', `accounts=${accounts}`, '--join-map', map, '--period', PERIOD, '--data-dir', join(dir, 'data'), '--workers', '0');
    expect(r.joins.accounts.matched).toEqual({ employee_id: 25 });
  });

  it('refuses a join with no key both populations carry', async () => {
    const dir = tempDir();
    const accounts = join(dir, 'accounts.csv');
    writeFileSync(accounts, 'login,Status\njdoe,ACTIVE\n');
    const r = await tickmark('test', WORKDAY, '--all', '--join', `accounts=${accounts}`, '--kind', 'termination', '--data-dir', join(dir, 'data'), '--workers', '0');
    expect(r.code).toBe(3);
    expect(r.err).toContain('cannot join accounts: no key both populations carry (tried employee_id, email, account_id ↔ username)');
    expect(r.err).toContain('[TM_ERR_JOIN_KEY]');
  });
});

describe('resolveJoins (what pull calls)', () => {
  it('ingests a file as the join\'s kind and passes a stored id through', async () => {
    const store = tempStore();
    const joins = await resolveJoins(store, { accounts: OKTA }, { timeZone: 'UTC', workers: 0 });
    expect(store.requirePopulation(joins.accounts!).kind).toBe('account');
    expect(await resolveJoins(store, { accounts: joins.accounts! })).toEqual(joins);
    const hr = (await ingestFile(store, WORKDAY, { workers: 0 })).population;
    const run = await runTests(store, hr.id, { all: true, joins, period: PERIOD }, { workers: 0 });
    expect(run.joins?.accounts?.matched).toEqual({ employee_id: 25 });
    await expect(resolveJoins(store, { widgets: OKTA })).rejects.toMatchObject({ code: 'TM_ERR_INVALID_OPTION' });
  });
});

describe('HTTP: test runs with joins: { accounts: populationId }', () => {
  it('uploads both (kinds from their profiles), runs the join, and returns the join report', async () => {
    const w = await world();
    const hr = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, readFileSync(WORKDAY), 'name=terminations.csv'));
    const okta = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, readFileSync(OKTA), 'name=okta-users.csv'));
    expect([hr.population.kind, hr.population.profile.id, okta.population.kind, okta.population.profile.id]).toEqual(['termination', 'workday-terminations', 'account', 'okta-users']);
    const job = await runJob(w.app, w.a.secret, `/v1/populations/${hr.population.id}/test-runs`, { all: true, period: PERIOD, joins: { accounts: okta.population.id } });
    expect(job.state).toBe('succeeded');
    const { testRun } = json(await w.app.inject({ method: 'GET', url: job.result.href, headers: bearer(w.a.secret) }));
    expect(testRun.joins.accounts).toMatchObject({ populationId: okta.population.id, matched: { employee_id: 25 }, unmatched: 2 });
    expect(testRun.run.findings.filter((f: { rule: string }) => f.rule === 'termination.no_active_account')).toHaveLength(2);
    // Naming the profile the header matches changes nothing: the same population.
    const named = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, readFileSync(OKTA), 'source=okta-users&name=again.csv'));
    expect([named.created, named.population.id]).toEqual([false, okta.population.id]);
    expect(json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, readFileSync(OKTA), 'source=okta-userz')).code).toBe('TM_ERR_UNKNOWN_SOURCE');
  });
});

describe('tickmark pull --join accounts=FILE', () => {
  it('pulls a termination sample tested against the account list, which is ingested as accounts with its own profile', async () => {
    const dir = tempDir();
    const out = join(dir, 'CC6.2-terminations.xlsx');
    const r = await tickmarkJson('pull', WORKDAY, '--period', PERIOD, '--seed', '7', '--size', '10', '--join', `accounts=${OKTA}`, '--control-id', 'CC6.2-02', '-o', out, '--data-dir', join(dir, 'data'), '--workers', '0');
    expect(r.workbook).toBe(out);
    expect(r.sample.n).toBe(10);
    const disabled = r.tests.attributes.find((a: { label: string }) => /disabled/i.test(a.label));
    expect(disabled.tested + disabled.deviations).toBeGreaterThan(0);
    const run = await tickmarkJson('show', r.tests.id, '--data-dir', join(dir, 'data'));
    expect(run.body.joins.accounts).toMatchObject({ kind: 'account' });
    expect(Object.keys(run.body.joins.accounts.matched)).toEqual(['employee_id']);
  });
});
