/**
 * Security headers of the pages the service serves to a browser. The app's policy allows
 * nothing but this origin: no inline script or style, no eval, no framing, no plugins; downloads
 * the app prepares itself are `blob:` URLs. Swagger UI (the API reference) styles its elements
 * inline, so its policy allows inline styles — never inline scripts.
 *
 * @example
 * app.addHook('onSend', securityHeaders(APP_CSP))
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** An onSend hook: the CSP (when given; null leaves the one already set) and the usual hardening headers. */
export function securityHeaders(csp: string | null) {
  return async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (csp) reply.header('content-security-policy', csp);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    return payload;
  };
}
