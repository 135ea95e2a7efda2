/**
 * Hypergeometric attribute sampling: the population of N items is finite and sampled without
 * replacement. Planning: K* = ceil(TDR·N) population deviations are intolerable, and n is the
 * smallest n with P(X ≤ x | N, K*, n) ≤ α. Evaluation: UL = max{K ≥ k : P(X ≤ k | N, K, n) > α} / N,
 * found by binary search on K (the probability falls as K rises).
 *
 * @example
 * hypergeometricSampleSize({ alpha: 0.05, tolerable: parseRate('5%', 'tolerable'), expected: { kind: 'count', count: 0 }, population: 1000 });
 * // { n: 57, allowedDeviations: 0, intolerableDeviations: 50 }
 */
import { hypergeometricCdf } from './distributions.js';
import { tickmarkError } from '../errors.js';
import { ceilTimes, formatPercent } from './rate.js';
import { binomialLowerTailAtLeast } from './binomial.js';
import { MAX_SAMPLE_SIZE, smallestSampleSize, tooLarge, type AttributeSize, type AttributeSizeInput } from './search.js';

/** A hypergeometric plan: the attribute size plus K*, the population deviations that are intolerable. */
export interface HypergeometricSize extends AttributeSize {
  intolerableDeviations: number;
}

/**
 * Smallest n ≤ N with P(X ≤ x | N, K*, n) ≤ α, K* = ceil(TDR·N), x = ceil(EDR·n) or the count.
 *
 * @example
 * hypergeometricSampleSize({ alpha: 0.05, tolerable: parseRate('0.05', 'tolerable'), expected: { kind: 'count', count: 0 }, population: 1000 }).n; // 57
 */
export function hypergeometricSampleSize(input: AttributeSizeInput & { population: number }): HypergeometricSize {
  const N = input.population;
  const intolerable = ceilTimes(input.tolerable, N);
  // Skip test: each draw finds a deviation with probability at most K*/(N − n + 1) whatever came
  // before, so X is stochastically below Binomial(n, K*/(N − n + 1)) and its lower tail is at
  // least that binomial's; when that is proven ≥ α, n is rejected without the exact CDF.
  const tailAtLeast = binomialLowerTailAtLeast(input.alpha);
  const surelyRejects =
    tailAtLeast && ((n: number, x: number) => x >= intolerable || tailAtLeast(n, x, intolerable / (N - n + 1)));
  const found = smallestSampleSize(
    input.expected,
    (n, x) => x < intolerable && hypergeometricCdf(x, N, intolerable, n) <= input.alpha,
    Math.min(N, MAX_SAMPLE_SIZE),
    surelyRejects,
  );
  if (!found && N > MAX_SAMPLE_SIZE) throw tooLarge(input);
  if (!found) {
    throw tickmarkError('TM_ERR_BAD_PLAN', {
      message: `in a population of ${N}, a tolerable deviation rate of ${formatPercent(input.tolerable)} makes ${intolerable} deviation(s) intolerable, and no sample of at most ${N} items allowing the expected deviations keeps the risk of overreliance at or below the plan's; lower the expected deviations or raise the tolerable rate`,
    });
  }
  return { n: found.n, allowedDeviations: found.x, intolerableDeviations: intolerable };
}

/**
 * The largest number K of population deviations still consistent (P(X ≤ k | N, K, n) > α) with
 * k deviations in a sample of n from N. The upper deviation limit is K / N.
 *
 * @example
 * hypergeometricUpperDeviations(57, 0, 0.05, 1000); // 49
 */
export function hypergeometricUpperDeviations(n: number, k: number, alpha: number, population: number): number {
  // K can be at most N − (n − k): the sample held n − k items without a deviation.
  let low = k; // P(X ≤ k | K = k) = 1 > α
  let high = population - (n - k);
  while (low < high) {
    const mid = low + Math.ceil((high - low) / 2);
    if (hypergeometricCdf(k, population, mid, n) > alpha) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Hypergeometric upper deviation limit: hypergeometricUpperDeviations(…) / N.
 *
 * @example
 * hypergeometricUpperLimit(57, 0, 0.05, 1000); // 0.049
 */
export function hypergeometricUpperLimit(n: number, k: number, alpha: number, population: number): number {
  return hypergeometricUpperDeviations(n, k, alpha, population) / population;
}
