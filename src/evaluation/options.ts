/**
 * What a practitioner can do after deviations in a statistical sample (the AICPA Audit Sampling
 * guide's approach): extend the sample — the smallest total size at which the deviations already
 * found would still support the control at the same confidence and tolerable rate, if the added
 * items show none — or conclude the control not effective. Extension is offered only while it is
 * within the population and no more than four times the tested size; beyond that it is not a
 * practical test of the same control.
 *
 * @example
 * extensionSize({ n: 59, deviations: 1, confidence: 0.95, tolerable: 0.05 }) // 93
 */
import { evaluateSample, type Distribution } from '../stats/index.js';

export interface ExtensionInput {
  n: number;
  deviations: number;
  confidence: number;
  tolerable: number;
  distribution?: Distribution;
  population?: number;
}

/** The smallest size ≥ n at which `deviations` are supported, or null when none up to the bound. */
export function extensionSize(input: ExtensionInput, bound = Math.max(input.n * 4, input.n + 1)): number | null {
  const limit = input.population !== undefined ? Math.min(bound, input.population) : bound;
  const supported = (size: number): boolean =>
    evaluateSample({ n: size, deviations: input.deviations, confidence: input.confidence, tolerable: input.tolerable, distribution: input.distribution ?? 'binomial', ...(input.population !== undefined ? { population: input.population } : {}) }).conclusion === 'supported';
  if (input.n > limit || !supported(limit)) return null;
  let lo = input.n;
  let hi = limit;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (supported(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
