/** Schemas of the operations over a population: completeness, samples, test runs, verification. */
import { ID_PATTERN, idSchema, nullableString, openObject } from './common.js';

const PERIOD = { type: 'string', pattern: '^\\s*\\d{4}-\\d{2}-\\d{2}\\s*\\.\\.\\s*\\d{4}-\\d{2}-\\d{2}\\s*$', description: 'YYYY-MM-DD..YYYY-MM-DD' } as const;
const ZONE = { type: 'string', minLength: 1, maxLength: 64 } as const;
const text = (max: number, description?: string) => ({ type: 'string', maxLength: max, ...(description ? { description } : {}) }) as const;

export const completenessBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    period: { ...PERIOD, description: 'Default: the engagement period.' },
    timeZone: { ...ZONE, description: "Zone of the period (default: the engagement's, else the population's)." },
    params: { ...openObject, description: 'Check parameters (required fields, edge days, control total, roll-forward…).' },
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
    plan: {
      type: 'object', required: ['basis'], additionalProperties: true,
      properties: { basis: { type: 'string', enum: ['frequency', 'statistical', 'fixed', 'all'] } },
      description: 'Sample-size plan: frequency table, statistical attribute plan, fixed n, or all items.',
    },
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
    holidays: { type: 'array', maxItems: 1000, items: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
    period: PERIOD,
    joins: { type: 'object', additionalProperties: { type: 'string', pattern: ID_PATTERN }, description: 'Second populations by join name (`accounts`, `deployments`).' },
    evaluation: {
      type: 'object', required: ['confidence', 'tolerable'], additionalProperties: false,
      properties: { confidence: { type: ['number', 'string'] }, tolerable: { type: ['number', 'string'] }, distribution: { type: 'string', enum: ['binomial', 'poisson', 'hypergeometric'] } },
    },
    ruleTimeoutMs: { type: 'integer', minimum: 100, maximum: 600_000 },
  },
} as const;

const stored = (name: string, body: Record<string, unknown>) => ({
  type: 'object',
  required: [name],
  properties: { [name]: { type: 'object', required: ['id', 'populationId', 'createdAt'], properties: { id: idSchema, populationId: idSchema, createdAt: { type: 'string' }, ...body } } },
});

export const completenessEnvelope = stored('completeness', { report: openObject });
export const sampleEnvelope = stored('sample', { parentId: nullableString, request: openObject, plan: openObject, manifest: openObject, selection: openObject });
export const testRunEnvelope = stored('testRun', { sampleId: nullableString, request: openObject, run: openObject, evaluation: { anyOf: [openObject, { type: 'null' }] }, joins: { ...openObject, description: 'Per join: the population joined, the keys tried and how many rows each matched.' } });
export const verificationEnvelope = stored('verification', { sampleId: nullableString, identical: { type: 'boolean' }, differences: { type: 'array', items: { type: 'string' } }, manifestSha256: { type: 'string' }, recomputedSha256: { type: 'string' } });

export const artefactListSchema = (name: string, item: Record<string, unknown>) => ({
  type: 'object',
  required: [name],
  properties: { [name]: { type: 'array', items: { type: 'object', properties: { id: idSchema, createdAt: { type: 'string' }, ...item } } } },
});

export const exportQuery = (formats: string[], tables?: string[]) => ({
  type: 'object',
  additionalProperties: false,
  properties: {
    format: { type: 'string', enum: formats, default: formats[0] },
    ...(tables ? { table: { type: 'string', enum: tables, default: tables[0] } } : {}),
  },
});
