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

const auditEntry = {
  type: 'object',
  required: ['seq', 'at', 'actor', 'action'],
  properties: { seq: { type: 'number' }, at: { type: 'string' }, actor: { type: 'string' }, action: { type: 'string' }, target: { type: ['string', 'null'] }, params: {} },
} as const;

export function serviceRoutes(routes: CollectedRoute[]) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/health', {
      config: { public: true },
      schema: { summary: 'Liveness', tags: ['service'], response: { 200: { type: 'object', required: ['status', 'version'], properties: { status: { type: 'string' }, version: { type: 'string' } } } } },
    }, async () => ({ status: 'ok', version: ENGINE_VERSION }));

    app.get('/openapi.json', {
      config: { public: true },
      schema: { summary: 'This OpenAPI 3 document', tags: ['service'], response: { 200: openObject } },
    }, async () => openApiDocument(routes));

    app.get<{ Querystring: { limit?: number } }>('/audit-log', {
      schema: {
        summary: 'The newest audit-log entries: every request and every stored result, with the token id (admin token)', tags: ['service'],
        querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 100 } } },
        response: { 200: { type: 'object', required: ['entries'], properties: { entries: { type: 'array', items: auditEntry } } }, ...errorResponses },
      },
    }, async (request) => {
      requireAdmin(tokenOf(request));
      return { entries: app.tickmark.store.auditLog(request.query.limit ?? 100) };
    });
  };
}
