/**
 * Jobs: state, progress (rows done / total; bytes and rows for an upload) and the link to the
 * stored result; DELETE cancels. Jobs are rows of the catalog: a finished job stays readable
 * after a restart, and one a stopped service left unfinished reads as failed (TM_ERR_INTERRUPTED).
 * The scope check reads only the job's engagement.
 *
 * @example
 * GET /v1/jobs/job_… → { job: { state: 'running', progress: { done: 120000, total: 200000 } } }
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tickmarkError } from '../../errors.js';
import { tokenOf } from '../auth/authenticate.js';
import { canSee } from '../auth/scope.js';
import type { JobState } from '../jobs/jobs.js';
import { nextCursorSchema, pageOf, pageQueryProperties } from '../pagination.js';
import { errorResponses, idParams } from '../schemas/common.js';
import { jobEnvelope, jobSchema, JOB_STATES } from '../schemas/job.js';

type JobParams = { Params: { jobId: string } };
type JobQuery = { Querystring: { limit?: number; cursor?: string; state?: JobState; type?: string } };

export async function jobRoutes(app: FastifyInstance): Promise<void> {
  const { jobs } = app.tickmark;

  const visibleJobId = (request: FastifyRequest<JobParams>) => {
    const found = jobs.engagementOf(request.params.jobId);
    if (!found || !canSee(tokenOf(request), found.engagementId)) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'job', id: request.params.jobId });
    return request.params.jobId;
  };

  app.get<JobQuery>('/jobs', {
    schema: {
      summary: 'List the jobs this token sees, oldest first (uploads included), a page at a time', tags: ['jobs'],
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { ...pageQueryProperties, state: { type: 'string', enum: [...JOB_STATES] }, type: { type: 'string', maxLength: 64, pattern: '^[a-z.-]+$', description: 'e.g. upload, sample, test-run, pull' } },
      },
      response: { 200: { type: 'object', required: ['jobs', 'nextCursor'], properties: { jobs: { type: 'array', items: jobSchema }, nextCursor: nextCursorSchema } }, ...errorResponses },
    },
  }, async (request) => {
    const token = tokenOf(request);
    const { state, type } = request.query;
    const page = jobs.list(token.admin ? undefined : (token.engagementId ?? '-'), pageOf(request.query), { ...(state ? { state } : {}), ...(type ? { type } : {}) });
    return { jobs: page.items, nextCursor: page.nextCursor };
  });

  app.get<JobParams>('/jobs/:jobId', {
    schema: { summary: 'Read a job: state, progress, result link', tags: ['jobs'], params: idParams('jobId'), response: { 200: jobEnvelope, ...errorResponses } },
  }, async (request) => ({ job: jobs.view(visibleJobId(request))! }));

  app.delete<JobParams>('/jobs/:jobId', {
    schema: { summary: 'Cancel a queued or running job (a finished job is left as it is)', tags: ['jobs'], params: idParams('jobId'), response: { 200: jobEnvelope, ...errorResponses } },
  }, async (request) => ({ job: jobs.cancel(visibleJobId(request))! }));
}
