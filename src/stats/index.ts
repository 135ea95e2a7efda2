/**
 * Attribute sampling statistics: exact rates, sample sizes (frequency table, binomial, Poisson,
 * hypergeometric) and evaluation of results. Re-exports only.
 *
 * @example
 * import { planSample, evaluateSample } from './stats/index.js';
 */
export * from './rate.js';
export * from './search.js';
export * from './binomial.js';
export * from './poisson.js';
export * from './hypergeometric.js';
export * from './frequency.js';
export * from './plan.js';
export * from './evaluate.js';
