/**
 * The auth hook: `Authorization: Bearer <token>` → the token's record, then the per-token rate
 * limit. Requests without a valid token get 401 (rate-limited per client address, so guessing
 * is slow too); public routes skip both. The limiter's answer is kept on the request for the
 * RateLimit-Limit / -Remaining / -Reset headers every authenticated answer carries.
 *
 * @example
 * app.addHook('onRequest', authenticate)
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { tickmarkError } from '../../errors.js';
import { findToken, type ApiToken } from './tokens.js';

const BEARER = /^Bearer[ \t]+(\S{1,512})[ \t]*$/i;

export function bearerSecret(header: string | undefined): string | undefined {
  const m = header ? BEARER.exec(header) : null;
  return m?.[1];
}

export async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (request.routeOptions.config?.public) return;
  const { store, rate } = request.server.tickmark;
  const secret = bearerSecret(request.headers.authorization);
  const token = secret ? findToken(store, secret) : undefined;
  const limit = rate.take(token ? token.id : `ip:${request.ip}`);
  request.rateLimit = { limit: limit.limit, remaining: limit.remaining, resetSeconds: limit.resetSeconds };
  if (!limit.ok) throw tickmarkError('TM_ERR_RATE_LIMITED', { retryAfterSeconds: limit.retryAfterSeconds });
  if (!token) throw tickmarkError('TM_ERR_UNAUTHORIZED', { reason: secret ? 'unknown or revoked token' : 'no bearer token' });
  request.apiToken = token;
}

/** The request's token; routes behind the auth hook always have one. */
export function tokenOf(request: FastifyRequest): ApiToken {
  if (!request.apiToken) throw tickmarkError('TM_ERR_UNAUTHORIZED', { reason: 'no bearer token' });
  return request.apiToken;
}
