/** Schemas of engagements: one client's audit for one period. */
import { idSchema, nullableString } from './common.js';

const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' } as const;

export const periodSchema = {
  type: 'object',
  required: ['start', 'end'],
  additionalProperties: false,
  properties: { start: DATE, end: DATE },
} as const;

export const engagementSchema = {
  type: 'object',
  required: ['id', 'client', 'name', 'period', 'timeZone', 'createdAt'],
  properties: {
    id: idSchema,
    client: { type: 'string' },
    name: nullableString,
    period: { anyOf: [periodSchema, { type: 'null' }] },
    timeZone: { type: 'string' },
    createdAt: { type: 'string' },
  },
} as const;

export const createEngagementBody = {
  type: 'object',
  required: ['client'],
  additionalProperties: false,
  properties: {
    client: { type: 'string', minLength: 1, maxLength: 200 },
    name: { type: 'string', maxLength: 200 },
    period: periodSchema,
    timeZone: { type: 'string', minLength: 1, maxLength: 64, description: 'IANA zone of the period and naive timestamps (default UTC).' },
  },
} as const;
