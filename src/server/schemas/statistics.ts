/** Schemas of the statistics routes: a sample-size plan and an attribute-sample evaluation. */
import { planSchema } from './operations.js';

const RATE = { type: ['number', 'string'], description: 'A rate: 0.05, or "5%".' } as const;
const DISTRIBUTION = { type: 'string', enum: ['binomial', 'poisson', 'hypergeometric'] } as const;

/** What to plan: the sample body's plan, with the population size (needed for `all` and hypergeometric). */
export const planBody = { ...planSchema, description: 'A plan on one basis: frequency (frequency, risk, table), statistical (confidence, tolerable, expected or expectedCount, distribution, population), fixed (n, population) or all (population).' } as const;

/** A SamplePlan (src/stats/plan.ts): the size, the deviations it allows, its rationale and conventions, and its basis's parameters. */
export const samplePlanSchema = {
  type: 'object',
  required: ['basis', 'statistical', 'distribution', 'n', 'allowedDeviations', 'rationale', 'conventions', 'parameters'],
  additionalProperties: false,
  properties: {
    basis: { type: 'string', enum: ['frequency', 'statistical', 'fixed', 'all'] },
    statistical: { type: 'boolean' },
    distribution: { anyOf: [DISTRIBUTION, { type: 'null' }] },
    n: { type: 'integer', description: 'Items to test.' },
    allowedDeviations: { type: 'integer', description: 'Deviations the sample may show and still support the control (0 for non-statistical bases).' },
    rationale: { type: 'string', description: 'One sentence for the workbook.' },
    conventions: { type: 'string', description: 'Distribution, inequality, finite population or not, rounding.' },
    extendedFrom: { type: 'integer' },
    parameters: {
      type: 'object',
      additionalProperties: false,
      description: "The basis's parameters: statistical (confidence, riskOfOverreliance, tolerable, expected, expectedCount, population, intolerableDeviations, computedSize, allTested), frequency (frequency, risk, range, tableSize, population, allTested), fixed (requested, population, allTested), all (population, allTested).",
      properties: {
        confidence: { type: 'number' }, riskOfOverreliance: { type: 'number' }, tolerable: { type: 'number' },
        expected: { type: ['number', 'null'] }, expectedCount: { type: ['integer', 'null'] }, population: { type: ['integer', 'null'] },
        intolerableDeviations: { type: ['integer', 'null'] }, computedSize: { type: 'integer' }, allTested: { type: 'boolean' },
        frequency: { type: 'string' }, risk: { type: 'string', enum: ['lower', 'higher'] }, range: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 }, tableSize: { type: 'integer' },
        requested: { type: 'integer' },
      },
    },
  },
} as const;

export const evaluationBody = {
  type: 'object',
  required: ['n', 'deviations'],
  additionalProperties: false,
  properties: {
    n: { type: 'integer', minimum: 1, maximum: 100_000_000, description: 'Items tested.' },
    deviations: { type: 'integer', minimum: 0, description: 'Deviations found (k).' },
    confidence: { ...RATE, description: 'Default 95% (the answer lists the defaults it used).' },
    tolerable: { ...RATE, description: 'Tolerable deviation rate; default 5% (the answer lists the defaults it used).' },
    distribution: DISTRIBUTION,
    population: { type: 'integer', minimum: 1, description: 'Population size (needed for hypergeometric).' },
    allowedDeviations: { type: 'integer', minimum: 0, description: 'The deviations the plan allowed, carried into the answer.' },
  },
} as const;

/** A SampleEvaluation (src/stats/evaluate.ts) and the defaults used for what the request left out. */
export const evaluationSchema = {
  type: 'object',
  required: ['n', 'deviations', 'sampleRate', 'upperLimit', 'upperLimitPct', 'allowanceForSamplingRisk', 'tolerable', 'confidence', 'riskOfOverreliance', 'distribution', 'population', 'conclusion', 'rationale', 'conventions'],
  additionalProperties: false,
  properties: {
    n: { type: 'integer' }, deviations: { type: 'integer' },
    sampleRate: { type: 'number', description: 'k / n.' },
    upperLimit: { type: 'number', description: 'The exact upper deviation limit, 0..1.' },
    upperLimitPct: { type: 'number', description: 'As the AICPA tables print it: a percentage rounded up to 0.1.' },
    allowanceForSamplingRisk: { type: 'number' },
    tolerable: { type: 'number' }, confidence: { type: 'number' }, riskOfOverreliance: { type: 'number' },
    distribution: DISTRIBUTION,
    population: { type: ['integer', 'null'] },
    conclusion: { type: 'string', enum: ['supported', 'not_supported'] },
    allowedDeviations: { type: 'integer' },
    rationale: { type: 'string' }, conventions: { type: 'string' },
  },
} as const;
