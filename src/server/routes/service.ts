/**
 * Service routes: health and the OpenAPI document (no token needed), and the audit log
 * (admin token).
 *
 * @example
 * GET /v1/openapi.json
 */
import type { FastifyInstance } from 'fastify';
import { ENGINE_VERSION } from '../../version.js';
import { tokenOf } from '../auth/authenticate.js';
import { requireAdmin } from '../auth/scope.js';
import { openApiDocument, type CollectedRoute } from '../openapi.js';
import { errorResponses, openObject } from '../schemas/common.js';
import { cutPage, nextCursorSchema, pageOf, pageQuery } from '../pagination.js';

const auditEntry = {
  type: 'object',
  required: ['seq', 'at', 'actor', 'action'],
  properties: { seq: { type: 'number' }, at: { type: 'string' }, actor: { type: 'string' }, action: { type: 'string' }, target: { type: ['string', 'null'] }, params: {} },
} as const;

export function serviceRoutes(routes: CollectedRoute[]) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/health', {
      config: { public: true },
      schema: { summary: 'Liveness', tags: ['service'], response: { 200: { type: 'object', required: ['status', 'version'], properties: { status: { type: 'string' }, version: { type: 'string' } } } } },
    }, async () => ({ status: 'ok', version: ENGINE_VERSION }));

    app.get('/openapi.json', {
      config: { public: true },
      schema: { summary: 'This OpenAPI 3 document', tags: ['service'], response: { 200: openObject } },
    }, async () => openApiDocument(routes));

    app.get<{ Querystring: { limit?: number; cursor?: string } }>('/audit-log', {
      schema: {
        summary: 'The audit log, newest first, a page at a time: every request and every stored result, with the token id (admin token)', tags: ['service'],
        querystring: pageQuery,
        response: { 200: { type: 'object', required: ['entries', 'nextCursor'], properties: { entries: { type: 'array', items: auditEntry }, nextCursor: nextCursorSchema } }, ...errorResponses },
      },
    }, async (request) => {
      requireAdmin(tokenOf(request));
      const page = pageOf(request.query);
      const before = page.after ? Number(page.after[0]) : Number.MAX_SAFE_INTEGER;
      const rows = app.tickmark.store.catalog.prepare('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?').all(before, page.limit + 1) as { seq: number; params: string | null }[];
      const { items, nextCursor } = cutPage(rows, page.limit, (r) => [r.seq, 'seq']);
      return { entries: items.map((r) => ({ ...r, params: r.params ? JSON.parse(r.params) : null })), nextCursor };
    });
  };
}
