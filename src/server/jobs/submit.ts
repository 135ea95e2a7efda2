/**
 * Start a job for a request and answer 202 `{ job }` with `Location: /v1/jobs/:id`, after the
 * capacity checks: the scheduler's (the engagement's queue quota → 429 TM_ERR_QUOTA, the whole
 * queue → 503 TM_ERR_BUSY) and the worker pool's queue (503) — each refusal names its limit and
 * carries Retry-After, instead of queueing without bound.
 *
 * @example
 * return submitJob(request, reply, { type: 'sample', engagementId, work: async ({ signal, progress }) => … })
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { assertCapacity } from '../limits/backpressure.js';
import type { JobWork } from './jobs.js';

export function submitJob(request: FastifyRequest, reply: FastifyReply, spec: { type: string; engagementId: string | null; work: JobWork }) {
  const { jobs, pressure, workers } = request.server.tickmark;
  jobs.assertCapacity(spec.engagementId);
  assertCapacity(null, workers === 0 ? null : pressure);
  const job = jobs.submit({ ...spec, actor: request.apiToken?.id ?? 'service' });
  return reply.code(202).header('location', `/v1/jobs/${job.id}`).send({ job });
}
