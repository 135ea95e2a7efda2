/** Schemas of a workbook verification: identical, or each difference by part. */
import { idSchema } from './common.js';

const differences = { type: 'array', items: { type: 'string' } } as const;

export const workbookVerificationSchema = {
  type: 'object',
  required: ['id', 'pullId', 'populationId', 'createdAt', 'file', 'identical', 'selection', 'workbook', 'tests', 'engineVersion'],
  additionalProperties: true,
  properties: {
    id: idSchema,
    pullId: idSchema,
    populationId: idSchema,
    createdAt: { type: 'string' },
    file: { type: 'string', description: "The uploaded workbook's name." },
    identical: { type: 'boolean', description: 'True when nothing differs: selection, sheets, automated tests.' },
    selection: {
      type: 'object', additionalProperties: true, required: ['identical', 'differences'],
      properties: { identical: { type: 'boolean' }, differences, manifestSha256: { type: 'string' }, recomputedSha256: { type: 'string' } },
    },
    workbook: {
      type: 'object', additionalProperties: true, required: ['identical', 'differences'],
      properties: {
        identical: { type: 'boolean' },
        differences: { type: 'array', items: {}, description: 'What the sheets show against the machine copy: sentences, or { sheet, cell, wrote, now, note }.' },
        entries: { type: 'array', items: { type: 'object', additionalProperties: true }, description: "The team's entries found in the yellow cells." },
        notes: differences,
      },
    },
    tests: {
      anyOf: [
        { type: 'object', additionalProperties: true, required: ['status', 'differences'], properties: { status: { type: 'string', enum: ['identical', 'different', 'not_rerun'] }, reason: { type: 'string' }, compared: { type: 'integer' }, differences } },
        { type: 'null' },
      ],
    },
    population: { type: 'object', additionalProperties: true },
    engineVersion: { type: 'object', properties: { workbook: { type: 'string' }, running: { type: 'string' } } },
  },
} as const;

export const workbookVerificationEnvelope = { type: 'object', required: ['verification'], properties: { verification: workbookVerificationSchema } } as const;
