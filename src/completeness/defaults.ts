/**
 * Defaults per population kind for the completeness checks: the fields the kind's SOC 2 tests
 * depend on (checked for blanks), and how many days without activity at either end of the
 * period are unusual for the kind (sporadic populations such as access reviews get more room).
 *
 * @example
 * defaultRequiredFields.change // ['change_id', 'deployed_at', 'approver', 'approved_at', 'requester', 'implementer']
 */
import type { Kind } from '../population/kinds.js';

/** Fields whose blanks or invalid values would stop the kind's attribute tests. */
export const defaultRequiredFields: Record<Kind, readonly string[]> = {
  change: ['change_id', 'deployed_at', 'approver', 'approved_at', 'requester', 'implementer'],
  access_grant: ['user_id', 'granted_at', 'request_id', 'approver', 'approved_at'],
  termination: ['employee_id', 'termination_date', 'account_id', 'disabled_at'],
  account: ['username'],
  access_review: ['review_id', 'system', 'reviewer', 'completed_at'],
  ticket: ['ticket_id', 'severity', 'opened_at', 'resolved_at'],
  vulnerability: ['vuln_id', 'severity', 'discovered_at', 'remediated_at'],
  generic: [],
};

/**
 * Calendar days without activity at the start or end of the period that warn / fail
 * `period_coverage` (strictly more than the figure). Frequent populations: a week warns, a month
 * fails (an extract cut short of the period end). Terminations are sporadic; access reviews
 * are quarterly.
 */
export const defaultEdgeDays: Record<Kind, { warn: number; fail: number }> = {
  change: { warn: 7, fail: 31 },
  access_grant: { warn: 7, fail: 31 },
  termination: { warn: 31, fail: 92 },
  account: { warn: 183, fail: 366 },
  access_review: { warn: 92, fail: 183 },
  ticket: { warn: 7, fail: 31 },
  vulnerability: { warn: 7, fail: 31 },
  generic: { warn: 7, fail: 31 },
};

export const DEFAULT_EVIDENCE_CAP = 100;
/** A bucket is low below this share of its expected count… */
export const DEFAULT_LOW_RATIO = 0.25;
/** …and when a Poisson count at the expected rate falls that low with less than this probability. */
export const DEFAULT_LOW_ALPHA = 0.001;
