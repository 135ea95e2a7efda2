/**
 * A GRC platform's user access review export (Vanta, Drata, ConductorOne, AuditBoard and the like
 * write the same shape): one row per reviewed account, with the review (campaign) it belongs to,
 * the reviewer, the decision and when it was made.
 */
import type { SourceProfile } from '../types.js';

export const grcAccessReview: SourceProfile = {
  id: 'grc-access-review',
  name: 'GRC user access review (one row per reviewed account, CSV)',
  system: 'GRC platform (access reviews)',
  export: 'Access reviews → the completed review(s) → Export → CSV (all accounts and decisions).',
  signature: {
    required: ['Review ID', 'Reviewer', 'Account', 'Decision'],
    optional: ['Review Name', 'Application', 'Review Period', 'Period Start', 'Period End', 'Reviewer Email', 'Account Owner', 'Entitlement', 'Decided At', 'Review Completed At', 'Revoked At', 'Comment'],
  },
  kinds: {
    access_review: {
      fields: {
        review_id: ['Review ID'],
        period: ['Review Period', 'Review Name'],
        period_end: ['Period End'],
        system: ['Application'],
        reviewer: ['Reviewer Email', 'Reviewer'],
        reviewed_user: ['Account'],
        owner: ['Application Owner'],
        completed_at: ['Review Completed At', 'Decided At'],
        decision: ['Decision'],
        revocations: [],
        revoked_at: ['Revoked At'],
      },
      key: ['review_id', 'reviewed_user'],
      unit: 'item',
      enums: { decision: { approved: 'keep', approve: 'keep', certified: 'keep', retain: 'keep', maintain: 'keep', revoked: 'revoke', remove: 'revoke', removed: 'revoke', rejected: 'revoke', modified: 'modify' } },
      notes: [
        'The unit is the reviewed account line (key = review id + account): each line is one reviewer decision to test — independence from the account, revocation carried out.',
        'The review as a whole is tested by "one review per period per system", which groups the lines of a review (same review id, or same reviewer and sign-off day), never counting lines as reviews.',
        'A line decided Revoke must show Revoked At within the revocation limit; Keep lines have nothing to revoke.',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',' },
  notes: [],
};
