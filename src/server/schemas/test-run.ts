/**
 * Schemas of a test run (src/rules/types.ts) and of the team's results on it (versions, each with
 * the entries and the evaluation they give). Response schemas: objects keep added properties.
 */
import { idSchema } from './common.js';
import { entriesSchema } from './entries.js';
import { controlEvaluationSchema } from './evaluation.js';

const num = { type: 'number' } as const;
const observed = { type: 'object', additionalProperties: true, description: 'The values the rule read, as shown to a reader (timestamps in the period zone).' } as const;

export const attributeSummarySchema = {
  type: 'object', additionalProperties: true,
  required: ['attribute', 'label', 'rule', 'mode', 'tested', 'passed', 'deviations', 'notApplicable', 'manual', 'missing'],
  properties: {
    attribute: { type: 'string', examples: ['B'] }, label: { type: 'string', examples: ['B — Approved before deployment'] }, rule: { type: 'string', examples: ['change.approved_before_deploy'] },
    mode: { type: 'string', enum: ['automated', 'manual'] }, tested: num, passed: num, deviations: num, notApplicable: num, manual: num, missing: num,
  },
} as const;

export const overallSummarySchema = {
  type: 'object', additionalProperties: true, required: ['items', 'tested', 'deviations', 'notApplicable', 'manual', 'missing'],
  properties: { items: num, tested: num, deviations: num, notApplicable: num, manual: num, missing: num },
} as const;

export const findingSchema = {
  type: 'object', additionalProperties: true, required: ['type', 'key', 'record', 'line', 'attribute', 'rule', 'status', 'observed', 'message'],
  properties: {
    type: { type: 'string', enum: ['item', 'missing'] }, key: { type: 'string' }, record: { type: ['number', 'null'] }, line: { type: ['number', 'null'] },
    attribute: { type: 'string' }, rule: { type: 'string' }, status: { type: 'string', enum: ['exception'] }, observed, message: { type: 'string' },
  },
} as const;

/** One item × attribute: pass, exception (with what was read and why), not applicable (why), or manual (what to inspect). */
export const outcomeSchema = {
  type: 'object', additionalProperties: true, required: ['status'],
  properties: {
    status: { type: 'string', enum: ['pass', 'exception', 'not_applicable', 'manual'] },
    note: { type: 'string' }, message: { type: 'string' }, observed, reason: { type: 'string' }, evidence: { type: 'string' },
  },
} as const;

export const testRunBodySchema = {
  type: 'object', additionalProperties: true, required: ['scope', 'kind', 'attributes', 'overall', 'findings'],
  properties: {
    scope: { type: 'string', enum: ['sample', 'population'] },
    kind: { type: 'string' },
    attributes: { type: 'array', items: attributeSummarySchema },
    overall: overallSummarySchema,
    findings: { type: 'array', items: findingSchema },
    items: {
      type: 'array', description: 'The test matrix (a sample): one row per item, outcomes in attribute order.',
      items: { type: 'object', additionalProperties: true, required: ['key', 'record', 'line', 'outcomes', 'deviation'], properties: { key: { type: 'string' }, record: num, line: num, outcomes: { type: 'array', items: outcomeSchema }, deviation: { type: 'boolean' }, rows: num } },
    },
  },
} as const;

export const testRequestSchema = {
  type: 'object', additionalProperties: true,
  properties: { sampleId: { type: 'string' }, all: { type: 'boolean' }, period: { type: 'string' }, timeZone: { type: 'string' }, params: { type: 'array', items: { type: 'string' } }, holidays: { type: 'array', items: { type: 'string' } }, joins: { type: 'object', additionalProperties: { type: 'string' } } },
} as const;

export const resultsVersionSummarySchema = {
  type: 'object', additionalProperties: true, required: ['id', 'testRunId', 'sampleId', 'version', 'source', 'by', 'at'],
  properties: {
    id: idSchema, testRunId: idSchema, sampleId: idSchema,
    version: { ...num, description: '1, 2, … per test run; never overwritten.' },
    source: { type: 'object', additionalProperties: true, required: ['via'], properties: { via: { type: 'string', enum: ['workbook', 'api'] }, workbookSha256: { type: 'string' }, file: { type: 'string' } } },
    by: { type: 'string', description: 'Token id (or cli).' },
    at: { type: 'string' },
  },
} as const;

export const resultsVersionSchema = {
  ...resultsVersionSummarySchema,
  required: [...resultsVersionSummarySchema.required, 'entries', 'evaluation'],
  properties: { ...resultsVersionSummarySchema.properties, entries: entriesSchema, evaluation: controlEvaluationSchema },
} as const;
