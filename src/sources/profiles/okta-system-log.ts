/**
 * Okta System Log: Reports → System Log → Download CSV. One row per event with the LogEvent's
 * properties flattened to dotted names (`actor.alternateId`, `target.alternateId`, …) and ISO 8601
 * `published` instants in UTC.
 */
import type { SourceProfile } from '../types.js';

export const oktaSystemLog: SourceProfile = {
  id: 'okta-system-log',
  name: 'Okta System Log (CSV download)',
  system: 'Okta',
  export: 'Admin Console → Reports → System Log → filter (e.g. eventType eq "application.user_membership.add") → Download CSV.',
  signature: {
    required: ['uuid', 'published', 'eventType', 'displayMessage', 'actor.alternateId'],
    optional: ['version', 'severity', 'legacyEventType', 'actor.id', 'actor.type', 'actor.displayName', 'client.ipAddress', 'outcome.result', 'outcome.reason', 'target.id', 'target.type', 'target.alternateId', 'target.displayName', 'transaction.id'],
  },
  kinds: {
    access_grant: {
      fields: {
        grant_id: ['uuid'],
        user_id: ['target.alternateId', 'target{0}.alternateId'],
        system: ['target{1}.displayName'],
        role: [],
        request_id: [],
        requested_at: [],
        approver: [],
        approved_at: [],
        granted_at: ['published'],
      },
      notes: [
        'The user granted access is the event\'s target (target.alternateId, the login), never actor.*: the actor is the administrator or automation that performed the change.',
        'The System Log records no approval: approver and approved_at stay unmapped (approvals are evidence to inspect in the request ticket).',
        'Download only grant events (application.user_membership.add, group.user_membership.add), or filter them when sampling (--filter "eventType=application.user_membership.add").',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',' },
  notes: ['published is an ISO 8601 instant in UTC (LogEvent.published).'],
};
