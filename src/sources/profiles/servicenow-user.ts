/**
 * ServiceNow users: the `sys_user` list view exported as CSV (field names as headers).
 */
import type { SourceProfile } from '../types.js';

export const servicenowUser: SourceProfile = {
  id: 'servicenow-user',
  name: 'ServiceNow users (sys_user list export, CSV)',
  system: 'ServiceNow',
  export: 'User Administration → Users; list view → Export → CSV (field names as headers).',
  signature: {
    required: ['user_name', 'first_name', 'last_name', 'active'],
    optional: ['name', 'email', 'employee_number', 'title', 'department', 'manager', 'locked_out', 'last_login_time', 'sys_created_on', 'sys_updated_on', 'source'],
  },
  kinds: {
    account: {
      fields: {
        username: ['user_name'],
        email: ['email'],
        employee_id: ['employee_number'],
        display_name: ['name'],
        enabled: ['active'],
        status: [],
        disabled_at: [],
        last_login: ['last_login_time'],
        created_at: ['sys_created_on'],
      },
      notes: ['sys_user has no deactivation time: disabled_at is left unmapped (sys_updated_on is any change to the record).'],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',' },
  notes: ['Date-times are in the exporting user\'s time zone: pass --tz with that zone.'],
};
