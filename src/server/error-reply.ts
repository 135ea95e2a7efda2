/**
 * Every failure leaves the service as a coded error `{ code, message, details, hint }` with the
 * status of its registry entry. Fastify's own errors (schema validation, content type, body size,
 * multipart limits, handler timeout) are translated to the nearest tickmark code first.
 *
 * @example
 * errorReply(tickmarkError('TM_ERR_NOT_FOUND', { what: 'population', id: 'pop_x' })).status // 404
 */
import { TickmarkError, tickmarkError } from '../errors.js';
import { closestName } from './schemas/closest.js';

export interface ErrorBody {
  code: string;
  message: string;
  details: Record<string, unknown>;
  hint?: string;
}

export interface ErrorReply {
  status: number;
  body: ErrorBody;
}

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
  /** The schema object holding the failed keyword (ajv's `verbose` option). */
  parentSchema?: { properties?: Record<string, unknown> };
}

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
  validation?: ValidationIssue[];
  validationContext?: string;
}

const WHERE: Record<string, string> = { body: 'field', querystring: 'query parameter', params: 'path parameter', headers: 'header' };

/** An unknown property (`additionalProperties: false`) named with the closest known one. */
function unknownField(issue: ValidationIssue, context: string | undefined): TickmarkError {
  const field = String(issue.params?.additionalProperty ?? '');
  const known = Object.keys(issue.parentSchema?.properties ?? {});
  const closest = closestName(field, known);
  const path = issue.instancePath ? issue.instancePath : undefined;
  return tickmarkError('TM_ERR_UNKNOWN_FIELD', { field, where: WHERE[context ?? 'body'] ?? 'field', ...(path ? { path } : {}), ...(closest ? { closest } : {}), known });
}

/** What a client may see of one schema violation. */
function issueOf(v: ValidationIssue) {
  return { path: v.instancePath ?? '', keyword: v.keyword ?? '', message: v.message ?? '', params: v.params ?? {} };
}

/** Translate a validation error on a path parameter: a bad id is `TM_ERR_INVALID_ID`. */
function paramsError(e: FastifyLikeError, params: Record<string, unknown>): TickmarkError {
  const name = (e.validation?.[0]?.instancePath ?? '').replace(/^\//, '');
  const what = name.replace(/Id$/, '') || 'resource';
  return tickmarkError('TM_ERR_INVALID_ID', { what, id: String(params[name] ?? '') });
}

/** Map anything thrown inside a request to a coded error. */
export function toTickmarkError(err: unknown, params: Record<string, unknown> = {}): TickmarkError {
  if (err instanceof TickmarkError) return err;
  const e = (err ?? {}) as FastifyLikeError;
  if (e.validation) {
    if (e.validationContext === 'params') return paramsError(e, params);
    const unknown = e.validation.find((v) => v.keyword === 'additionalProperties');
    if (unknown) return unknownField(unknown, e.validationContext);
    return tickmarkError('TM_ERR_USAGE', { message: e.message ?? 'invalid request', validation: e.validation.map(issueOf) });
  }
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return tickmarkError('TM_ERR_UNSUPPORTED_MEDIA', { type: String(e.message ?? '').replace(/^Unsupported Media Type:?\s*/, '') });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return tickmarkError('TM_ERR_TOO_LARGE', { what: 'the request body', limit: 'the JSON body limit' });
    case 'FST_REQ_FILE_TOO_LARGE':
      return tickmarkError('TM_ERR_TOO_LARGE', { what: 'the uploaded file', limit: 'the upload limit' });
    case 'FST_ERR_MAX_PARAM_LENGTH':
    case 'FST_ERR_BAD_URL':
      return tickmarkError('TM_ERR_INVALID_ID', { what: 'path', id: String(e.message ?? '').replace(/^'(.*)' is .*$/s, '$1').slice(0, 80) });
    case 'FST_ERR_HANDLER_TIMEOUT':
      return tickmarkError('TM_ERR_UNAVAILABLE', { reason: 'the request took longer than the request timeout', retryAfterSeconds: 5 });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return tickmarkError('TM_ERR_BAD_JSON', { reason: e.message ?? 'the body is not valid JSON' });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return tickmarkError('TM_ERR_USAGE', { message: 'the request body does not match its Content-Length' });
  }
  const status = e.statusCode ?? 500;
  if (status === 413) return tickmarkError('TM_ERR_TOO_LARGE', { what: 'the request', limit: e.message ?? 'a request limit' });
  if (status === 415) return tickmarkError('TM_ERR_UNSUPPORTED_MEDIA', { type: e.message ?? '' });
  if (status >= 400 && status < 500) return tickmarkError('TM_ERR_USAGE', { message: e.message ?? 'bad request' });
  return tickmarkError('TM_ERR_INTERNAL', { message: 'unexpected error (logged on the server)' });
}

/** Status and body for an error: the status of its registry entry. */
export function errorReply(err: unknown, params: Record<string, unknown> = {}): ErrorReply {
  const t = toTickmarkError(err, params);
  return { status: t.status, body: { code: t.code, message: t.message, details: t.details, hint: t.hint } };
}
