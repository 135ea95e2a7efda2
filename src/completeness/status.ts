/**
 * Statuses: the order fail > warn > pass, the worst of a list (the report's status), and the label
 * people read ("not run" for checks that did not run).
 *
 * @example
 * worstStatus(['pass', 'warn', 'pass']) // 'warn'
 */
import type { CheckResult, CheckStatus } from './types.js';

const rank: Record<CheckStatus, number> = { pass: 0, warn: 1, fail: 2 };

export function worstStatus(statuses: Iterable<CheckStatus>): CheckStatus {
  let worst: CheckStatus = 'pass';
  for (const s of statuses) if (rank[s] > rank[worst]) worst = s;
  return worst;
}

export function statusLabel(result: Pick<CheckResult, 'status' | 'ran'>): 'pass' | 'warn' | 'fail' | 'not run' {
  return result.ran ? result.status : 'not run';
}
