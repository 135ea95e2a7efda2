/**
 * Okta application assignments: the Current Assignments report downloaded as CSV — one row per
 * (user, application), with the user's display name and login in separate columns.
 */
import type { SourceProfile } from '../types.js';

export const oktaAppAssignments: SourceProfile = {
  id: 'okta-app-assignments',
  name: 'Okta application assignments (Current Assignments report, CSV)',
  system: 'Okta',
  export: 'Admin Console → Reports → Current Assignments → Download CSV.',
  signature: {
    required: ['User', 'Username', 'Application', 'Assigned Date'],
    optional: ['Email', 'User Status', 'Assignment Type', 'Group', 'Role', 'Application Label'],
  },
  kinds: {
    access_grant: {
      fields: {
        grant_id: [],
        user_id: ['Username'],
        system: ['Application', 'Application Label'],
        role: ['Role', 'Group'],
        granted_at: ['Assigned Date'],
        request_id: [],
        requested_at: [],
        approver: [],
        approved_at: [],
      },
      key: ['user_id', 'system'],
      notes: [
        'user_id is Username (the Okta login), never User: User is the display name, which two people can share and no other system uses as a key.',
        'An assignment is one user on one application: that pair is the unit\'s key (the export has no assignment id).',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',' },
  notes: [],
};
