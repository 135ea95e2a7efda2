/**
 * GitLab merge requests: Project → Merge requests → Export as CSV (sent by email). Names and
 * usernames in separate columns, several approvers joined with `, `, times in UTC
 * (`YYYY-MM-DD HH:MM:SS`).
 */
import type { SourceProfile } from '../types.js';

export const gitlabMergeRequests: SourceProfile = {
  id: 'gitlab-merge-requests',
  name: 'GitLab merge requests (Export as CSV)',
  system: 'GitLab',
  export: 'Project → Code → Merge requests → Merged → Export as CSV.',
  signature: {
    required: ['MR IID', 'Title', 'Author Username', 'Merged Username'],
    optional: ['Description', 'URL', 'State', 'Source Branch', 'Target Branch', 'Source Project ID', 'Target Project ID', 'Author', 'Assignees', 'Assignee Usernames', 'Approvers', 'Approver Usernames', 'Merged User', 'Milestone ID', 'Created At (UTC)', 'Updated At (UTC)', 'Merged At (UTC)'],
  },
  kinds: {
    change: {
      fields: {
        change_id: ['MR IID'],
        title: ['Title'],
        requester: ['Author Username', 'Author'],
        approver: ['Approver Usernames', 'Approvers'],
        approved_at: [],
        implementer: ['Merged Username', 'Merged User'],
        deployed_at: ['Merged At (UTC)'],
        system: ['Target Project ID'],
        type: [],
        environment: [],
        test_evidence: [],
        tested_at: [],
        pir_at: [],
        ticket_ref: [],
      },
      multiValue: { approver: [','] },
      formats: {},
      notes: [
        'People are compared by username (Author Username, Approver Usernames, Merged Username), not by full name.',
        'deployed_at is Merged At; Updated At is never used for it (any later edit moves it). An export without Merged At stops at deployed_at: map it explicitly.',
        'The export lists every state: filter merged ones when sampling (--filter "State=merged").',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',' },
  notes: ['Columns as in GitLab\'s merge request CSV export schema (gitlab-org/gitlab#3619); times are UTC.'],
};
