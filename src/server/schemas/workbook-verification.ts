/** Schemas of a workbook verification: identical, or each difference by part. */
import { idSchema } from './common.js';

const differences = { type: 'array', items: { type: 'string' } } as const;

export const workbookVerificationSchema = {
  type: 'object',
  required: ['id', 'pullId', 'populationId', 'createdAt', 'file', 'identical', 'population', 'selection', 'workbook', 'tests', 'engineVersion'],
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
        differences: {
          type: 'array', description: 'Each cell tickmark wrote that now holds something else.',
          items: { type: 'object', additionalProperties: true, required: ['sheet', 'cell', 'wrote', 'now'], properties: { sheet: { type: 'string' }, cell: { type: 'string', examples: ['J12'] }, wrote: { type: ['string', 'null'] }, now: { type: ['string', 'null'] }, note: { type: 'string' } } },
        },
        entries: {
          type: 'array', description: "The team's entries found in the yellow cells.",
          items: { type: 'object', additionalProperties: true, required: ['sheet', 'cell', 'value', 'entry'], properties: { sheet: { type: 'string' }, cell: { type: 'string' }, value: { type: 'string' }, entry: { type: 'string', examples: ['attribute H of item 1 (CHG0000317)'] } } },
        },
        problems: { type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Yellow cells that cannot be read as entries (a mark outside the legend).' },
        notes: differences,
      },
    },
    tests: {
      anyOf: [
        { type: 'object', additionalProperties: true, required: ['status', 'differences'], properties: { status: { type: 'string', enum: ['identical', 'different', 'not_rerun'] }, reason: { type: 'string' }, compared: { type: 'integer' }, differences } },
        { type: 'null' },
      ],
    },
    population: {
      type: 'object', additionalProperties: true, required: ['identical', 'workbook', 'file'],
      properties: {
        identical: { type: 'boolean', description: "False when the file is not the workbook's population." },
        workbook: { type: 'object', additionalProperties: true, properties: { name: { type: 'string' }, sha256: { type: 'string' }, rows: { type: 'number' } } },
        file: { type: 'object', additionalProperties: true, properties: { name: { type: 'string' }, sha256: { type: 'string' }, rows: { type: 'number' } } },
      },
    },
    engineVersion: { type: 'object', properties: { workbook: { type: 'string' }, running: { type: 'string' } } },
  },
} as const;

export const workbookVerificationEnvelope = { type: 'object', required: ['verification'], properties: { verification: workbookVerificationSchema } } as const;

/** A verification of a SQL pull's workbook: no population in the store, the pull it verifies instead. */
export const sqlPullVerificationEnvelope = {
  type: 'object', required: ['verification'],
  properties: {
    verification: {
      ...workbookVerificationSchema,
      required: ['id', 'sqlPullId', 'createdAt', 'file', 'identical', 'population', 'selection', 'workbook', 'tests', 'engineVersion'],
      properties: { ...workbookVerificationSchema.properties, sqlPullId: idSchema },
    },
  },
} as const;
