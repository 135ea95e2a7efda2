/**
 * ServiceNow change requests: the `change_request` list view exported as CSV (right-click the
 * column header → Export → CSV). ServiceNow writes the columns' field names as headers, quotes
 * every field, ends lines with CRLF, keeps multi-line text (description, plans) inside quotes and
 * writes date-times as `yyyy-MM-dd HH:mm:ss` in the exporting user's time zone.
 */
import type { SourceProfile } from '../types.js';

export const servicenowChange: SourceProfile = {
  id: 'servicenow-change',
  name: 'ServiceNow change requests (change_request list export, CSV)',
  system: 'ServiceNow',
  export: 'Change → All; list view → column header menu → Export → CSV (field names as headers).',
  signature: {
    required: ['number', 'short_description', 'approval', 'approval_set', 'requested_by'],
    optional: ['type', 'cab_date', 'cab_required', 'start_date', 'end_date', 'work_start', 'work_end', 'close_code', 'closed_at', 'assignment_group', 'assigned_to', 'cmdb_ci', 'sys_created_on', 'test_plan', 'backout_plan', 'risk', 'state'],
  },
  kinds: {
    change: {
      fields: {
        change_id: ['number'],
        type: ['type'],
        title: ['short_description'],
        requester: ['requested_by', 'opened_by'],
        approver: [],
        approved_at: ['approval_set'],
        implementer: ['assigned_to'],
        deployed_at: ['work_end', 'closed_at'],
        system: ['cmdb_ci', 'business_service'],
        environment: [],
        test_evidence: [],
        tested_at: [],
        pir_at: [],
        ticket_ref: [],
      },
      notes: [
        'approved_at is approval_set (when the approval state became Approved), never cab_date: cab_date is the date-only day of the CAB meeting, blank for standard and most emergency changes.',
        'The change_request table has no approver column (approvals live in sysapproval_approver): approver is left unmapped and the segregation attributes become inspections.',
        'deployed_at is work_end (Actual end); closed_at only when work_end is not exported. start_date/end_date are the planned window, not the deployment.',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',' },
  notes: [
    'Field names from the change_request dictionary: number, short_description, type, requested_by, approval, approval_set, cab_date, assigned_to, start_date, end_date, work_end, close_code, closed_at.',
    'Date-times are in the exporting user\'s time zone: pass --tz with that zone.',
  ],
};
