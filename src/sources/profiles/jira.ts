/**
 * Jira issues: the issue navigator's "Export → CSV (all fields)". Jira writes display names as
 * headers, repeats a column once per value of a multi-value field (`Labels`, `Labels`, `Sprint`…),
 * names custom fields `Custom field (Name)`, quotes free text, and writes dates as
 * `dd/MMM/yy h:mm a` (`03/Jan/25 2:22 PM`) in the exporting user's zone.
 */
import type { SourceProfile } from '../types.js';

export const jira: SourceProfile = {
  id: 'jira',
  name: 'Jira issues (issue navigator CSV export, all fields)',
  system: 'Jira',
  export: 'Filters → search → Export → Export CSV (all fields).',
  signature: {
    required: ['Summary', 'Issue key', 'Issue id', 'Issue Type'],
    optional: ['Status', 'Project key', 'Project name', 'Priority', 'Resolution', 'Assignee', 'Reporter', 'Creator', 'Created', 'Updated', 'Resolved', 'Due date', 'Labels', 'Sprint', 'Description'],
  },
  kinds: {
    change: {
      fields: {
        change_id: ['Issue key'],
        title: ['Summary'],
        type: ['Custom field (Change type)'],
        requester: ['Reporter', 'Creator'],
        approver: ['Custom field (Approvers)'],
        approved_at: ['Custom field (Approval date)'],
        implementer: ['Assignee'],
        deployed_at: ['Custom field (Actual end)', 'Resolved'],
        system: ['Component/s', 'Project name'],
        ticket_ref: [],
        test_evidence: [],
        tested_at: [],
        pir_at: [],
        environment: [],
      },
      multiValue: { approver: [','] },
      notes: [
        'Changes tracked as Jira issues (e.g. Jira Service Management change requests): the key is the issue key, never the numeric Issue id.',
        'Approvers is a multi-user field, written comma-separated ("a, b"): every approver is held apart from the requester and the implementer.',
        'Change type and Approval date are site custom fields; when they are not exported the attributes that need them become inspections.',
      ],
    },
    ticket: {
      fields: {
        ticket_id: ['Issue key'],
        severity: ['Custom field (Severity)', 'Priority'],
        opened_at: ['Created'],
        acknowledged_at: ['Custom field (First response)'],
        resolved_at: ['Resolved'],
        owner: ['Assignee'],
        postmortem_ref: ['Custom field (Post-incident review)'],
      },
      enums: { severity: { highest: 'sev1', high: 'sev2', medium: 'sev3', low: 'sev4', lowest: 'sev5', 'sev-1': 'sev1', 'sev-2': 'sev2', 'sev-3': 'sev3', 'sev-4': 'sev4' } },
      notes: ['Jira priorities Highest … Lowest read as sev1 … sev5; a Severity custom field (Sev-1 …) wins when exported.'],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',' },
  notes: [
    'Jira feeds more than one kind: name it with --kind change or --kind ticket.',
    'Dates are in the exporting user\'s time zone and language (English month names): pass --tz with that zone.',
  ],
};
