/**
 * The status a completeness check shows: `not run` whenever it did not run — `ran: false`, or a
 * `not_run` status — never `pass` (a check that did not run proves nothing).
 *
 * @example
 * completenessStatusOf({ status: 'pass', ran: false } as CheckResult) // 'not run'
 */
import type { CheckResult } from '../../completeness/types.js';

export type ShownStatus = 'pass' | 'warn' | 'fail' | 'not run';

export function completenessStatusOf(check: Pick<CheckResult, 'ran'> & { status: string }): ShownStatus {
  if (!check.ran || check.status === 'not_run') return 'not run';
  return check.status === 'fail' || check.status === 'warn' ? check.status : 'pass';
}
