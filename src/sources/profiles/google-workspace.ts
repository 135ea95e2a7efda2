/**
 * Google Workspace users: Admin console → Directory → Users → Download users (CSV). Headers carry
 * Google's upload annotations (`Email Address [Required]`, `Status [READ ONLY]`).
 */
import type { SourceProfile } from '../types.js';

export const googleWorkspace: SourceProfile = {
  id: 'google-workspace',
  name: 'Google Workspace users (Admin console download, CSV)',
  system: 'Google Workspace',
  export: 'Admin console → Directory → Users → Download users → All user info columns → CSV.',
  signature: {
    required: ['Email Address [Required]', 'Status [READ ONLY]', 'Last Sign In [READ ONLY]'],
    optional: ['First Name [Required]', 'Last Name [Required]', 'Org Unit Path [Required]', 'Employee ID', 'Employee Type', 'Employee Title', 'Manager Email', 'Department', 'Recovery Email', '2sv Enrolled [READ ONLY]', '2sv Enforced [READ ONLY]'],
  },
  kinds: {
    account: {
      fields: {
        username: ['Email Address [Required]'],
        email: ['Email Address [Required]'],
        employee_id: ['Employee ID'],
        display_name: [],
        status: ['Status [READ ONLY]'],
        enabled: [],
        disabled_at: [],
        last_login: ['Last Sign In [READ ONLY]'],
        created_at: [],
        system: [],
      },
      notes: [
        'The primary email is both the login and the email: it fills username and email.',
        'The download has no creation or suspension time: the population has no event time (completeness by period and period samples need the GAM export, google-workspace-gam).',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',' },
  notes: ['Last Sign In is written `yyyy/MM/dd HH:mm:ss` (UTC), or "Never logged in".'],
};
