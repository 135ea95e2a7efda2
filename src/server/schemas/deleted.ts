/** Schemas of deletions: `?force=true`, and what was deleted. */
import { idSchema } from './common.js';

export const forceQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { force: { type: 'boolean', default: false, description: 'Delete what refers to it too (otherwise 409 TM_ERR_IN_USE names it).' } },
} as const;

export const deletedSchema = {
  type: 'object',
  required: ['deleted'],
  properties: {
    deleted: {
      type: 'object', required: ['artefacts', 'populations'], additionalProperties: false,
      properties: {
        artefacts: { type: 'array', items: { type: 'object', required: ['id', 'type'], additionalProperties: false, properties: { id: idSchema, type: { type: 'string' } } } },
        populations: { type: 'array', items: idSchema },
        sqlPulls: { type: 'array', items: idSchema, description: 'Kept SQL pulls (record and workbook), present when any went.' },
      },
    },
  },
} as const;
