/**
 * Engagements: the admin token creates them; every token lists and reads the ones it may see.
 *
 * @example
 * POST /v1/engagements {"client":"Acme","period":{"start":"2025-01-01","end":"2025-12-31"},"timeZone":"America/New_York"}
 */
import type { FastifyInstance } from 'fastify';
import { requireAdmin, visibleEngagement } from '../auth/scope.js';
import { tokenOf } from '../auth/authenticate.js';
import { createEngagement, pageEngagements, type EngagementInput } from '../engagements/engagements.js';
import { deleteEngagement } from '../retention/delete.js';
import { deletedSchema, forceQuery } from '../schemas/deleted.js';
import { cutPage, nextCursorSchema, pageOf, pageQuery } from '../pagination.js';
import { errorResponses, idParams } from '../schemas/common.js';
import { createEngagementBody, engagementSchema } from '../schemas/engagement.js';

const one = { type: 'object', required: ['engagement'], properties: { engagement: engagementSchema } } as const;

export async function engagementRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.tickmark;

  app.post<{ Body: EngagementInput }>('/engagements', {
    schema: { summary: 'Create an engagement (admin token)', tags: ['engagements'], body: createEngagementBody, response: { 201: one, ...errorResponses } },
  }, async (request, reply) => {
    const token = tokenOf(request);
    requireAdmin(token);
    const engagement = createEngagement(store, request.body, token.id);
    return reply.code(201).header('location', `/v1/engagements/${engagement.id}`).send({ engagement });
  });

  app.get<{ Querystring: { limit?: number; cursor?: string } }>('/engagements', {
    schema: {
      summary: 'List the engagements this token sees, oldest first, a page at a time', tags: ['engagements'], querystring: pageQuery,
      response: { 200: { type: 'object', required: ['engagements', 'nextCursor'], properties: { engagements: { type: 'array', items: engagementSchema }, nextCursor: nextCursorSchema } }, ...errorResponses },
    },
  }, async (request) => {
    const token = tokenOf(request);
    const page = pageOf(request.query);
    const rows = pageEngagements(store, { ...page, limit: page.limit + 1 }, token.admin ? undefined : (token.engagementId ?? '-'));
    const { items, nextCursor } = cutPage(rows, page.limit, (e) => [e.createdAt, e.id]);
    return { engagements: items, nextCursor };
  });

  app.delete<{ Params: { engagementId: string }; Querystring: { force?: boolean } }>('/engagements/:engagementId', {
    schema: {
      summary: 'Delete an engagement (admin token): refused while it has populations, unless force=true deletes them, their results, its tokens and finished jobs too', tags: ['engagements'],
      params: idParams('engagementId'), querystring: forceQuery, response: { 200: deletedSchema, ...errorResponses },
    },
  }, async (request) => {
    const token = tokenOf(request);
    requireAdmin(token);
    const engagement = visibleEngagement(store, token, request.params.engagementId);
    return { deleted: deleteEngagement(store, app.tickmark.jobs, engagement.id, { force: request.query.force === true, actor: token.id }) };
  });

  app.get<{ Params: { engagementId: string } }>('/engagements/:engagementId', {
    schema: { summary: 'Read an engagement', tags: ['engagements'], params: idParams('engagementId'), response: { 200: one, ...errorResponses } },
  }, async (request) => ({ engagement: visibleEngagement(store, tokenOf(request), request.params.engagementId) }));
}
