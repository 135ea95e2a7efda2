/**
 * ServiceNow incidents: the `incident` list view exported as CSV (field names as headers, every
 * field quoted, CRLF, `yyyy-MM-dd HH:mm:ss` in the exporting user's zone). Priority is written
 * with its label ("1 - Critical" … "5 - Planning").
 */
import type { SourceProfile } from '../types.js';

export const servicenowIncident: SourceProfile = {
  id: 'servicenow-incident',
  name: 'ServiceNow incidents (incident list export, CSV)',
  system: 'ServiceNow',
  export: 'Incident → All; list view → column header menu → Export → CSV (field names as headers).',
  signature: {
    required: ['number', 'short_description', 'priority', 'opened_at', 'caller_id'],
    optional: ['severity', 'urgency', 'impact', 'state', 'incident_state', 'assignment_group', 'assigned_to', 'resolved_at', 'closed_at', 'close_code', 'problem_id', 'category', 'sys_created_on'],
  },
  kinds: {
    ticket: {
      fields: {
        ticket_id: ['number'],
        severity: ['priority'],
        opened_at: ['opened_at'],
        acknowledged_at: [],
        resolved_at: ['resolved_at', 'closed_at'],
        owner: ['assigned_to'],
        postmortem_ref: ['problem_id'],
      },
      enums: { severity: { '1 - critical': 'sev1', '2 - high': 'sev2', '3 - moderate': 'sev3', '4 - low': 'sev4', '5 - planning': 'sev5' } },
      notes: [
        'severity is priority (1 - Critical … 5 - Planning, the SLA driver), not the severity column (1 - High … 3 - Low, an input to priority).',
        'The incident table has no acknowledgement time (response SLAs live in task_sla): acknowledged_at is left unmapped.',
        'postmortem_ref is problem_id: the problem record that holds the root-cause analysis.',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',' },
  notes: ['Date-times are in the exporting user\'s time zone: pass --tz with that zone.'],
};
