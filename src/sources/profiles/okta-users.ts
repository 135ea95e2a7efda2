/**
 * Okta users: Directory → People → More actions → Export users (CSV). One row per user with the
 * Okta login (`Username`), profile attributes and lifecycle timestamps (ISO 8601, UTC).
 */
import type { SourceProfile } from '../types.js';

export const oktaUsers: SourceProfile = {
  id: 'okta-users',
  name: 'Okta users (People export, CSV)',
  system: 'Okta',
  export: 'Admin Console → Directory → People → More actions → Export users (CSV, sent by email).',
  signature: {
    required: ['Username', 'Primary email', 'Status', 'Last login'],
    optional: ['First name', 'Last name', 'Display name', 'Employee number', 'Created', 'Activated', 'Status changed', 'Last updated', 'Password changed', 'Secondary email'],
  },
  kinds: {
    account: {
      fields: {
        username: ['Username'],
        email: ['Primary email'],
        employee_id: ['Employee number'],
        display_name: ['Display name'],
        status: ['Status'],
        enabled: [],
        disabled_at: ['Status changed'],
        last_login: ['Last login'],
        created_at: ['Created'],
        system: [],
      },
      notes: [
        'Status is the Okta lifecycle state: ACTIVE, PASSWORD_EXPIRED, LOCKED_OUT, RECOVERY, STAGED and PROVISIONED can sign in or be activated; SUSPENDED and DEPROVISIONED cannot.',
        'disabled_at is Status changed: the instant of the last lifecycle change, which for a SUSPENDED or DEPROVISIONED user is when access was removed (the rules read it only for those).',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',' },
  notes: [],
};
