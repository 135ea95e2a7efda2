/**
 * Schemas of a stored sample: the request, the plan, the manifest a CPA re-performs from (engine,
 * PRN algorithm, seed, population fingerprint, design, counts, strata, items, selection SHA-256)
 * and the selection (each item with its PRN). Response schemas: objects keep added properties.
 */
import { samplePlanSchema } from './plan.js';

const num = { type: 'number' } as const;
const open = (description: string) => ({ type: 'object', additionalProperties: true, description }) as const;

export const sampleRequestSchema = {
  type: 'object', additionalProperties: true, required: ['seed'],
  properties: {
    seed: { type: 'string' }, size: num, plan: open('The plan asked for (basis and parameters).'), method: { type: 'string', enum: ['random', 'systematic', 'stratified'] },
    strata: { type: 'string', enum: ['month', 'quarter'] }, allocation: { type: 'string' }, keyItems: { type: 'string' }, filter: { type: 'string' }, period: { type: 'string' }, timeZone: { type: 'string' },
  },
} as const;

const manifestItemSchema = {
  type: 'object', additionalProperties: true, required: ['order', 'key', 'prnHex', 'record', 'keyItem', 'addedByExtension'],
  properties: {
    order: num, key: { type: 'string' }, prnHex: { type: 'string', description: 'First 13 hex digits of SHA-256(seed ␟ key): PRN = int(prnHex) / 2^52.' },
    stratum: { type: 'string' }, record: num, keyItem: { type: 'boolean' }, addedByExtension: { type: 'boolean' }, rows: { type: 'array', items: num },
  },
} as const;

const strataSchema = {
  type: 'array',
  items: { type: 'object', additionalProperties: true, required: ['id', 'population', 'allocated', 'selected'], properties: { id: { type: 'string', examples: ['2025-03'] }, population: num, allocated: num, selected: num } },
} as const;

export const manifestSchema = {
  type: 'object', additionalProperties: true,
  required: ['engine', 'algorithm', 'method', 'seed', 'population', 'design', 'filters', 'counts', 'n', 'eligible', 'selected', 'allSelected', 'items', 'selectionSha256'],
  properties: {
    engine: { type: 'object', additionalProperties: true, properties: { name: { type: 'string' }, version: { type: 'string' } } },
    algorithm: { type: 'string', examples: ['tickmark-prn-sha256-52/1'] },
    method: { type: 'string', enum: ['random', 'systematic', 'stratified'] },
    seed: { type: 'string' },
    population: { type: 'object', additionalProperties: true, required: ['id', 'sha256', 'rows'], properties: { id: { type: 'string' }, sha256: { type: 'string' }, rows: num } },
    design: open('Everything the selection is a function of: method, seed, n, key, unit, event time, period, strata.'),
    filters: { type: 'array', items: open('A filter applied (in-period, condition), with the rows it excluded.') },
    counts: open('considered, excluded by filter and period, undated, eligible.'),
    strata: strataSchema,
    keyItems: { type: 'object', additionalProperties: true, properties: { condition: { type: 'string' }, count: num } },
    systematic: open('The interval and random start of a systematic draw.'),
    units: open('The sampling unit, and the units of several rows.'),
    plan: samplePlanSchema,
    n: num, extendFrom: num, eligible: num, selected: num, allSelected: { type: 'boolean' },
    items: { type: 'array', items: manifestItemSchema },
    selectionSha256: { type: 'string', description: 'SHA-256 of the lines ORDER\\tKEY\\tPRNHEX\\tSTRATUM\\n in draw order.' },
    createdAt: { type: 'string' },
  },
} as const;

export const selectionSchema = {
  type: 'object', additionalProperties: true, required: ['algorithm', 'method', 'seed', 'n', 'items'],
  properties: {
    algorithm: { type: 'string' }, method: { type: 'string' }, seed: { type: 'string' }, n: num, eligible: num, allSelected: { type: 'boolean' },
    counts: open('As in the manifest.'), filters: { type: 'array', items: open('As in the manifest.') }, strata: strataSchema, design: open('As in the manifest.'), units: open('As in the manifest.'),
    items: {
      type: 'array',
      items: {
        ...manifestItemSchema,
        required: [...manifestItemSchema.required, 'prn', 'line'],
        properties: { ...manifestItemSchema.properties, prn: { ...num, description: 'The PRN in [0, 1).' }, line: num, eventTime: { type: ['number', 'null'], description: 'UTC epoch ms.' } },
      },
    },
  },
} as const;

export { samplePlanSchema };
