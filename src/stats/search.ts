/**
 * What the attribute planners share: their input and result types, the size cap, and the search
 * for the smallest sample size used by the binomial and hypergeometric plans.
 * The planned allowance `x(n)` is either a fixed count or `ceil(EDR·n)`, which steps up by one
 * at known n; between steps the acceptance test is monotone in n (once a size is large enough,
 * every larger size with the same x is too). So the search walks the steps of x, tests each
 * step's last n, and binary-searches inside the first step that passes: the exact smallest n,
 * in about `EDR·n` tests instead of n.
 *
 * @example
 * smallestSampleSize({ kind: 'count', count: 0 }, (n) => 0.95 ** n < 0.05, 1e6); // { n: 59, x: 0 }
 */
import { tickmarkError, type TickmarkError } from '../errors.js';
import { formatPercent, type Rate } from './rate.js';
import { grouped } from '../text/grouped.js';

/** The deviations expected when planning: an exact rate (x = ceil(EDR·n); 0 for none) or a count. */
export type ExpectedDeviations = { kind: 'rate'; rate: Rate } | { kind: 'count'; count: number };

/**
 * The largest sample size the planners will search; a plan that needs more is refused with
 * TM_ERR_BAD_PLAN (the expected rate is too close to the tolerable rate to be practical).
 *
 * @example
 * MAX_SAMPLE_SIZE; // 100000
 */
export const MAX_SAMPLE_SIZE = 100_000;

/** What an attribute plan needs: α (risk of overreliance), the TDR and the expected deviations. */
export interface AttributeSizeInput {
  /** Risk of overreliance, 1 − confidence, in (0, 1). */
  alpha: number;
  /** Tolerable deviation rate, exact. */
  tolerable: Rate;
  expected: ExpectedDeviations;
}

/** A planned size and the deviations it can absorb while still supporting the control. */
export interface AttributeSize {
  n: number;
  allowedDeviations: number;
}

/**
 * The refusal when no n up to MAX_SAMPLE_SIZE works (the expected rate is too close to the TDR).
 *
 * @example
 * throw tooLarge({ alpha: 0.05, tolerable: parseRate('5%', 't'), expected: { kind: 'rate', rate: parseRate('4.99%', 'e') } });
 */
export function tooLarge(input: AttributeSizeInput): TickmarkError {
  const expected =
    input.expected.kind === 'count'
      ? `${input.expected.count} expected deviation(s)`
      : `an expected deviation rate of ${formatPercent(input.expected.rate)}`;
  return tickmarkError('TM_ERR_BAD_PLAN', {
    message: `no sample size up to ${grouped(MAX_SAMPLE_SIZE)} supports a tolerable deviation rate of ${formatPercent(input.tolerable)} with ${expected}; lower the expected deviations or raise the tolerable rate`,
  });
}

/** Test one candidate: does a sample of `n` allowing `x` deviations meet the criterion? */
export type AcceptsSize = (n: number, x: number) => boolean;

/**
 * Smallest n in [1, maxN] that `accepts(n, x(n))`, or undefined when none does.
 * `accepts` must be monotone in n for a fixed x. `surelyRejects(n, x)`, when given, is a cheap
 * test that may only return true when `accepts(n, x)` is false (a proven bound); it lets the
 * walk skip whole steps of x without the costly exact test.
 *
 * @example
 * smallestSampleSize({ kind: 'rate', rate: { num: 1n, den: 100n } }, accepts, 1_000_000);
 */
export function smallestSampleSize(
  expected: ExpectedDeviations,
  accepts: AcceptsSize,
  maxN: number,
  surelyRejects?: AcceptsSize,
): { n: number; x: number } | undefined {
  if (maxN < 1) return undefined;
  if (expected.kind === 'count' || expected.rate.num === 0n) {
    const x = expected.kind === 'count' ? expected.count : 0;
    return firstInFixedStep(x, 1, maxN, accepts, true);
  }
  const { num, den } = expected.rate;
  for (let x = 1; ; x += 1) {
    // n with ceil(EDR·n) = x: floor((x−1)/EDR) < n ≤ floor(x/EDR).
    const start = Number((BigInt(x - 1) * den) / num) + 1;
    if (start > maxN) return undefined;
    const end = Math.min(maxN, Number((BigInt(x) * den) / num));
    if (end < start) continue;
    // Rejected at the step's last n means rejected at every n of the step (monotone in n).
    if (surelyRejects?.(end, x)) continue;
    const found = firstInFixedStep(x, start, end, accepts, false);
    if (found) return found;
  }
}

/** First n in [lo, hi] accepted with allowance x; exponential probing first when `grow`. */
function firstInFixedStep(
  x: number,
  lo: number,
  hi: number,
  accepts: AcceptsSize,
  grow: boolean,
): { n: number; x: number } | undefined {
  let low = lo;
  let high = hi;
  if (grow) {
    // Probe 1, 2, 4, 8, … so that a small answer costs a few tests, not a search over maxN.
    let probe = Math.max(lo, x + 1);
    while (!accepts(probe, x)) {
      if (probe >= hi) return undefined;
      low = probe + 1;
      probe = Math.min(hi, probe * 2);
    }
    high = probe;
  } else if (!accepts(high, x)) {
    return undefined;
  }
  // Invariant: accepts(high); every n < low was rejected.
  while (low < high) {
    const mid = low + Math.floor((high - low) / 2);
    if (accepts(mid, x)) high = mid;
    else low = mid + 1;
  }
  return { n: high, x };
}
