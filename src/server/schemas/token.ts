/** Schemas of API tokens (the secret appears once, in the create response). */
import { idSchema, nullableString } from './common.js';

export const tokenSchema = {
  type: 'object',
  required: ['id', 'engagementId', 'admin', 'label', 'createdAt', 'revokedAt'],
  properties: {
    id: idSchema,
    engagementId: nullableString,
    admin: { type: 'boolean' },
    label: nullableString,
    createdAt: { type: 'string' },
    revokedAt: nullableString,
  },
} as const;

export const createTokenBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    engagementId: idSchema,
    admin: { type: 'boolean' },
    label: { type: 'string', maxLength: 200 },
  },
} as const;
