/** Schemas of jobs: long operations with progress, result link and cancellation. */
import { errorSchema, idSchema } from './common.js';

export const jobSchema = {
  type: 'object',
  required: ['id', 'type', 'state', 'progress', 'createdAt'],
  properties: {
    id: idSchema,
    type: { type: 'string' },
    state: { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] },
    progress: {
      type: 'object',
      required: ['done', 'total'],
      properties: { done: { type: 'number' }, total: { type: ['number', 'null'] } },
      description: 'Rows done out of the total (null while unknown).',
    },
    result: { type: 'object', required: ['id', 'href'], properties: { id: idSchema, href: { type: 'string' } } },
    error: errorSchema,
    createdAt: { type: 'string' },
    startedAt: { type: 'string' },
    finishedAt: { type: 'string' },
  },
} as const;

export const jobEnvelope = { type: 'object', required: ['job'], properties: { job: jobSchema } } as const;
