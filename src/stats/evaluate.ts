/**
 * Evaluation of an attribute sample: the upper deviation limit (UL) at the plan's confidence,
 * exactly and as the AICPA tables print it (rounded up to 0.1%), the sample deviation rate,
 * and the conclusion — the control is supported when UL ≤ TDR.
 *
 * @example
 * evaluateSample({ n: 60, deviations: 1, confidence: 0.95, tolerable: 0.05 });
 * // { upperLimit: 0.0766…, upperLimitPct: 7.7, sampleRate: 0.0166…, conclusion: 'not_supported', … }
 */
import { tickmarkError } from '../errors.js';
import { binomialUpperLimit } from './binomial.js';
import { hypergeometricUpperDeviations } from './hypergeometric.js';
import { parseAttributeRisk, parseDistribution, wholeNumber, type Distribution } from './plan.js';
import { poissonUpperLimit } from './poisson.js';
import { formatPercent, rateToNumber, type RateInput } from './rate.js';
import { grouped } from '../text/grouped.js';

export interface EvaluateInput {
  /** Items tested. */
  n: number;
  /** Deviations found (k). */
  deviations: number;
  confidence: RateInput;
  tolerable: RateInput;
  /** Default binomial; hypergeometric needs the population. */
  distribution?: Distribution | undefined;
  population?: number | undefined;
  /** The deviations the plan allowed, carried into the result for the workbook. */
  allowedDeviations?: number | undefined;
}

export type Conclusion = 'supported' | 'not_supported';

export interface SampleEvaluation {
  n: number;
  deviations: number;
  /** k / n. */
  sampleRate: number;
  /** The exact upper deviation limit, 0..1. */
  upperLimit: number;
  /** The limit as the AICPA tables print it: a percentage rounded up to 0.1 (7.664% → 7.7). */
  upperLimitPct: number;
  /** upperLimit − sampleRate. */
  allowanceForSamplingRisk: number;
  tolerable: number;
  confidence: number;
  riskOfOverreliance: number;
  distribution: Distribution;
  population: number | null;
  conclusion: Conclusion;
  allowedDeviations?: number;
  rationale: string;
  conventions: string;
}

function badPlan(message: string, field: string): never {
  throw tickmarkError('TM_ERR_BAD_PLAN', { message, field });
}

/** Round a rate up to the next 0.1%, ignoring float noise far below the table's precision. */
function tablePercent(rate: number): number {
  return Math.ceil(rate * 1000 - 1e-9) / 10;
}

const percentText = (value: number): string => `${Number(value.toFixed(3))}%`;

/**
 * Evaluate k deviations in a sample of n.
 *
 * @example
 * evaluateSample({ n: 100, deviations: 2, confidence: '95%', tolerable: '7%' }).upperLimitPct; // 6.2
 */
export function evaluateSample(input: EvaluateInput): SampleEvaluation {
  const n = wholeNumber(input.n, 'n (items tested)', 1);
  const k = wholeNumber(input.deviations, 'deviations', 0);
  if (k > n) badPlan(`deviations (${k}) cannot exceed the items tested (${n})`, 'deviations');
  const risk = parseAttributeRisk(input.confidence, input.tolerable);
  const distribution = parseDistribution(input.distribution);
  const population = input.population === undefined ? undefined : wholeNumber(input.population, 'population', 1);
  if (population !== undefined && n > population) {
    badPlan(`items tested (${n}) cannot exceed the population (${population})`, 'population');
  }
  if (distribution === 'hypergeometric' && population === undefined) {
    badPlan('the hypergeometric distribution needs the population size (population)', 'population');
  }
  const allowed = input.allowedDeviations === undefined ? undefined : wholeNumber(input.allowedDeviations, 'allowedDeviations', 0);

  const alpha = rateToNumber(risk.alpha);
  const tdr = risk.tolerable;
  let upperLimit: number;
  let upperLimitPct: number;
  let supported: boolean;
  if (distribution === 'hypergeometric') {
    const N = population as number;
    const K = hypergeometricUpperDeviations(n, k, alpha, N);
    upperLimit = K / N;
    // Exact on integers: ceil(1000·K / N) tenths of a percent; K/N ≤ TDR as K·den ≤ num·N.
    upperLimitPct = Number((1000n * BigInt(K) + BigInt(N) - 1n) / BigInt(N)) / 10;
    supported = BigInt(K) * tdr.den <= tdr.num * BigInt(N);
  } else {
    upperLimit = distribution === 'poisson' ? poissonUpperLimit(n, k, alpha) : binomialUpperLimit(n, k, alpha);
    upperLimitPct = tablePercent(upperLimit);
    supported = upperLimit <= rateToNumber(tdr);
  }
  const sampleRate = k / n;
  const conclusion: Conclusion = supported ? 'supported' : 'not_supported';

  const found = `${grouped(k)} deviation${k === 1 ? '' : 's'} in ${grouped(n)} items (sample rate ${percentText(sampleRate * 100)})`;
  const against = supported
    ? `is within the tolerable deviation rate of ${formatPercent(tdr)}: the sample supports the control`
    : `exceeds the tolerable deviation rate of ${formatPercent(tdr)}: the sample does not support the control`;
  const planned =
    allowed === undefined ? '' : ` The plan allowed ${grouped(allowed)} deviation${allowed === 1 ? '' : 's'}.`;
  const rationale =
    `${found}; upper deviation limit ${upperLimitPct.toFixed(1)}% (exact ${percentText(upperLimit * 100)}) at ${formatPercent(risk.confidence)} confidence, ${distribution}, ` +
    `${against}.${planned}`;

  const conventions =
    (distribution === 'binomial'
      ? 'Binomial: one-sided Clopper–Pearson upper limit qbeta(1−α, k+1, n−k) (k = 0: 1 − α^(1/n)); the population is treated as infinite.'
      : distribution === 'poisson'
        ? 'Poisson: upper limit qgamma(1−α, k+1) / n, capped at 100%; the population is treated as infinite.'
        : `Hypergeometric: upper limit max{K ≥ k : P(X ≤ k | N, K, n) > α} / N with N = ${grouped(population as number)} (finite population).`) +
    ' The table-style figure rounds the exact limit up to 0.1%. The control is supported when the limit ≤ the tolerable rate. Computed with the @stdlib distribution functions, not looked up in printed tables.';

  return {
    n,
    deviations: k,
    sampleRate,
    upperLimit,
    upperLimitPct,
    allowanceForSamplingRisk: upperLimit - sampleRate,
    tolerable: rateToNumber(tdr),
    confidence: rateToNumber(risk.confidence),
    riskOfOverreliance: alpha,
    distribution,
    population: population ?? null,
    conclusion,
    ...(allowed === undefined ? {} : { allowedDeviations: allowed }),
    rationale,
    conventions,
  };
}
