/**
 * Microsoft Entra ID (Azure AD) users: Entra admin center → Users → Download users (CSV). Headers
 * are the Microsoft Graph property names (camelCase); accountEnabled is True/False.
 */
import type { SourceProfile } from '../types.js';

export const entraUsers: SourceProfile = {
  id: 'entra-users',
  name: 'Microsoft Entra ID users (Download users, CSV)',
  system: 'Microsoft Entra ID (Azure AD)',
  export: 'Entra admin center → Identity → Users → All users → Download users.',
  signature: {
    required: ['userPrincipalName', 'displayName', 'accountEnabled', 'objectId'],
    optional: ['surname', 'givenName', 'mail', 'userType', 'jobTitle', 'department', 'usageLocation', 'companyName', 'creationType', 'directorySynced', 'invitationState', 'identityIssuer', 'createdDateTime', 'employeeId', 'alternateEmailAddress'],
  },
  kinds: {
    account: {
      fields: {
        username: ['userPrincipalName'],
        email: ['mail'],
        employee_id: ['employeeId'],
        display_name: ['displayName'],
        enabled: ['accountEnabled'],
        status: [],
        disabled_at: [],
        last_login: ['signInActivity.lastSignInDateTime', 'lastSignInDateTime'],
        created_at: ['createdDateTime'],
        system: [],
      },
      notes: [
        'The portal download has no sign-in time (signInActivity comes from Microsoft Graph) and no disable time (the audit log has it): those attributes become inspections unless the columns are added.',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',', dateOrder: 'mdy' },
  notes: ['createdDateTime is written in the portal user\'s locale; the profile reads month-first dates (en-US).'],
};
