/** Schemas of the operations over a population: completeness, samples, test runs, verification. */
import { nextCursorSchema } from '../pagination.js';
import { ID_PATTERN, idSchema, nullableString, openObject } from './common.js';
import { completenessReportSchema } from './completeness-report.js';
import { nullableEvaluation } from './evaluation.js';
import { manifestSchema, samplePlanSchema, sampleRequestSchema, selectionSchema } from './sample.js';
import { testRequestSchema, testRunBodySchema } from './test-run.js';

const PERIOD = { type: 'string', pattern: '^\\s*\\d{4}-\\d{2}-\\d{2}\\s*\\.\\.\\s*\\d{4}-\\d{2}-\\d{2}\\s*$', description: 'YYYY-MM-DD..YYYY-MM-DD' } as const;
const ZONE = { type: 'string', minLength: 1, maxLength: 64 } as const;
const text = (max: number, description?: string) => ({ type: 'string', maxLength: max, ...(description ? { description } : {}) }) as const;

const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' } as const;
const FIELD = { type: 'string', minLength: 1, maxLength: 200 } as const;
const RATE = { type: ['number', 'string'], description: 'A rate: 0.05, or "5%".' } as const;
const rollTerm = { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', enum: ['count'] }] } as const;

/** The completeness check parameters (src/completeness/params.ts); each is checked against the population before a job starts. */
export const completenessParamsSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Check parameters: fields, thresholds, the control total, the tie-out and the roll-forward.',
  properties: {
    eventField: { ...FIELD, description: 'Timestamp field that places a row in the period.' },
    evidenceCap: { type: 'integer', minimum: 1, maximum: 100_000, description: 'Most rows listed per evidence list (default 100).' },
    calendar: { type: 'string', enum: ['business', 'all'] },
    holidays: { type: 'array', maxItems: 1000, items: DATE },
    edgeWarnDays: { type: 'integer', minimum: 0, maximum: 3660 },
    edgeFailDays: { type: 'integer', minimum: 0, maximum: 3660 },
    lowRatio: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    lowAlpha: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    sequenceField: FIELD,
    sequenceRestart: { type: 'string', enum: ['none', 'yearly'] },
    requiredFields: { type: 'array', maxItems: 200, items: FIELD },
    expectCount: { type: 'integer', minimum: 0 },
    expectSum: { type: 'object', required: ['field', 'amount'], additionalProperties: false, properties: { field: FIELD, amount: { type: ['string', 'number'] } } },
    controlScope: { type: 'string', enum: ['all', 'in_period'] },
    tieOut: { type: 'object', additionalProperties: false, properties: { ourKey: FIELD, theirKey: FIELD, caseFold: { type: 'boolean' }, require: { type: 'string', enum: ['both', 'ours', 'theirs'] } } },
    rollForward: {
      type: 'object', additionalProperties: false,
      properties: { start: rollTerm, adds: rollTerm, removes: rollTerm, end: rollTerm, addedField: FIELD, removedField: FIELD },
    },
  },
} as const;

/** A sample-size plan (src/stats/plan.ts); the fields of its basis are checked by planning it before a job starts. */
export const planSchema = {
  type: 'object',
  required: ['basis'],
  additionalProperties: false,
  description: 'Sample-size plan: the frequency table (frequency, risk), a statistical attribute plan (confidence, tolerable, expected or expectedCount, distribution), a fixed n, or all items.',
  properties: {
    basis: { type: 'string', enum: ['frequency', 'statistical', 'fixed', 'all'] },
    frequency: { type: 'string', maxLength: 50, description: 'frequency: annual, quarterly, monthly, weekly, daily, many-per-day, automated.' },
    risk: { type: 'string', enum: ['lower', 'higher'], description: 'frequency: the risk of the control failing.' },
    table: { type: 'object', maxProperties: 32, additionalProperties: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'integer', minimum: 1 } }, description: "frequency: the firm's table overrides, e.g. {\"daily\": [20, 40]}." },
    confidence: RATE,
    tolerable: RATE,
    expected: RATE,
    expectedCount: { type: 'integer', minimum: 0 },
    distribution: { type: 'string', enum: ['binomial', 'poisson', 'hypergeometric'] },
    population: { type: 'integer', minimum: 1, description: 'Default: the population\'s accepted rows.' },
    n: { type: 'integer', minimum: 1, maximum: 1_000_000, description: 'fixed: the size.' },
  },
} as const;

export const completenessBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    period: { ...PERIOD, description: 'Default: the engagement period.' },
    timeZone: { ...ZONE, description: "Zone of the period (default: the engagement's, else the population's)." },
    params: completenessParamsSchema,
    otherPopulationId: { ...idSchema, description: 'Second population of the same engagement, for the tie-out.' },
  },
} as const;

export const sampleBody = {
  type: 'object',
  required: ['seed'],
  additionalProperties: false,
  properties: {
    seed: { type: 'string', minLength: 1, maxLength: 200, description: 'The seed recorded in the manifest (numbers are taken as text).' },
    size: { type: 'integer', minimum: 1, maximum: 1_000_000, description: 'A fixed sample size; or give `plan`.' },
    plan: planSchema,
    method: { type: 'string', enum: ['random', 'systematic', 'stratified'] },
    strata: { type: 'string', enum: ['month', 'quarter'] },
    allocation: { type: 'string', enum: ['proportional', 'equal'] },
    keyItems: text(2000, 'Condition for items taken in full (e.g. `type=emergency`).'),
    filter: text(2000, 'Condition an item must meet to be eligible.'),
    period: { ...PERIOD, description: "Only items whose event time falls in this period are eligible (default: the engagement's period, else all)." },
    timeZone: ZONE,
  },
} as const;

export const extendBody = {
  type: 'object', required: ['size'], additionalProperties: false,
  properties: { size: { type: 'integer', minimum: 1, maximum: 1_000_000, description: 'The new, larger size; every earlier item is kept.' } },
} as const;

export const verifyBody = {
  type: 'object', additionalProperties: false,
  properties: {
    manifest: { ...openObject, description: "A manifest to re-perform (default: the sample's own)." },
    populationId: { ...idSchema, description: "Population to re-perform against (default: the sample's)." },
  },
} as const;

export const testRunBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    sampleId: { ...idSchema, description: 'Test the items of this sample…' },
    all: { type: 'boolean', description: '…or every row of the population (100% testing).' },
    rules: { description: 'Custom rules (declarative JSON).' },
    builtins: { type: 'boolean', description: 'Run the built-in rules of the kind (default true).' },
    params: { type: 'array', maxItems: 64, items: text(200), description: '`name=value` parameters of the built-in rules, e.g. `disable_days=2bd`.' },
    timeZone: ZONE,
    holidays: { type: 'array', maxItems: 1000, items: DATE },
    period: PERIOD,
    joins: { type: 'object', maxProperties: 8, propertyNames: { type: 'string', enum: ['accounts', 'deployments'] }, additionalProperties: { type: 'string', pattern: ID_PATTERN }, description: 'Second populations by join name (`accounts`, `deployments`).' },
    evaluation: {
      type: 'object', required: ['confidence', 'tolerable'], additionalProperties: false,
      properties: { confidence: RATE, tolerable: RATE, distribution: { type: 'string', enum: ['binomial', 'poisson', 'hypergeometric'] } },
    },
    ruleTimeoutMs: { type: 'integer', minimum: 100, maximum: 600_000 },
  },
} as const;

/** Where the rest of each large list of a result is read (the first page is inline). */
export const pagesSchema = {
  type: 'object',
  description: 'Present when a large list is cut short: per list (by path in the result), how many entries there are, how many are inline, and the link to the next page.',
  additionalProperties: { type: 'object', required: ['total', 'returned', 'next'], additionalProperties: false, properties: { total: { type: 'integer' }, returned: { type: 'integer' }, next: { type: 'string' } } },
} as const;

const stored = (name: string, body: Record<string, unknown>) => ({
  type: 'object',
  required: [name],
  properties: { [name]: { type: 'object', required: ['id', 'populationId', 'createdAt'], properties: { id: idSchema, populationId: idSchema, createdAt: { type: 'string' }, ...body } } },
});

export const completenessEnvelope = stored('completeness', { report: completenessReportSchema });
export const sampleEnvelope = stored('sample', { parentId: nullableString, request: sampleRequestSchema, plan: samplePlanSchema, manifest: manifestSchema, selection: selectionSchema, pages: pagesSchema });
export const testRunEnvelope = stored('testRun', { sampleId: nullableString, request: testRequestSchema, run: testRunBodySchema, evaluation: nullableEvaluation, joins: { ...openObject, description: 'Per join: the population joined, the keys tried and how many rows each matched.' }, pages: pagesSchema });
export const verificationEnvelope = stored('verification', { sampleId: nullableString, identical: { type: 'boolean' }, differences: { type: 'array', items: { type: 'string' } }, manifestSha256: { type: 'string' }, recomputedSha256: { type: 'string' } });

export const artefactListSchema = (name: string, item: Record<string, unknown>) => ({
  type: 'object',
  required: [name, 'nextCursor'],
  properties: {
    [name]: { type: 'array', items: { type: 'object', required: ['id', 'createdAt'], additionalProperties: false, properties: { id: idSchema, createdAt: { type: 'string' }, ...item } } },
    nextCursor: nextCursorSchema,
  },
});

/** One page of a result's list. */
export const listPageSchema = (name: string, item: Record<string, unknown>) => ({
  type: 'object',
  required: [name, 'total', 'nextCursor'],
  properties: { [name]: { type: 'array', items: item }, total: { type: 'integer' }, nextCursor: nextCursorSchema },
});

export const exportQuery = (formats: string[], tables?: string[]) => ({
  type: 'object',
  additionalProperties: false,
  properties: {
    format: { type: 'string', enum: formats, default: formats[0] },
    ...(tables ? { table: { type: 'string', enum: tables, default: tables[0] } } : {}),
  },
});
