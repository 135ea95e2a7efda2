/**
 * The defects the generator can inject: completeness defects of the population (rows outside the
 * period, empty days and weeks, ID sequence gaps, duplicate keys and rows, blank required cells)
 * and attribute deviations of single rows (self-approval, approval after deployment, late
 * termination, SLA breach…). Each is asked for as a count (an integer ≥ 1) or a rate of the data
 * rows (0 < x < 1); `resolveDefectCounts` turns the request into exact counts for one kind.
 *
 * @example
 * resolveDefectCounts('change', 1000, { selfApproval: 0.01, duplicateRows: 2 }).selfApproval // 10
 */
import { tickmarkError } from '../errors.js';
import type { Kind } from '../population/kinds.js';

/** Defects of the population as a whole (the completeness and accuracy checks find these). */
export const populationDefects = [
  'outOfPeriodBefore', 'outOfPeriodAfter', 'emptyDays', 'emptyWeeks', 'sequenceGaps', 'duplicateKeys', 'duplicateRows', 'blankRequired',
] as const;
export type PopulationDefect = (typeof populationDefects)[number];

/** Deviations of single rows from a control attribute (the rules find these). */
export const deviations = [
  // change
  'approvalAfterDeploy', 'selfApproval', 'approverIsImplementer', 'missingApproval', 'missingTestEvidence', 'testedAfterDeploy', 'emergencyWithoutPir',
  // access_grant (also selfApproval, missingApproval)
  'grantBeforeApproval', 'missingRequest', 'lateGrant',
  // termination
  'lateDisable', 'notDisabled', 'loginAfterTermination',
  // access_review
  'selfReview', 'lateReview', 'lateRevocation',
  // ticket and vulnerability
  'slaBreach', 'ackBreach', 'missingPostmortem',
] as const;
export type Deviation = (typeof deviations)[number];

/** Rows that look late but pass their rule (vulnerabilities remediated late under an approved exception). */
export const passingVariants = ['lateWithException'] as const;
export type PassingVariant = (typeof passingVariants)[number];

export type DefectName = PopulationDefect | Deviation | PassingVariant;
export type RowVariant = Deviation | PassingVariant;

/** A count (integer ≥ 1), a rate of the data rows (0 < x < 1), or 0 for none. */
export type DefectAmount = number;

export type DefectOptions = Partial<Record<DefectName, DefectAmount>> & {
  /** Length of each sequence gap: a fixed number of missing IDs or [min, max] (default [1, 5]). */
  sequenceGapLength?: number | [number, number];
};

/** Exact counts per defect (0 when not injected) plus the gap length range. */
export type DefectCounts = Record<DefectName, number> & { sequenceGapLength: [number, number] };

/** Which defects each kind supports (population defects not listed are unsupported). */
export const kindDefects: Record<Kind, { noSequenceGaps?: boolean; deviations: readonly Deviation[]; passing: readonly PassingVariant[] }> = {
  change: { deviations: ['approvalAfterDeploy', 'selfApproval', 'approverIsImplementer', 'missingApproval', 'missingTestEvidence', 'testedAfterDeploy', 'emergencyWithoutPir'], passing: [] },
  access_grant: { deviations: ['grantBeforeApproval', 'selfApproval', 'missingApproval', 'missingRequest', 'lateGrant'], passing: [] },
  termination: { noSequenceGaps: true, deviations: ['lateDisable', 'notDisabled', 'loginAfterTermination'], passing: [] },
  account: { deviations: [], passing: [] },
  access_review: { deviations: ['selfReview', 'lateReview', 'lateRevocation'], passing: [] },
  ticket: { deviations: ['slaBreach', 'ackBreach', 'missingPostmortem'], passing: [] },
  vulnerability: { deviations: ['slaBreach'], passing: ['lateWithException'] },
  generic: { deviations: [], passing: [] },
};

const invalid = (option: string, expected: string, got: unknown) => tickmarkError('TM_ERR_INVALID_OPTION', { option, expected, got });

function amountToCount(name: string, amount: unknown, rows: number, countOnly: boolean): number {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) throw invalid(`defects.${name}`, 'must be a count (integer ≥ 0) or a rate (0 < x < 1)', amount);
  if (amount === 0) return 0;
  if (amount < 1) {
    if (countOnly) throw invalid(`defects.${name}`, 'must be a whole count', amount);
    return Math.round(amount * rows);
  }
  if (!Number.isInteger(amount)) throw invalid(`defects.${name}`, 'must be an integer count when ≥ 1, or a rate below 1', amount);
  return amount;
}

/** Exact defect counts for `rows` data rows of `kind`; throws TM_ERR_INVALID_OPTION on unknown or unsupported defects. */
export function resolveDefectCounts(kind: Kind, rows: number, options: DefectOptions = {}): DefectCounts {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw invalid('defects', 'must be an object of defect counts or rates', options);
  const support = kindDefects[kind];
  const counts = Object.fromEntries([...populationDefects, ...deviations, ...passingVariants].map((n) => [n, 0])) as unknown as DefectCounts;
  counts.sequenceGapLength = [1, 5];
  for (const [name, amount] of Object.entries(options)) {
    if (name === 'sequenceGapLength') {
      const len = amount as DefectOptions['sequenceGapLength'];
      const range: unknown[] = Array.isArray(len) ? len : [len, len];
      const [lo, hi] = range;
      if (range.length !== 2 || !Number.isInteger(lo) || !Number.isInteger(hi) || (lo as number) < 1 || (hi as number) < (lo as number)) {
        throw invalid('defects.sequenceGapLength', 'must be an integer ≥ 1 or [min, max] with 1 ≤ min ≤ max', len);
      }
      counts.sequenceGapLength = [lo as number, hi as number];
      continue;
    }
    const isPopulation = (populationDefects as readonly string[]).includes(name);
    const isRowVariant = (support.deviations as readonly string[]).includes(name) || (support.passing as readonly string[]).includes(name);
    if (!isPopulation && !isRowVariant) {
      const known = [...populationDefects, ...support.deviations, ...support.passing];
      throw invalid(`defects.${name}`, `is not a defect of kind ${kind}; use one of ${known.join(', ')}`, amount);
    }
    if (name === 'sequenceGaps' && support.noSequenceGaps && amount !== 0) {
      throw invalid('defects.sequenceGaps', `is not supported for kind ${kind} (its key is not a numbered sequence)`, amount);
    }
    const countOnly = name === 'emptyDays' || name === 'emptyWeeks' || name === 'sequenceGaps';
    counts[name as DefectName] = amountToCount(name, amount, rows, countOnly);
  }
  return counts;
}

/**
 * A modest default defect set for `rows` rows of `kind` (what `tickmark generate --defects-default`
 * injects): a couple of each completeness defect and ~0.05 % of each deviation (at least 3).
 */
export function defaultDefects(kind: Kind, rows: number): DefectOptions {
  const scaled = (rate: number, min: number) => Math.max(min, Math.round(rows * rate));
  const support = kindDefects[kind];
  const out: DefectOptions = {
    outOfPeriodBefore: scaled(0.0002, 2),
    outOfPeriodAfter: scaled(0.0002, 2),
    emptyDays: 2,
    emptyWeeks: 1,
    duplicateKeys: scaled(0.0001, 2),
    duplicateRows: scaled(0.0001, 2),
    blankRequired: scaled(0.0002, 3),
  };
  if (!support.noSequenceGaps) out.sequenceGaps = scaled(0.00005, 3);
  for (const d of support.deviations) out[d] = scaled(0.0005, 3);
  for (const p of support.passing) out[p] = scaled(0.0005, 3);
  return out;
}
