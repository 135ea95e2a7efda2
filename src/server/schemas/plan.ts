/** Schemas of sample-size plans: what to plan (a basis and its parameters) and the plan it gives. */
import { idSchema } from './common.js';

const rate = { type: ['number', 'string'], description: 'A rate: 0.05, "5%" or "0.05".' } as const;

export const planInputSchema = {
  type: 'object',
  required: ['basis'],
  additionalProperties: false,
  properties: {
    basis: { type: 'string', enum: ['frequency', 'statistical', 'fixed', 'all'] },
    frequency: { type: 'string', maxLength: 100, description: 'frequency: how often the control runs (annual, quarterly, monthly, weekly, daily, many-per-day, automated).' },
    risk: { type: 'string', enum: ['lower', 'higher'], description: 'frequency: lower risk takes the low end of the range, higher the high end.' },
    table: { type: 'object', additionalProperties: true, description: "frequency: the firm's overrides of the table, e.g. {\"daily\": [25, 45]}." },
    confidence: { ...rate, description: 'statistical: confidence (1 − risk of overreliance), e.g. 0.95.' },
    tolerable: { ...rate, description: 'statistical: tolerable deviation rate, e.g. 0.05.' },
    expected: { ...rate, description: 'statistical: expected deviation rate.' },
    expectedCount: { type: 'integer', minimum: 0, maximum: 1_000_000, description: 'statistical: expected deviations as a count.' },
    distribution: { type: 'string', enum: ['binomial', 'poisson', 'hypergeometric'] },
    n: { type: 'integer', minimum: 1, maximum: 1_000_000, description: 'fixed: the size.' },
    population: { type: 'integer', minimum: 1, description: 'Population size (default: the accepted rows of populationId).' },
  },
} as const;

export const planBody = {
  type: 'object',
  required: ['plan'],
  additionalProperties: false,
  properties: {
    plan: planInputSchema,
    populationId: { ...idSchema, description: "Plan for this population: its accepted rows are the population size, as a sample or pull of it would use." },
  },
  examples: [{ populationId: 'pop_4e6175feef57bf5de7d97559', plan: { basis: 'statistical', confidence: 0.95, tolerable: 0.05, expectedCount: 1 } }],
} as const;

export const samplePlanSchema = {
  type: 'object',
  required: ['basis', 'n', 'allowedDeviations', 'statistical', 'rationale', 'conventions'],
  additionalProperties: true,
  properties: {
    basis: { type: 'string', enum: ['frequency', 'statistical', 'fixed', 'all'] },
    n: { type: 'integer', description: 'Items to test.' },
    allowedDeviations: { type: 'integer', description: 'Deviations the sample may show and still support the control (0 unless statistical).' },
    distribution: { type: ['string', 'null'], enum: ['binomial', 'poisson', 'hypergeometric', null] },
    statistical: { type: 'boolean' },
    rationale: { type: 'string', description: 'One sentence for the workbook.' },
    conventions: { type: 'string', description: 'Distribution, inequality, finite population, rounding.' },
    extendedFrom: { type: 'integer' },
    parameters: { type: 'object', additionalProperties: true, description: 'The parameters as resolved (rates as numbers, the table range, the population).' },
  },
  examples: [{ basis: 'statistical', n: 93, allowedDeviations: 1, distribution: 'binomial', statistical: true, rationale: 'Statistical attribute sample …', conventions: '…', parameters: { confidence: 0.95, tolerable: 0.05 } }],
} as const;

export const planResponse = { type: 'object', required: ['plan'], properties: { plan: samplePlanSchema } } as const;
