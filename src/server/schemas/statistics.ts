/** Schemas of the evaluation route: k deviations in n in, the upper deviation limit out. */

const RATE = { type: ['number', 'string'], description: 'A rate: 0.05, or "5%".' } as const;
const DISTRIBUTION = { type: 'string', enum: ['binomial', 'poisson', 'hypergeometric'] } as const;

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
