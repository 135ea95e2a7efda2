/** Schemas of what an engagement holds: its pulls and its audit log. */
import { idSchema, nullableString } from './common.js';

export const pullSummarySchema = {
  type: 'object',
  required: ['id', 'populationId', 'createdAt', 'controlId', 'period', 'seed', 'method', 'completenessId', 'sampleId', 'testRunId', 'conclusion'],
  properties: {
    id: idSchema,
    populationId: idSchema,
    createdAt: { type: 'string' },
    controlId: nullableString,
    controlDescription: nullableString,
    period: { type: 'string', examples: ['2025-01-01..2025-12-31'] },
    seed: { type: 'string' },
    method: { type: 'string', enum: ['random', 'systematic', 'stratified'] },
    completenessId: idSchema,
    sampleId: idSchema,
    testRunId: idSchema,
    conclusion: { type: 'string', description: "The evaluation's sentence when the pull ran." },
  },
} as const;

export const auditEntrySchema = {
  type: 'object',
  required: ['seq', 'at', 'actor', 'action'],
  properties: {
    seq: { type: 'integer' },
    at: { type: 'string', description: 'ISO 8601 instant.' },
    actor: { type: 'string', description: 'Token id (or cli, anonymous).' },
    action: { type: 'string', examples: ['sample.create'] },
    target: nullableString,
    params: { description: 'What the action was given (JSON).' },
  },
} as const;
