/**
 * Every source fixture (fixtures/sources/<profile>/…) goes through `ingest`, `check`, `sample` and
 * `pull` as a consultant would run them — no --map, no editing — and is read the way its profile
 * says: the profile chosen, each field's column, no date that failed to read.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindSpec } from '../../src/population/kinds.js';
import { tempDir } from '../helpers/tmp.js';
import { tickmark, tickmarkJson } from './cli.js';

interface Case {
  file: string;
  profile: string;
  kind: string;
  /** Named on the command line (profiles that feed several kinds). */
  namesKind?: boolean;
  mapping: Record<string, string>;
  key: string[];
  /** A reading feature the fixture needs from ws-ingest that this branch does not have yet. */
  needs?: string;
}

export const cases: Case[] = [
  { file: 'servicenow-change/change_request.csv', profile: 'servicenow-change', kind: 'change', key: ['change_id'],
    mapping: { change_id: 'number', type: 'type', title: 'short_description', requester: 'requested_by', approved_at: 'approval_set', implementer: 'assigned_to', deployed_at: 'work_end', system: 'cmdb_ci' } },
  { file: 'servicenow-incident/incident.csv', profile: 'servicenow-incident', kind: 'ticket', key: ['ticket_id'],
    mapping: { ticket_id: 'number', severity: 'priority', opened_at: 'opened_at', resolved_at: 'resolved_at', owner: 'assigned_to', postmortem_ref: 'problem_id' } },
  { file: 'servicenow-user/sys_user.csv', profile: 'servicenow-user', kind: 'account', key: ['username'],
    mapping: { username: 'user_name', email: 'email', employee_id: 'employee_number', display_name: 'name', enabled: 'active', last_login: 'last_login_time', created_at: 'sys_created_on' } },
  { file: 'jira/change-requests.csv', profile: 'jira', kind: 'change', namesKind: true, key: ['change_id'],
    mapping: { change_id: 'Issue key', type: 'Custom field (Change type)', title: 'Summary', requester: 'Reporter', approver: 'Custom field (Approvers)', approved_at: 'Custom field (Approval date)', implementer: 'Assignee', deployed_at: 'Resolved', system: 'Project name' } },
  { file: 'jira/incidents.csv', profile: 'jira', kind: 'ticket', namesKind: true, key: ['ticket_id'],
    mapping: { ticket_id: 'Issue key', severity: 'Priority', opened_at: 'Created', resolved_at: 'Resolved', owner: 'Assignee' } },
  { file: 'azure-devops/work-items.csv', profile: 'azure-devops', kind: 'ticket', key: ['ticket_id'],
    mapping: { ticket_id: 'ID', severity: 'Severity', opened_at: 'Created Date', acknowledged_at: 'Activated Date', resolved_at: 'Resolved Date', owner: 'Assigned To' } },
  { file: 'github-pull-requests/pulls.csv', profile: 'github-pull-requests', kind: 'change', key: ['change_id'],
    mapping: { change_id: 'number', title: 'title', requester: 'author', approver: 'approvedBy', approved_at: 'approvedAt', implementer: 'mergedBy', deployed_at: 'mergedAt' } },
  { file: 'gitlab-merge-requests/merge_requests.csv', profile: 'gitlab-merge-requests', kind: 'change', key: ['change_id'],
    mapping: { change_id: 'MR IID', title: 'Title', requester: 'Author Username', approver: 'Approver Usernames', implementer: 'Merged Username', deployed_at: 'Merged At (UTC)', system: 'Target Project ID' } },
  { file: 'pagerduty-incidents/incidents.csv', profile: 'pagerduty-incidents', kind: 'ticket', key: ['ticket_id'],
    mapping: { ticket_id: 'incident_number', severity: 'priority_name', opened_at: 'created_on', resolved_at: 'resolved_on', owner: 'resolved_by_user_names' } },
  { file: 'okta-system-log/system_log.csv', profile: 'okta-system-log', kind: 'access_grant', key: ['grant_id'],
    mapping: { grant_id: 'uuid', user_id: 'target.alternateId', granted_at: 'published' } },
  { file: 'okta-app-assignments/assignments.csv', profile: 'okta-app-assignments', kind: 'access_grant', key: ['user_id', 'system'],
    mapping: { user_id: 'Username', system: 'Application', role: 'Group', granted_at: 'Assigned Date' } },
  { file: 'okta-users/users.csv', profile: 'okta-users', kind: 'account', key: ['username'],
    mapping: { username: 'Username', email: 'Primary email', employee_id: 'Employee number', display_name: 'Display name', status: 'Status', disabled_at: 'Status changed', last_login: 'Last login', created_at: 'Created' } },
  { file: 'entra-users/users.csv', profile: 'entra-users', kind: 'account', key: ['username'],
    mapping: { username: 'userPrincipalName', email: 'mail', display_name: 'displayName', enabled: 'accountEnabled', created_at: 'createdDateTime' } },
  { file: 'active-directory/users.csv', profile: 'active-directory', kind: 'account', key: ['username'],
    mapping: { username: 'SamAccountName', email: 'mail', employee_id: 'EmployeeID', display_name: 'Name', enabled: 'Enabled', disabled_at: 'whenChanged', last_login: 'LastLogonDate', created_at: 'whenCreated' } },
  { file: 'google-workspace-gam/users.csv', profile: 'google-workspace-gam', kind: 'account', key: ['username'],
    mapping: { username: 'primaryEmail', email: 'primaryEmail', employee_id: 'externalIds.0.value', display_name: 'name.fullName', suspended: 'suspended', last_login: 'lastLoginTime', created_at: 'creationTime' } },
  { file: 'workday-terminations/terminations.csv', profile: 'workday-terminations', kind: 'termination', key: ['employee_id'],
    mapping: { employee_id: 'Employee ID', employee_name: 'Worker', email: 'Email - Work', termination_date: 'Termination Date' } },
  { file: 'bamboohr-terminations/terminations.csv', profile: 'bamboohr-terminations', kind: 'termination', key: ['employee_id'],
    mapping: { employee_id: 'Employee #', email: 'Work Email', termination_date: 'Termination Date' } },
  { file: 'grc-access-review/access-review.csv', profile: 'grc-access-review', kind: 'access_review', key: ['review_id', 'reviewed_user'],
    mapping: { review_id: 'Review ID', period: 'Review Period', period_end: 'Period End', system: 'Application', reviewer: 'Reviewer Email', reviewed_user: 'Account', completed_at: 'Review Completed At', decision: 'Decision', revoked_at: 'Revoked At' } },
  { file: 'tenable-io/vulnerabilities.csv', profile: 'tenable-io', kind: 'vulnerability', key: ['asset', 'vuln_id'],
    mapping: { vuln_id: 'Plugin ID', severity: 'Risk', asset: 'Host', discovered_at: 'First Discovered', remediated_at: 'Last Fixed' } },
  { file: 'tenable-sc/vulnerability-detail-list.csv', profile: 'tenable-sc', kind: 'vulnerability', key: ['asset', 'vuln_id'],
    mapping: { vuln_id: 'Plugin', severity: 'Severity', asset: 'IP Address', discovered_at: 'First Discovered', remediated_at: 'Last Mitigated', exception_ref: 'Accept Risk Comment' } },
  { file: 'nessus/scan.csv', profile: 'nessus', kind: 'vulnerability', key: ['asset', 'vuln_id'],
    mapping: { vuln_id: 'Plugin ID', severity: 'Risk', asset: 'Host', discovered_at: 'Host Start' } },
  { file: 'qualys/scan-report.csv', profile: 'qualys', kind: 'vulnerability', key: ['asset', 'vuln_id'],
    mapping: { vuln_id: 'QID', severity: 'Severity', asset: 'IP', discovered_at: 'First Detected', remediated_at: 'Date Last Fixed' } },
  { file: 'excel-eu/changes.csv', profile: 'excel-eu', kind: 'change', namesKind: true, key: ['change_id'],
    mapping: { change_id: 'Change ID', type: 'Type', title: 'Short Description', requester: 'Requested By', approver: 'Approved By', approved_at: 'Approved On', implementer: 'Implemented By', deployed_at: 'Deployed On', system: 'Application' } },
];

const PERIOD = '2025-01-01..2025-12-31';

describe('source fixtures: ingest, check, sample and pull with no --map', () => {
  for (const c of cases) {
    it.skipIf(c.needs !== undefined)(`${c.file} (${c.profile})${c.needs ? ` — needs ${c.needs}` : ''}`, async () => {
      const dir = tempDir('tickmark-sources-');
      const file = join('fixtures/sources', c.file);
      const common = ['--data-dir', join(dir, 'data'), '--workers', '0', ...(c.namesKind ? ['--kind', c.kind] : [])];
      const pop = await tickmarkJson('ingest', file, ...common);
      expect(pop.kind).toBe(c.kind);
      expect(pop.profile).toMatchObject({ id: c.profile, forced: false });
      expect(pop.mapping).toEqual(c.mapping);
      expect(pop.key).toEqual(c.key);
      expect(pop.mappingDecisions.map((d: { field: string; header: string }) => [d.field, d.header])).toEqual(Object.entries(c.mapping));
      // Valid data: no date (nor any other value) failed to read.
      const dates = new Set(kindSpec(c.kind).fields.filter((f) => f.type === 'timestamp').map((f) => f.name));
      expect(pop.issues.first.filter((i: { field?: string }) => i.field && dates.has(i.field))).toEqual([]);
      expect(pop.issues.total).toBe(0);
      // Decoded as written: non-ASCII names arrive intact (Windows-1252 and UTF-8 alike).
      expect(pop.columns.every((c: { header: string }) => !c.header.includes('\ufffd'))).toBe(true);

      const check = await tickmark('check', pop.id, '--period', PERIOD, ...common, '--json');
      expect([0, 1]).toContain(check.code);
      const report = JSON.parse(check.out);
      expect(report.population.id).toBe(pop.id);
      // A scan writes a finding once per port: those rows are the finding's lines, not duplicate keys.
      if (['nessus', 'tenable-io', 'tenable-sc'].includes(c.profile)) {
        const dup = report.checks.find((r: { id: string }) => r.id === 'duplicate_keys');
        expect(dup).toMatchObject({ status: 'pass', evidence: { lineItems: true } });
        expect(dup.evidence.duplicateKeys).toBeGreaterThan(0);
      }

      const sample = await tickmarkJson('sample', pop.id, '--seed', '20251231', '--size', '5', ...common);
      expect(sample.items).toHaveLength(5);

      const out = join(dir, 'pull.xlsx');
      const pull = await tickmark('pull', file, '--period', PERIOD, '--seed', '20251231', '--size', '5', ...common, '-o', out);
      expect(pull.err).toBe('');
      expect(pull.code).toBe(0);
      expect(existsSync(out)).toBe(true);
    });
  }
});
