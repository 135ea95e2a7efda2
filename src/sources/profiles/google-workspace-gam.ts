/**
 * Google Workspace users from GAM (`gam print users allfields > users.csv`): Admin SDK property
 * names flattened with dots (`name.fullName`, `externalIds.0.value`) and ISO 8601 instants.
 */
import type { SourceProfile } from '../types.js';

export const googleWorkspaceGam: SourceProfile = {
  id: 'google-workspace-gam',
  name: 'Google Workspace users (GAM print users, CSV)',
  system: 'Google Workspace',
  export: 'gam print users fields primaryemail,name,suspended,archived,creationtime,lastlogintime,orgunitpath,externalids,isadmin > users.csv',
  signature: {
    required: ['primaryEmail', 'suspended', 'creationTime', 'lastLoginTime'],
    optional: ['name.givenName', 'name.familyName', 'name.fullName', 'archived', 'orgUnitPath', 'isAdmin', 'isEnrolledIn2Sv', 'externalIds.0.value', 'externalIds.0.type', 'suspensionReason', 'id'],
  },
  kinds: {
    account: {
      fields: {
        username: ['primaryEmail'],
        email: ['primaryEmail'],
        employee_id: ['externalIds.0.value'],
        display_name: ['name.fullName'],
        status: [],
        enabled: [],
        suspended: ['suspended'],
        disabled_at: [],
        last_login: ['lastLoginTime'],
        created_at: ['creationTime'],
        system: [],
      },
      notes: [
        'suspended (True/False) says whether the account can sign in; the Admin SDK has no suspension time, so disabled_at is left unmapped and a suspended leaver\'s timing is inspected in the admin audit log.',
        'lastLoginTime 1970-01-01T00:00:00.000Z means never signed in.',
        'externalIds.0.value is the employee id when externalIds.0.type is "organization" (the usual HR sync).',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',' },
  notes: [],
};
