/**
 * One entry point for sample sizes: `planSample` takes a plan on one of four bases (the firm's
 * frequency table, a statistical attribute plan, a fixed size, or all items) and returns a
 * `SamplePlan` with the size, the deviations it allows, a rationale sentence for the workbook
 * and the conventions statement every export carries (statistics.md).
 *
 * @example
 * planSample({ basis: 'statistical', confidence: 0.95, tolerable: 0.05, expectedCount: 1 });
 * // { basis: 'statistical', n: 93, allowedDeviations: 1, distribution: 'binomial', … }
 */
import { tickmarkError } from '../errors.js';
import { binomialSampleSize } from './binomial.js';
import { frequencySampleSize, parseFrequencyTable, type ControlRisk } from './frequency.js';
import { hypergeometricSampleSize } from './hypergeometric.js';
import { poissonSampleSize } from './poisson.js';
import { complement, compareRates, formatPercent, parseRate, rateToNumber, type Rate, type RateInput } from './rate.js';
import type { ExpectedDeviations } from './search.js';
import { grouped } from '../text/grouped.js';

/** The distributions an attribute plan or evaluation can use. */
export type Distribution = 'binomial' | 'poisson' | 'hypergeometric';

/**
 * The distributions, in the order they are offered.
 *
 * @example
 * DISTRIBUTIONS.includes('poisson'); // true
 */
export const DISTRIBUTIONS: readonly Distribution[] = ['binomial', 'poisson', 'hypergeometric'];

export interface FrequencyPlanInput {
  basis: 'frequency';
  /** How often the control runs: annual, quarterly, monthly, weekly, daily, many-per-day, automated. */
  frequency: string;
  risk: ControlRisk | string;
  population?: number | undefined;
  /** The firm's overrides, as parsed JSON (`{ "daily": [20, 40] }`); laid over the default table. */
  table?: unknown | undefined;
}

export interface StatisticalPlanInput {
  basis: 'statistical';
  /** 1 − risk of overreliance: 0.95, '95%'. */
  confidence: RateInput;
  /** Tolerable deviation rate: 0.05, '5%'. */
  tolerable: RateInput;
  /** Expected population deviation rate (EDR); omit (or 0) for none. */
  expected?: RateInput | undefined;
  /** Expected deviations as a whole count instead of a rate. */
  expectedCount?: number | undefined;
  /** Default binomial. Hypergeometric needs the population. */
  distribution?: Distribution | undefined;
  population?: number | undefined;
}

export interface FixedPlanInput {
  basis: 'fixed';
  n: number;
  population?: number | undefined;
}

export interface AllItemsPlanInput {
  basis: 'all';
  population: number;
}

/** What to plan: a discriminated union on `basis`. */
export type PlanInput = FrequencyPlanInput | StatisticalPlanInput | FixedPlanInput | AllItemsPlanInput;

interface PlanCommon {
  /** Items to test. */
  n: number;
  /** Deviations the sample may show and still support the control (0 for non-statistical bases). */
  allowedDeviations: number;
  /** One sentence for the workbook. */
  rationale: string;
  /** The conventions statement: distribution, inequality, finite N or not, EDR rounding, computed. */
  conventions: string;
  /** The size of the sample this plan's sample extended (after deviations); n is then the extended size. */
  extendedFrom?: number;
}

export interface StatisticalSamplePlan extends PlanCommon {
  basis: 'statistical';
  statistical: true;
  distribution: Distribution;
  parameters: {
    confidence: number;
    riskOfOverreliance: number;
    tolerable: number;
    /** The EDR used (0 when none expected); null when a count was given. */
    expected: number | null;
    expectedCount: number | null;
    population: number | null;
    /** Hypergeometric only: K* = ceil(TDR·N). */
    intolerableDeviations: number | null;
    /** The size the distribution gave, before any cap at the population. */
    computedSize: number;
    /** True when the computed size reached the population, so every item is tested. */
    allTested: boolean;
  };
}

export interface FrequencySamplePlan extends PlanCommon {
  basis: 'frequency';
  statistical: false;
  distribution: null;
  parameters: {
    frequency: string;
    risk: ControlRisk;
    range: readonly [number, number];
    tableSize: number;
    population: number | null;
    allTested: boolean;
  };
}

export interface FixedSamplePlan extends PlanCommon {
  basis: 'fixed';
  statistical: false;
  distribution: null;
  parameters: { requested: number; population: number | null; allTested: boolean };
}

export interface AllItemsSamplePlan extends PlanCommon {
  basis: 'all';
  statistical: false;
  distribution: null;
  parameters: { population: number; allTested: true };
}

/** A planned sample: a discriminated union on `basis`. */
export type SamplePlan = StatisticalSamplePlan | FrequencySamplePlan | FixedSamplePlan | AllItemsSamplePlan;

function badPlan(message: string, extra: Record<string, unknown> = {}): never {
  throw tickmarkError('TM_ERR_BAD_PLAN', { message, ...extra });
}

/**
 * Validate a whole-number count (population, size, expected count); TM_ERR_BAD_PLAN otherwise.
 *
 * @example
 * wholeNumber(1000, 'population', 1); // 1000
 */
export function wholeNumber(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    badPlan(`${field} must be a whole number of at least ${min}; got ${JSON.stringify(value)}`, { field });
  }
  return value;
}

const plural = (count: number, word: string): string => `${grouped(count)} ${word}${count === 1 ? '' : 's'}`;

/**
 * Plan a sample on any basis.
 *
 * @example
 * planSample({ basis: 'frequency', frequency: 'daily', risk: 'higher' }).n; // 40
 * planSample({ basis: 'statistical', confidence: '95%', tolerable: '5%', expected: '1%' }).n; // 93
 */
export function planSample(input: PlanInput): SamplePlan {
  switch (input.basis) {
    case 'frequency':
      return planByFrequency(input);
    case 'statistical':
      return planStatistical(input);
    case 'fixed':
      return planFixed(input);
    case 'all':
      return planAll(input);
    default: {
      const basis = (input as { basis?: unknown }).basis;
      return badPlan(`basis must be one of frequency, statistical, fixed, all; got ${JSON.stringify(basis)}`, { field: 'basis' });
    }
  }
}

function planByFrequency(input: FrequencyPlanInput): FrequencySamplePlan {
  const table = input.table === undefined ? undefined : parseFrequencyTable(input.table);
  const population = input.population === undefined ? undefined : wholeNumber(input.population, 'population', 1);
  const size = frequencySampleSize({ frequency: input.frequency, risk: input.risk, population, table });
  const [low, high] = size.range;
  const rangeText = low === high ? `${low}` : `${low}–${high}`;
  const rationale = size.allTested
    ? `Non-statistical sample from the firm's frequency table: ${size.frequency} control, ${size.risk} risk → table size ${size.tableSize}; population smaller than the table size: all items tested (n = ${grouped(size.n)}).`
    : `Non-statistical sample from the firm's frequency table: ${size.frequency} control (table ${rangeText}), ${size.risk} risk → n = ${size.n}.`;
  return {
    basis: 'frequency',
    n: size.n,
    allowedDeviations: 0,
    distribution: null,
    statistical: false,
    rationale,
    parameters: {
      frequency: size.frequency,
      risk: size.risk,
      range: size.range,
      tableSize: size.tableSize,
      population: population ?? null,
      allTested: size.allTested,
    },
    conventions:
      `Non-statistical: the size comes from the firm's control-frequency table (${size.frequency}: ${rangeText}; lower risk takes the low end, higher risk the high end), ` +
      'not from a probability distribution, so no statistical conclusion or upper deviation limit applies. Frequency means how often the control runs, not how many transactions it covers.',
  };
}

function planFixed(input: FixedPlanInput): FixedSamplePlan {
  const requested = wholeNumber(input.n, 'sample size', 1);
  const population = input.population === undefined ? undefined : wholeNumber(input.population, 'population', 1);
  const allTested = population !== undefined && population <= requested;
  const n = allTested ? population : requested;
  return {
    basis: 'fixed',
    n,
    allowedDeviations: 0,
    distribution: null,
    statistical: false,
    rationale: allTested
      ? `Non-statistical sample of a size set by the auditor (${grouped(requested)}); population smaller than the size: all items tested (n = ${grouped(n)}).`
      : `Non-statistical sample of a size set by the auditor: n = ${grouped(n)}.`,
    parameters: { requested, population: population ?? null, allTested },
    conventions: 'Non-statistical: the size was set by the auditor, not computed from a probability distribution, so no statistical conclusion or upper deviation limit applies.',
  };
}

function planAll(input: AllItemsPlanInput): AllItemsSamplePlan {
  const population = wholeNumber(input.population, 'population', 1);
  return {
    basis: 'all',
    n: population,
    allowedDeviations: 0,
    distribution: null,
    statistical: false,
    rationale: `All ${grouped(population)} items in the population tested; no sampling.`,
    parameters: { population, allTested: true },
    conventions: 'Every item in the population is tested: there is no sampling risk and no distribution is used.',
  };
}

/** Normalised statistical inputs shared with evaluation. */
export interface AttributeRisk {
  confidence: Rate;
  alpha: Rate;
  tolerable: Rate;
}

/**
 * Parse confidence and tolerable rate into exact rates (coded errors when out of range).
 *
 * @example
 * parseAttributeRisk('95%', 0.05).alpha; // { num: 1n, den: 20n }
 */
export function parseAttributeRisk(confidence: RateInput, tolerable: RateInput): AttributeRisk {
  const c = parseRate(confidence, 'confidence');
  return { confidence: c, alpha: complement(c), tolerable: parseRate(tolerable, 'tolerable') };
}

/**
 * Check a distribution name (undefined → binomial); TM_ERR_BAD_PLAN for anything else.
 *
 * @example
 * parseDistribution(undefined); // 'binomial'
 */
export function parseDistribution(distribution: unknown): Distribution {
  if (distribution === undefined) return 'binomial';
  if (typeof distribution === 'string' && (DISTRIBUTIONS as readonly string[]).includes(distribution)) {
    return distribution as Distribution;
  }
  return badPlan(`distribution must be one of ${DISTRIBUTIONS.join(', ')}; got ${JSON.stringify(distribution)}`, { field: 'distribution' });
}

function planStatistical(input: StatisticalPlanInput): StatisticalSamplePlan {
  const risk = parseAttributeRisk(input.confidence, input.tolerable);
  const distribution = parseDistribution(input.distribution);
  const population = input.population === undefined ? undefined : wholeNumber(input.population, 'population', 1);
  if (input.expected !== undefined && input.expectedCount !== undefined) {
    badPlan('give the expected deviations either as a rate (expected) or as a count (expectedCount), not both');
  }
  let expected: ExpectedDeviations;
  if (input.expectedCount !== undefined) {
    expected = { kind: 'count', count: wholeNumber(input.expectedCount, 'expectedCount', 0) };
  } else {
    const rate = input.expected === undefined ? parseRate(0, 'expected', { allowZero: true }) : parseRate(input.expected, 'expected', { allowZero: true });
    if (compareRates(rate, risk.tolerable) >= 0) {
      badPlan(
        `the expected deviation rate (${formatPercent(rate)}) must be below the tolerable deviation rate (${formatPercent(risk.tolerable)})`,
        { field: 'expected' },
      );
    }
    expected = { kind: 'rate', rate };
  }
  if (distribution === 'hypergeometric' && population === undefined) {
    badPlan('the hypergeometric distribution needs the population size (population)', { field: 'population' });
  }

  const sizeInput = { alpha: rateToNumber(risk.alpha), tolerable: risk.tolerable, expected };
  let computed: { n: number; allowedDeviations: number };
  let intolerable: number | null = null;
  if (distribution === 'hypergeometric') {
    const size = hypergeometricSampleSize({ ...sizeInput, population: population as number });
    computed = size;
    intolerable = size.intolerableDeviations;
  } else {
    computed = distribution === 'poisson' ? poissonSampleSize(sizeInput) : binomialSampleSize(sizeInput);
  }
  const allTested = population !== undefined && computed.n >= population;
  const n = allTested ? population : computed.n;

  const confidenceText = formatPercent(risk.confidence);
  const expectedText =
    expected.kind === 'count'
      ? expected.count === 0
        ? 'no deviations expected'
        : `expected ${plural(expected.count, 'deviation')}`
      : expected.rate.num === 0n
        ? 'no deviations expected'
        : `expected deviation rate ${formatPercent(expected.rate)}`;
  const distributionText =
    distribution === 'hypergeometric'
      ? `hypergeometric (population ${grouped(population as number)}, ${plural(intolerable as number, 'deviation')} intolerable)`
      : distribution;
  const allowedText =
    computed.allowedDeviations === 0 ? 'no deviations allowed' : `up to ${plural(computed.allowedDeviations, 'deviation')} allowed`;
  const sizeText = allTested
    ? computed.n > (population as number)
      ? `n = ${grouped(computed.n)} exceeds the population of ${grouped(population as number)}: all items tested (n = ${grouped(n)}), ${allowedText}`
      : `n = ${grouped(n)}, the whole population: all items tested, ${allowedText}`
    : `n = ${grouped(n)}, ${allowedText}`;
  const rationale =
    `Statistical attribute sample: ${distributionText}, ${confidenceText} confidence (${formatPercent(risk.alpha)} risk of overreliance), ` +
    `tolerable deviation rate ${formatPercent(risk.tolerable)}, ${expectedText} → ${sizeText}.`;

  return {
    basis: 'statistical',
    n,
    allowedDeviations: computed.allowedDeviations,
    distribution,
    statistical: true,
    rationale,
    parameters: {
      confidence: rateToNumber(risk.confidence),
      riskOfOverreliance: rateToNumber(risk.alpha),
      tolerable: rateToNumber(risk.tolerable),
      expected: expected.kind === 'rate' ? rateToNumber(expected.rate) : null,
      expectedCount: expected.kind === 'count' ? expected.count : null,
      population: population ?? null,
      intolerableDeviations: intolerable,
      computedSize: computed.n,
      allTested,
    },
    conventions: statisticalConventions(distribution, expected, population, intolerable),
  };
}

function expectedConvention(expected: ExpectedDeviations, poisson: boolean): string {
  if (expected.kind === 'count') {
    return `x is the expected deviation count given (${expected.count}), not derived from a rate`;
  }
  if (expected.rate.num === 0n) return 'no deviations were expected, so x = 0';
  const fraction = `${expected.rate.num}/${expected.rate.den}`;
  return poisson
    ? `EDR·n is kept fractional (EDR = ${formatPercent(expected.rate)} held exactly as ${fraction}), and the deviations allowed are floor(EDR·n), the most a sample of n can show and still meet the bound`
    : `x = ceil(EDR·n) in exact rational arithmetic (EDR = ${formatPercent(expected.rate)} held as the fraction ${fraction}, so ceil is taken of the exact product with no floating-point rounding)`;
}

function statisticalConventions(
  distribution: Distribution,
  expected: ExpectedDeviations,
  population: number | undefined,
  intolerable: number | null,
): string {
  const computed = 'Probabilities and quantiles are computed with the @stdlib distribution functions, not looked up in printed tables.';
  const cap =
    population === undefined ? '' : ` The population of ${grouped(population)} items only caps the size (all items are tested when n reaches it).`;
  switch (distribution) {
    case 'binomial':
      return (
        'Binomial distribution (AICPA Audit Sampling guide, Tables A-1/A-2): the population is treated as infinite (sampling with replacement). ' +
        `n is the smallest integer with P(X ≤ x | n, TDR) < α (strict), where ${expectedConvention(expected, false)}; the deviations allowed are x.${cap} ` +
        `Evaluation uses the one-sided Clopper–Pearson limit qbeta(1−α, k+1, n−k). ${computed}`
      );
    case 'poisson':
      return (
        'Poisson approximation: the population is treated as infinite. ' +
        `n is the smallest integer with qgamma(1−α, shape = 1 + EDR·n, rate = n) < TDR (strict), where ${expectedConvention(expected, true)}.${cap} ` +
        `Evaluation uses qgamma(1−α, k+1) / n. ${computed}`
      );
    case 'hypergeometric':
      return (
        `Hypergeometric distribution: the population is treated as finite (N = ${grouped(population as number)}, sampling without replacement). ` +
        `K* = ceil(TDR·N) = ${grouped(intolerable as number)} population deviations are intolerable; n is the smallest integer with P(X ≤ x | N, K*, n) ≤ α, ` +
        `where ${expectedConvention(expected, false)}; the deviations allowed are x. ` +
        `Evaluation uses max{K ≥ k : P(X ≤ k | N, K, n) > α} / N. ${computed}`
      );
  }
}

/**
 * The plan of a sample extended from `plan.n` to `size` items with the same seed: the same basis
 * and parameters (a statistical plan stays statistical), n the new size, the extension recorded.
 *
 * @example
 * extendPlan(planSample({ basis: 'statistical', confidence: 0.95, tolerable: 0.05 }), 93).n // 93
 */
export function extendPlan(plan: SamplePlan, size: number): SamplePlan {
  const from = plan.extendedFrom ?? plan.n;
  return {
    ...plan,
    n: size,
    extendedFrom: from,
    rationale: `${plan.rationale} Extended from ${grouped(plan.n)} to ${grouped(size)} items with the same seed (every earlier item kept), evaluated under the same parameters.`,
  } as SamplePlan;
}
