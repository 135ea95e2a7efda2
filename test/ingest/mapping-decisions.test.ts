/**
 * The column mapping on the exports that were misread: each choice is asserted (with the profile,
 * and with the kind's own synonyms), and where nothing decides, the ingest refuses naming both
 * columns. Values are checked before a column is accepted.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TickmarkError } from '../../src/errors.js';
import { mapColumns, type ProfileMapping } from '../../src/ingest/mapping/map-columns.js';
import { normalizeHeader } from '../../src/ingest/mapping/normalize.js';
import { kindSpec } from '../../src/population/kinds.js';
import { kindProfile, sourceProfile } from '../../src/sources/registry.js';
import { tempDir } from '../helpers/tmp.js';
import { tickmark } from '../sources/cli.js';

const errorOf = (fn: () => unknown): TickmarkError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof TickmarkError) return e;
    throw e;
  }
  throw new Error('expected a TickmarkError');
};
const profile = (id: string, kind: Parameters<typeof kindProfile>[1]): ProfileMapping => ({ id, ...kindProfile(sourceProfile(id), kind) });
/** Rows of sample values for the headers, column by column. */
const sampleOf = (columns: Record<string, string[]>) => {
  const headers = Object.keys(columns);
  const n = Math.max(...Object.values(columns).map((c) => c.length));
  return { headers, sample: Array.from({ length: n }, (_, i) => headers.map((h) => columns[h]![i] ?? '')) };
};
const dates = (n: number) => Array.from({ length: n }, (_, i) => `2025-03-${String(i + 1).padStart(2, '0')} 10:00:00`);
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe('header normalisation', () => {
  it('splits camelCase, snake_case, dots and bracketed annotations', () => {
    expect(['mergedAt', 'approval_set', 'actor.alternateId', 'EmployeeID', 'Created At (UTC)', 'SamAccountName'].map(normalizeHeader))
      .toEqual(['merged at', 'approval set', 'actor alternate id', 'employee id', 'created at utc', 'sam account name']);
  });

  it('recognises the headers that were not recognised', () => {
    expect(mapColumns(kindSpec('change'), ['Issue key', 'mergedAt', 'mergedBy']).mapping).toEqual({ change_id: 'Issue key', implementer: 'mergedBy', deployed_at: 'mergedAt' });
    expect(mapColumns(kindSpec('change'), ['Number', 'Actual end date']).mapping).toEqual({ change_id: 'Number', deployed_at: 'Actual end date' });
    expect(mapColumns(kindSpec('access_grant'), ['Username', 'Assigned Date']).mapping).toEqual({ user_id: 'Username', granted_at: 'Assigned Date' });
    expect(mapColumns(kindSpec('vulnerability'), ['QID', 'Severity', 'First Detected']).mapping).toEqual({ vuln_id: 'QID', severity: 'Severity', discovered_at: 'First Detected' });
    expect(mapColumns(kindSpec('vulnerability'), ['Finding ID', 'Risk', 'First Discovered']).mapping).toEqual({ vuln_id: 'Finding ID', severity: 'Risk', discovered_at: 'First Discovered' });
    expect(mapColumns(kindSpec('ticket'), ['incident_number', 'priority', 'created_on']).mapping).toEqual({ ticket_id: 'incident_number', severity: 'priority', opened_at: 'created_on' });
    expect(mapColumns(kindSpec('ticket'), ['ID', 'Severity', 'Created Date', 'Closed Date']).mapping).toEqual({ ticket_id: 'ID', severity: 'Severity', opened_at: 'Created Date', resolved_at: 'Closed Date' });
  });
});

describe('ServiceNow: approved_at is approval_set, never cab_date', () => {
  const headers = ['number', 'short_description', 'approval', 'approval_set', 'cab_date', 'requested_by', 'assigned_to', 'work_end', 'closed_at'];
  it('with the profile', () => {
    const m = mapColumns(kindSpec('change'), headers, { profile: profile('servicenow-change', 'change') });
    expect(m.mapping.approved_at).toBe('approval_set');
    expect(m.decisions.find((d) => d.field === 'approved_at')).toEqual({ field: 'approved_at', header: 'approval_set', how: 'profile', alternatives: [] });
    expect(m.decisions.find((d) => d.field === 'deployed_at')).toEqual({ field: 'deployed_at', header: 'work_end', how: 'profile', alternatives: [{ header: 'closed_at', why: 'later in the profile\'s preference order ("closed_at")' }] });
    expect(Object.values(m.mapping)).not.toContain('cab_date');
  });
  it('without it: the display labels map by synonym, and a CAB date alone fills nothing', () => {
    expect(mapColumns(kindSpec('change'), ['Number', 'CAB date', 'Approval set', 'Actual end date']).mapping).toEqual({ change_id: 'Number', approved_at: 'Approval set', deployed_at: 'Actual end date' });
    expect(mapColumns(kindSpec('change'), ['Number', 'CAB date', 'Actual end date']).mapping).toEqual({ change_id: 'Number', deployed_at: 'Actual end date' });
  });
});

describe('scanners: vuln_id is the plugin or QID, never the CVE', () => {
  const rows = sampleOf({
    'Plugin ID': ['42873', '42873', '42873', '51192', '51192', '51192', '10863', '10863'],
    CVE: ['CVE-2016-2183', 'CVE-2016-2183', 'CVE-2016-2183', '', '', '', '', ''],
    Host: ['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b'],
    Risk: ['High', 'High', 'High', 'Medium', 'Medium', 'Medium', 'None', 'None'],
    'First Discovered': dates(8),
  });
  it('with a profile, the finding is plugin × host', () => {
    const m = mapColumns(kindSpec('vulnerability'), rows.headers, { sample: rows.sample, profile: profile('tenable-io', 'vulnerability') });
    expect([m.mapping.vuln_id, m.key]).toEqual(['Plugin ID', ['asset', 'vuln_id']]);
  });
  it('without one, a plugin id repeated across hosts is refused as the key, naming the column and the check', () => {
    const e = errorOf(() => mapColumns(kindSpec('vulnerability'), rows.headers, { sample: rows.sample }));
    expect(e.code).toBe('TM_ERR_MAPPING_CHECK');
    expect(e.message).toBe('column "Plugin ID" cannot be field "vuln_id" of kind vulnerability: only 3 distinct values in 8 sampled rows: the column repeats (a line-item export? name the unit\'s key) (e.g. "42873 (×3)", "51192 (×3)", "10863 (×2)")');
  });
});

describe('Okta: user_id is the login, never the display name or the acting admin', () => {
  it('Username beats User, with the profile and with the synonyms', () => {
    const headers = ['User', 'Username', 'Application', 'Assigned Date'];
    expect(mapColumns(kindSpec('access_grant'), headers, { profile: profile('okta-app-assignments', 'access_grant') }).mapping.user_id).toBe('Username');
    const m = mapColumns(kindSpec('access_grant'), headers);
    expect(m.decisions.find((d) => d.field === 'user_id')).toEqual({ field: 'user_id', header: 'Username', how: 'synonym', alternatives: [{ header: 'User', why: 'a lower-ranked synonym ("user")' }] });
  });
  it('a column of display names is refused as a login', () => {
    const rows = sampleOf({ User: ['Anna Chen', 'Tom Becker', 'Li Wei', 'Sam Okafor', 'Priya Patel'], 'Assigned Date': dates(5) });
    const e = errorOf(() => mapColumns(kindSpec('access_grant'), rows.headers, { sample: rows.sample }));
    expect([e.code, e.details.header, e.details.check]).toEqual(['TM_ERR_MAPPING_CHECK', 'User', 'logins']);
  });
  it('the System Log\'s actor is never the user, nor suggested for it', () => {
    const headers = ['uuid', 'published', 'eventType', 'displayMessage', 'actor.id', 'actor.alternateId', 'target.alternateId'];
    expect(mapColumns(kindSpec('access_grant'), headers, { profile: profile('okta-system-log', 'access_grant') }).mapping).toEqual({ grant_id: 'uuid', user_id: 'target.alternateId', granted_at: 'published' });
    const e = errorOf(() => mapColumns(kindSpec('access_grant'), ['uuid', 'published', 'actor.id', 'actor.alternateId'], { map: { granted_at: 'published' } }));
    expect(e.code).toBe('TM_ERR_MISSING_FIELD');
    expect(e.details.suggestions).toBe('user_id ← none');
  });
});

describe('values are checked before a column is accepted', () => {
  it('"Last name" is never a date, nor suggested for one', () => {
    const rows = sampleOf({ 'Employee ID': ids('E', 6), 'First name': ['Ann', 'Bo', 'Cy', 'Di', 'Ed', 'Flo'], 'Last name': ['Lee', 'Last', 'Day', 'Ng', 'Ho', 'Li'] });
    const e = errorOf(() => mapColumns(kindSpec('termination'), rows.headers, { sample: rows.sample }));
    expect(e.code).toBe('TM_ERR_MISSING_FIELD');
    expect(e.details.suggestions).toBe('termination_date ← none');
    // An optional date column holding names is refused…
    const optional = sampleOf({ 'Employee ID': ids('E', 6), 'Termination Date': dates(6), 'Last login': ['Lee', 'Last', 'Day', 'Ng', 'Ho', 'Li'] });
    expect(errorOf(() => mapColumns(kindSpec('termination'), optional.headers, { sample: optional.sample })).details).toMatchObject({ header: 'Last login', field: 'last_login', check: 'dates' });
  });

  it('a required date column named by a synonym is left to typing, which refuses it when the whole column is not dates', async () => {
    const dir = tempDir();
    const file = join(dir, 'hr.csv');
    writeFileSync(file, ['Employee ID,Last day', ...['Lee', 'Last', 'Day', 'Ng', 'Ho', 'Li'].map((n, i) => `E${i + 1},${n}`)].join('\n'));
    const named = sampleOf({ 'Employee ID': ids('E', 6), 'Last day': ['Lee', 'Last', 'Day', 'Ng', 'Ho', 'Li'] });
    expect(mapColumns(kindSpec('termination'), named.headers, { sample: named.sample }).mapping.termination_date).toBe('Last day');
    const r = await tickmark('ingest', file, '--kind', 'termination', '--data-dir', join(dir, 'data'), '--workers', '0');
    expect(r.code).toBe(3);
    expect(r.err).toContain('[TM_ERR_UNTYPED_COLUMN]');
    expect(r.err).toContain('column "Last day" (termination_date');
  });

  it('a failing column is passed over for the next candidate and named among the alternatives', () => {
    const rows = sampleOf({ Number: ids('CHG', 6), 'Approved On': ['yes', 'yes', 'no', 'yes', 'yes', 'yes'], 'Reviewed At': dates(6), 'Deployed On': dates(6) });
    const m = mapColumns(kindSpec('change'), rows.headers, { sample: rows.sample });
    expect(m.decisions.find((d) => d.field === 'approved_at')).toEqual({
      field: 'approved_at', header: 'Reviewed At', how: 'synonym',
      alternatives: [{ header: 'Approved On', why: 'failed the dates check: 6 of 6 sampled values do not read as dates' }],
    });
  });

  it('a person field holding numbers is refused; an id that is mostly blank is refused', () => {
    const people = sampleOf({ Number: ids('CHG', 6), 'Requested By': ['1001', '1002', '1003', '1004', '1005', '1006'], 'Deployed On': dates(6) });
    expect(errorOf(() => mapColumns(kindSpec('change'), people.headers, { sample: people.sample })).details).toMatchObject({ field: 'requester', check: 'people' });
    const blank = sampleOf({ Number: ['CHG1', '', '', '', '', ''], 'Deployed On': dates(6) });
    expect(errorOf(() => mapColumns(kindSpec('change'), blank.headers, { sample: blank.sample })).details).toMatchObject({ field: 'change_id', check: 'blank', message: '5 of 6 sampled cells are blank' });
  });

  it('an explicit null leaves a field unmapped; an explicit header is taken as given', () => {
    const rows = sampleOf({ Number: ids('CHG', 6), 'Approved On': ['yes', 'yes', 'no', 'yes', 'yes', 'yes'], 'Deployed On': dates(6) });
    expect(mapColumns(kindSpec('change'), rows.headers, { sample: rows.sample, map: { approved_at: null } }).mapping).toEqual({ change_id: 'Number', deployed_at: 'Deployed On' });
    const m = mapColumns(kindSpec('change'), rows.headers, { sample: rows.sample, map: { approved_at: 'Approved On' } });
    expect(m.decisions.find((d) => d.field === 'approved_at')).toEqual({ field: 'approved_at', header: 'Approved On', how: 'override', alternatives: [] });
  });
});

describe('two columns of equal rank: the ingest asks which', () => {
  it('names both and how to choose', () => {
    const rows = sampleOf({ Number: ids('CHG', 6), 'Approval date': dates(6), 'Approved on': dates(6), 'Deployed On': dates(6) });
    const e = errorOf(() => mapColumns(kindSpec('change'), rows.headers, { sample: rows.sample }));
    expect(e.code).toBe('TM_ERR_AMBIGUOUS_MAPPING');
    expect(e.message).toBe('field "approved_at" of kind change could be "Approval date" or "Approved on": they are synonyms of equal rank, and each holds values that fit');
    expect(e.hint).toContain('--map');
    expect(mapColumns(kindSpec('change'), rows.headers, { sample: rows.sample, map: { approved_at: 'Approved on' } }).mapping.approved_at).toBe('Approved on');
  });
  it('is decided by a column failing its check', () => {
    const rows = sampleOf({ Number: ids('CHG', 6), 'Approval date': dates(6), 'Approved on': ['n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a'], 'Deployed On': dates(6) });
    expect(mapColumns(kindSpec('change'), rows.headers, { sample: rows.sample }).mapping.approved_at).toBe('Approval date');
  });
});

describe('a profile may fill two fields from one column', () => {
  it('Google Workspace\'s primary email is both the login and the email', () => {
    const headers = ['First Name [Required]', 'Last Name [Required]', 'Email Address [Required]', 'Status [READ ONLY]', 'Last Sign In [READ ONLY]', 'Employee ID'];
    const m = mapColumns(kindSpec('account'), headers, { profile: profile('google-workspace', 'account') });
    expect(m.mapping).toEqual({ username: 'Email Address [Required]', email: 'Email Address [Required]', employee_id: 'Employee ID', status: 'Status [READ ONLY]', last_login: 'Last Sign In [READ ONLY]' });
    expect(m.eventTime).toBeUndefined(); // the download has no creation time
  });
});

describe('keys and units', () => {
  it('keys on the key fields that are mapped: an HR list without accounts keys on the employee', () => {
    expect(mapColumns(kindSpec('termination'), ['Employee ID', 'Termination Date']).key).toEqual(['employee_id']);
    expect(mapColumns(kindSpec('termination'), ['Employee ID', 'Termination Date', 'Account']).key).toEqual(['employee_id', 'account_id']);
  });
  it('takes the profile\'s key and unit', () => {
    const m = mapColumns(kindSpec('access_review'), ['Review ID', 'Reviewer', 'Account', 'Decision', 'Application', 'Review Completed At'], { profile: profile('grc-access-review', 'access_review') });
    expect([m.key, m.unit]).toEqual([['review_id', 'reviewed_user'], 'item']);
  });
});
