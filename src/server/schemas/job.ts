/** Schemas of jobs: long operations with progress, result link and cancellation. */
import { errorSchema, idSchema, nullableString } from './common.js';

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

export const jobSchema = {
  type: 'object',
  required: ['id', 'type', 'engagementId', 'state', 'progress', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: idSchema,
    type: { type: 'string', description: 'completeness, sample, sample.extend, sample.verify, verify, test-run, pull, upload' },
    engagementId: nullableString,
    state: { type: 'string', enum: [...JOB_STATES] },
    progress: {
      type: 'object',
      required: ['done', 'total'],
      additionalProperties: false,
      properties: {
        done: { type: 'number' }, total: { type: ['number', 'null'] },
        bytes: { type: 'number', description: 'Uploads: bytes received so far.' },
        rows: { type: 'number', description: 'Uploads: rows ingested so far.' },
      },
      description: 'Rows done out of the total (null while unknown); for an upload, bytes received out of the declared length.',
    },
    result: { type: 'object', required: ['id', 'href'], additionalProperties: false, properties: { id: idSchema, href: { type: 'string' } } },
    error: errorSchema,
    createdAt: { type: 'string' },
    startedAt: { type: 'string' },
    finishedAt: { type: 'string' },
  },
} as const;

export const jobEnvelope = { type: 'object', required: ['job'], properties: { job: jobSchema } } as const;
