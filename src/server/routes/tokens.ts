/**
 * API tokens over HTTP (admin token): mint an engagement token (the secret is shown once),
 * list, revoke. Any token can ask who it is.
 *
 * @example
 * POST /v1/tokens {"engagementId":"eng_…","label":"acme-ci"} → 201 { token, secret }
 */
import type { FastifyInstance } from 'fastify';
import { tickmarkError } from '../../errors.js';
import { tokenOf } from '../auth/authenticate.js';
import { requireAdmin } from '../auth/scope.js';
import { createToken, listTokens, revokeToken } from '../auth/tokens.js';
import { errorResponses, idParams } from '../schemas/common.js';
import { createTokenBody, tokenSchema } from '../schemas/token.js';
import { nextCursorSchema, pageArray, pageOf, pageQuery } from '../pagination.js';

const one = { type: 'object', required: ['token'], properties: { token: tokenSchema } } as const;

export async function tokenRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.tickmark;

  app.post<{ Body: { engagementId?: string; admin?: boolean; label?: string } }>('/tokens', {
    schema: {
      summary: 'Create an API token for one engagement, or another admin token (admin token)', tags: ['tokens'],
      body: createTokenBody,
      response: { 201: { type: 'object', required: ['token', 'secret'], properties: { token: tokenSchema, secret: { type: 'string', description: 'Shown once; only its SHA-256 is stored.' } } }, ...errorResponses },
    },
  }, async (request, reply) => {
    const actor = tokenOf(request);
    requireAdmin(actor);
    const { engagementId, admin, label } = request.body;
    if (Boolean(engagementId) === Boolean(admin)) throw tickmarkError('TM_ERR_USAGE', { message: 'give either engagementId or admin: true' });
    const made = createToken(store, admin ? { admin: true, ...(label ? { label } : {}) } : { engagementId: engagementId!, ...(label ? { label } : {}) }, actor.id);
    return reply.code(201).send(made);
  });

  app.get<{ Querystring: { limit?: number; cursor?: string } }>('/tokens', {
    schema: {
      summary: 'List API tokens, without secrets, oldest first, a page at a time (admin token)', tags: ['tokens'], querystring: pageQuery,
      response: { 200: { type: 'object', required: ['tokens', 'nextCursor'], properties: { tokens: { type: 'array', items: tokenSchema }, nextCursor: nextCursorSchema } }, ...errorResponses },
    },
  }, async (request) => {
    requireAdmin(tokenOf(request));
    const page = pageArray(listTokens(store), pageOf(request.query), (t) => [t.createdAt, t.id]);
    return { tokens: page.items, nextCursor: page.nextCursor };
  });

  app.delete<{ Params: { tokenId: string } }>('/tokens/:tokenId', {
    schema: { summary: 'Revoke an API token (admin token)', tags: ['tokens'], params: idParams('tokenId'), response: { 200: one, ...errorResponses } },
  }, async (request) => {
    const actor = tokenOf(request);
    requireAdmin(actor);
    return { token: revokeToken(store, request.params.tokenId, actor.id) };
  });

  app.get('/me', {
    schema: { summary: 'The token making this request', tags: ['tokens'], response: { 200: one, ...errorResponses } },
  }, async (request) => ({ token: tokenOf(request) }));
}
