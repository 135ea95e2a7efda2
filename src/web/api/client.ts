/**
 * The app's one way to the service: the public `/v1` API with the session's bearer token. A
 * failure is an `ApiError` carrying the service's coded error (code, message, hint, details), which
 * pages show as it is. A 401 on a signed-in request ends the session (the token was revoked).
 *
 * @example
 * const { engagements } = await api.get<{ engagements: Engagement[] }>('/v1/engagements')
 */
import { currentToken, endSession } from '../state/session.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The coded error of a failed response (or a plain one when the body is not a coded error). */
export async function errorOf(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { code?: string; message?: string; hint?: string; details?: Record<string, unknown> };
    if (body.code) return new ApiError(res.status, body.code, body.message ?? res.statusText, body.hint, body.details ?? {});
  } catch {
    // not JSON: fall through
  }
  return new ApiError(res.status, `HTTP_${res.status}`, text.slice(0, 200) || res.statusText);
}

/** A coded error as the service would send it, for failures on this side (network, aborted). */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof DOMException && err.name === 'AbortError') return new ApiError(0, 'ABORTED', 'Stopped.');
  return new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err), 'Check that tickmark serve is running and reachable.');
}

export interface RequestOptions {
  /** Use this token instead of the session's (signing in). */
  token?: string;
  signal?: AbortSignal;
  /** A raw body (a file) with its content type, instead of JSON. */
  raw?: { body: Blob; type: string };
}

export async function request(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<Response> {
  const token = opts.token ?? currentToken();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: BodyInit | undefined;
  if (opts.raw) {
    headers['content-type'] = opts.raw.type;
    payload = opts.raw.body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, ...(payload !== undefined ? { body: payload } : {}), ...(opts.signal ? { signal: opts.signal } : {}), credentials: 'omit', cache: 'no-store' });
  } catch (err) {
    throw asApiError(err);
  }
  if (!res.ok) {
    const error = await errorOf(res);
    if (res.status === 401 && !opts.token) endSession('Your token was not accepted (revoked or unknown): sign in again.');
    throw error;
  }
  return res;
}

async function json<T>(method: string, path: string, body?: unknown, opts?: RequestOptions): Promise<T> {
  const res = await request(method, path, body, opts);
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => json<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => json<T>('POST', path, body ?? {}, opts),
  del: <T>(path: string, opts?: RequestOptions) => json<T>('DELETE', path, undefined, opts),
};
