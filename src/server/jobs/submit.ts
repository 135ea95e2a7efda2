/**
 * Start a job for a request and answer 202 `{ job }` with `Location: /v1/jobs/:id`, after the
 * backpressure check (job queue and worker-pool queue) — a saturated service answers 503 with
 * Retry-After instead of queueing without bound.
 *
 * @example
 * return submitJob(request, reply, { type: 'sample', engagementId, work: async ({ signal, progress }) => … })
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { assertCapacity } from '../limits/backpressure.js';
import type { JobWork } from './jobs.js';

export function submitJob(request: FastifyRequest, reply: FastifyReply, spec: { type: string; engagementId: string | null; work: JobWork }) {
  const { jobs, pressure, workers } = request.server.tickmark;
  assertCapacity(jobs, workers === 0 ? null : pressure);
  const job = jobs.submit(spec);
  return reply.code(202).header('location', `/v1/jobs/${job.id}`).send({ job });
}
