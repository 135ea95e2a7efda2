/**
 * Jobs: state, progress (rows done / total) and the link to the stored result; DELETE cancels.
 * Jobs are kept in this process's memory — after a restart they are gone, their results are not.
 *
 * @example
 * GET /v1/jobs/job_… → { job: { state: 'running', progress: { done: 120000, total: 200000 } } }
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tickmarkError } from '../../errors.js';
import { tokenOf } from '../auth/authenticate.js';
import { canSee } from '../auth/scope.js';
import { errorResponses, idParams } from '../schemas/common.js';
import { jobEnvelope, jobSchema } from '../schemas/job.js';

type JobParams = { Params: { jobId: string } };

export async function jobRoutes(app: FastifyInstance): Promise<void> {
  const { jobs } = app.tickmark;

  const visibleJob = (request: FastifyRequest<JobParams>) => {
    const found = jobs.find(request.params.jobId);
    if (!found || !canSee(tokenOf(request), found.engagementId)) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'job', id: request.params.jobId });
    return found.view;
  };

  app.get('/jobs', {
    schema: {
      summary: 'List the jobs this token sees (in memory since the service started)', tags: ['jobs'],
      response: { 200: { type: 'object', required: ['jobs'], properties: { jobs: { type: 'array', items: jobSchema } } }, ...errorResponses },
    },
  }, async (request) => {
    const token = tokenOf(request);
    return { jobs: jobs.list((engagementId) => canSee(token, engagementId)) };
  });

  app.get<JobParams>('/jobs/:jobId', {
    schema: { summary: 'Read a job: state, progress, result link', tags: ['jobs'], params: idParams('jobId'), response: { 200: jobEnvelope, ...errorResponses } },
  }, async (request) => ({ job: visibleJob(request) }));

  app.delete<JobParams>('/jobs/:jobId', {
    schema: { summary: 'Cancel a queued or running job (a finished job is left as it is)', tags: ['jobs'], params: idParams('jobId'), response: { 200: jobEnvelope, ...errorResponses } },
  }, async (request) => {
    const view = visibleJob(request);
    return { job: jobs.cancel(view.id) ?? view };
  });
}
