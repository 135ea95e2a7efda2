/**
 * PagerDuty incidents: Analytics → Insights → Incidents → Download CSV (one row per incident,
 * snake_case headers, ISO 8601 times with the account's offset).
 */
import type { SourceProfile } from '../types.js';

export const pagerdutyIncidents: SourceProfile = {
  id: 'pagerduty-incidents',
  name: 'PagerDuty incidents (Insights CSV)',
  system: 'PagerDuty',
  export: 'Analytics → Insights → Incidents → Download CSV.',
  signature: {
    required: ['incident_number', 'urgency', 'created_on'],
    optional: ['id', 'title', 'description', 'status', 'priority_name', 'service_name', 'escalation_policy_name', 'resolved_on', 'seconds_to_first_ack', 'seconds_to_resolve', 'assigned_to_user_names', 'acknowledged_by_user_names', 'resolved_by_user_names', 'escalation_count', 'auto_resolved'],
  },
  kinds: {
    ticket: {
      fields: {
        ticket_id: ['incident_number', 'id'],
        severity: ['priority_name', 'urgency'],
        opened_at: ['created_on'],
        acknowledged_at: ['acknowledged_on'],
        resolved_at: ['resolved_on'],
        owner: ['resolved_by_user_names', 'assigned_to_user_names'],
        postmortem_ref: [],
      },
      enums: { severity: { high: 'sev2', low: 'sev4' } },
      notes: [
        'severity is priority_name (P1…P5) when the account uses priorities; otherwise urgency, where high reads as sev2 and low as sev4 (urgency decides paging, not impact: set sla=… to your policy).',
        'The download has seconds_to_first_ack, not an acknowledgement time: acknowledged_at is mapped only when an acknowledged_on column is present.',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',' },
  notes: [],
};
