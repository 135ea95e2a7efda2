/**
 * The @stdlib distribution functions the statistics use, loaded on first call: together they are
 * some hundreds of modules, which a pull of a fixed-size sample never calls.
 *
 * @example
 * binomialCdf(0, 59, 0.05) // 0.0485…
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A function of numbers required from `id` when first called. */
function onFirstCall<F extends (...args: number[]) => number>(id: string): F {
  let loaded: F | undefined;
  return ((...args: number[]) => (loaded ??= require(id) as F)(...args)) as F;
}

/** P(X ≤ x) for X ~ Binomial(n, p). */
export const binomialCdf = onFirstCall<(x: number, n: number, p: number) => number>('@stdlib/stats-base-dists-binomial-cdf');
/** The p-quantile of Beta(a, b). */
export const betaQuantile = onFirstCall<(p: number, a: number, b: number) => number>('@stdlib/stats-base-dists-beta-quantile');
/** The p-quantile of Gamma(shape α, rate β). */
export const gammaQuantile = onFirstCall<(p: number, alpha: number, beta: number) => number>('@stdlib/stats-base-dists-gamma-quantile');
/** P(X ≤ x) for X ~ Hypergeometric(N, K, n). */
export const hypergeometricCdf = onFirstCall<(x: number, N: number, K: number, n: number) => number>('@stdlib/stats-base-dists-hypergeometric-cdf');
