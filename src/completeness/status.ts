/**
 * Statuses: the order fail > warn > pass > not_run, the worst of a list (the report's status: a
 * check that did not run never makes a report pass or fail), and the label people read.
 *
 * @example
 * worstStatus(['pass', 'warn', 'not_run']) // 'warn'
 * worstStatus(['not_run']) // 'not_run'
 */
import type { CheckResult, CheckStatus } from './types.js';

const rank: Record<CheckStatus, number> = { not_run: -1, pass: 0, warn: 1, fail: 2 };

export function worstStatus(statuses: Iterable<CheckStatus>): CheckStatus {
  let worst: CheckStatus = 'not_run';
  for (const s of statuses) if (rank[s] > rank[worst]) worst = s;
  return worst;
}

export function statusLabel(result: Pick<CheckResult, 'status' | 'ran'>): 'pass' | 'warn' | 'fail' | 'not run' {
  return result.ran && result.status !== 'not_run' ? result.status : 'not run';
}
