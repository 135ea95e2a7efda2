/**
 * Binomial attribute sampling (the AICPA Audit Sampling guide's Tables ): the
 * population is treated as infinite. Planning: the smallest n with P(X ≤ x | n, TDR) < α,
 * x = ceil(EDR·n) in exact arithmetic (or the expected count). Evaluation: the one-sided
 * Clopper–Pearson upper deviation limit qbeta(1−α, k+1, n−k).
 *
 * @example
 * binomialSampleSize({ alpha: 0.05, tolerable: parseRate('5%', 'tolerable'), expected: { kind: 'count', count: 1 } });
 * // { n: 93, allowedDeviations: 1 }
 */
import { betaQuantile, binomialCdf, gammaQuantile } from './distributions.js';
import { rateToNumber } from './rate.js';
import { MAX_SAMPLE_SIZE, smallestSampleSize, tooLarge, type AttributeSize, type AttributeSizeInput } from './search.js';

/**
 * Smallest n with P(X ≤ x | n, TDR) < α (strict), x = ceil(EDR·n) or the expected count.
 *
 * @example
 * binomialSampleSize({ alpha: 0.05, tolerable: parseRate('0.05', 'tolerable'), expected: { kind: 'count', count: 0 } });
 * // { n: 59, allowedDeviations: 0 }
 */
export function binomialSampleSize(input: AttributeSizeInput): AttributeSize {
  const p = rateToNumber(input.tolerable);
  const found = smallestSampleSize(
    input.expected,
    (n, x) => binomialCdf(x, n, p) < input.alpha,
    MAX_SAMPLE_SIZE,
    binomialSurelyRejects(p, input.alpha),
  );
  if (!found) throw tooLarge(input);
  return { n: found.n, allowedDeviations: found.x };
}

/**
 * A proven, cheap test that P(X ≤ x | n, p) ≥ α for a binomial X, from the Zubkov–Serov lower
 * bound P(X ≤ x) ≥ Φ(−√(2n·D(x/n ‖ p))) for x/n < p (D the Kullback–Leibler divergence): it
 * answers true when 2n·D ≤ z²_α, z²_α the chi-square(1) quantile at 1 − 2α, less a small margin
 * for rounding. False means "not proven", never "below α". Undefined when α ≥ 1/2.
 *
 * @example
 * binomialLowerTailAtLeast(0.05)?.(100, 4, 0.05); // true: P(X ≤ 4 | 100, 5%) ≈ 0.44 ≥ 0.05
 */
export function binomialLowerTailAtLeast(alpha: number): ((n: number, x: number, p: number) => boolean) | undefined {
  if (!(alpha < 0.5)) return undefined;
  const zSquared = gammaQuantile(1 - 2 * alpha, 0.5, 0.5);
  return (n, x, p) => {
    if (!(p < 1)) return x >= n;
    const q = x / n;
    if (q >= p) return true; // P(X ≤ x) ≥ Φ(0) = 1/2 > α
    const divergence = (q === 0 ? 0 : q * Math.log(q / p)) + (1 - q) * Math.log1p((p - q) / (1 - p));
    return 2 * n * divergence < zSquared * (1 - 1e-6);
  };
}

/**
 * The planner's skip test for a binomial plan at TDR p: true only when P(X ≤ x | n, p) ≥ α,
 * so that n cannot be the answer. It lets the planner skip the early steps of a large plan.
 *
 * @example
 * binomialSurelyRejects(0.05, 0.05)?.(100, 4); // true
 */
export function binomialSurelyRejects(p: number, alpha: number): ((n: number, x: number) => boolean) | undefined {
  const atLeast = binomialLowerTailAtLeast(alpha);
  return atLeast && ((n, x) => atLeast(n, x, p));
}

/**
 * One-sided Clopper–Pearson upper limit on the deviation rate after k deviations in n:
 * qbeta(1−α, k+1, n−k); k = 0 gives 1 − α^(1/n); k = n gives 1.
 *
 * @example
 * binomialUpperLimit(60, 1, 0.05); // 0.0766… (table: 7.7%)
 */
export function binomialUpperLimit(n: number, k: number, alpha: number): number {
  if (k >= n) return 1;
  if (k === 0) return -Math.expm1(Math.log(alpha) / n);
  return betaQuantile(1 - alpha, k + 1, n - k);
}
