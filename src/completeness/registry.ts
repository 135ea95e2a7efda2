/**
 * Every completeness check, by id, in report order, and the partial type of each — the one
 * place a new check is registered.
 *
 * @example
 * checkRegistry.sequence_gaps.id // 'sequence_gaps'
 */
import type { CompletenessCheck } from './check.js';
import { blankRequired, type BlankRequiredPartial } from './checks/blank-required.js';
import { controlTotal, type ControlTotalPartial } from './checks/control-total.js';
import { duplicateKeys, type DuplicateKeysPartial } from './checks/duplicate-keys.js';
import { duplicateRows, type DuplicateRowsPartial } from './checks/duplicate-rows.js';
import { emptyPeriods, type EmptyPeriodsPartial } from './checks/empty-periods.js';
import { malformedRows } from './checks/malformed-rows.js';
import { outOfPeriod, type OutOfPeriodPartial } from './checks/out-of-period.js';
import { periodCoverage, type PeriodCoveragePartial } from './checks/period-coverage.js';
import { rollForward, type RollForwardPartial } from './checks/roll-forward.js';
import { sequenceGaps, type SequenceGapsPartial } from './checks/sequence-gaps.js';
import { tieOut, type TieOutPartial } from './checks/tie-out.js';
import type { CheckId } from './types.js';

/** The partial of each check, by id. */
export interface CheckPartials {
  period_coverage: PeriodCoveragePartial;
  out_of_period: OutOfPeriodPartial;
  empty_periods: EmptyPeriodsPartial;
  sequence_gaps: SequenceGapsPartial;
  duplicate_keys: DuplicateKeysPartial;
  duplicate_rows: DuplicateRowsPartial;
  blank_required: BlankRequiredPartial;
  malformed_rows: null;
  control_total: ControlTotalPartial;
  tie_out: TieOutPartial;
  roll_forward: RollForwardPartial;
}

export const checkRegistry: { [K in CheckId]: CompletenessCheck<K, CheckPartials[K]> } = {
  period_coverage: periodCoverage,
  out_of_period: outOfPeriod,
  empty_periods: emptyPeriods,
  sequence_gaps: sequenceGaps,
  duplicate_keys: duplicateKeys,
  duplicate_rows: duplicateRows,
  blank_required: blankRequired,
  malformed_rows: malformedRows,
  control_total: controlTotal,
  tie_out: tieOut,
  roll_forward: rollForward,
};
