/**
 * Poisson attribute sampling (the approximation behind many audit tools): planning keeps the
 * expected deviations EDR·n fractional and takes the smallest n with
 * qgamma(1−α, shape = 1 + EDR·n, rate = n) < TDR; evaluation is UL = qgamma(1−α, k+1) / n.
 *
 * @example
 * poissonSampleSize({ alpha: 0.05, tolerable: parseRate('5%', 'tolerable'), expected: { kind: 'count', count: 0 } });
 * // { n: 60, allowedDeviations: 0 }
 */
import { gammaQuantile } from './distributions.js';
import { floorTimes, rateToNumber } from './rate.js';
import { MAX_SAMPLE_SIZE, tooLarge, type AttributeSize, type AttributeSizeInput } from './search.js';

/**
 * Smallest n with qgamma(1−α, 1 + λ, rate n) < TDR, λ = EDR·n (fractional) or the expected count.
 * The bound falls as n grows, so an exponential then binary search finds the first n.
 * allowedDeviations is the largest whole k still supported: floor(EDR·n), or the count.
 *
 * @example
 * poissonSampleSize({ alpha: 0.05, tolerable: parseRate('0.05', 'tolerable'), expected: { kind: 'rate', rate: parseRate('1%', 'expected') } });
 */
export function poissonSampleSize(input: AttributeSizeInput): AttributeSize {
  const tdr = rateToNumber(input.tolerable);
  const { expected } = input;
  const expectedAt = (n: number): number =>
    expected.kind === 'count' ? expected.count : (Number(expected.rate.num) * n) / Number(expected.rate.den);
  const accepts = (n: number): boolean => gammaUpper(1 + expectedAt(n), input.alpha) < tdr * n;
  let low = 1;
  let high = 1;
  while (!accepts(high)) {
    if (high >= MAX_SAMPLE_SIZE) throw tooLarge(input);
    low = high + 1;
    high = Math.min(MAX_SAMPLE_SIZE, high * 2);
  }
  while (low < high) {
    const mid = low + Math.floor((high - low) / 2);
    if (accepts(mid)) high = mid;
    else low = mid + 1;
  }
  const allowedDeviations = expected.kind === 'count' ? expected.count : floorTimes(expected.rate, high);
  return { n: high, allowedDeviations };
}

/**
 * Poisson upper deviation limit qgamma(1−α, k+1) / n, capped at 1.
 *
 * @example
 * poissonUpperLimit(60, 0, 0.05); // 0.0499… (−ln 0.05 / 60)
 */
export function poissonUpperLimit(n: number, k: number, alpha: number): number {
  return Math.min(1, gammaUpper(k + 1, alpha) / n);
}

/** qgamma(1−α, shape, rate 1); shape 1 is the exponential, whose quantile is exactly −ln α. */
function gammaUpper(shape: number, alpha: number): number {
  return shape === 1 ? -Math.log(alpha) : gammaQuantile(1 - alpha, shape, 1);
}
