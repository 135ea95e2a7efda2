/**
 * `buildApp(options)`: the tickmark HTTP service as a fastify instance — never listening
 * (`listen.ts` does that), so tests drive it with `app.inject()`. Schema-first routes under
 * `/v1`, bearer-token auth scoped to one engagement, a per-token rate limit, backpressure to the
 * worker pool, coded errors `{ code, message, details, hint }`, every request in the audit log.
 * Closing the app cancels running jobs and uploads and closes the store it opened.
 *
 * @example
 * const app = buildApp({ dataDir: '.tickmark', workers: 0 })
 * const res = await app.inject({ method: 'GET', url: '/v1/engagements', headers: { authorization: `Bearer ${secret}` } })
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { tickmarkError } from '../errors.js';
import { defaultThreads, poolPressure } from '../pool/pool.js';
import { openStore } from '../store/store.js';
import { authenticate } from './auth/authenticate.js';
import type { ServiceContext } from './context.js';
import { errorReply } from './error-reply.js';
import { JobStore } from './jobs/job-store.js';
import { sweepExpired } from './retention/sweep.js';
import { JobRegistry } from './jobs/jobs.js';
import { parseBoundedJson } from './json/json-guard.js';
import { RETRY_AFTER_BUSY_SECONDS } from './limits/backpressure.js';
import { RateLimiter } from './limits/token-bucket.js';
import { collectRoute, type CollectedRoute } from './openapi.js';
import { resolveLimits, resolveRetentionDays, resolveSqlSources, resolveWorkers, type ServerOptions } from './options.js';
import { engagementRoutes } from './routes/engagements.js';
import { jobRoutes } from './routes/jobs.js';
import { operationRoutes } from './routes/operations.js';
import { populationRoutes } from './routes/populations.js';
import { serviceRoutes } from './routes/service.js';
import { sqlPullVerifyRoutes } from './routes/sql-pull-verify.js';
import { sqlPullRoutes } from './routes/sql-pulls.js';
import { statisticsRoutes } from './routes/statistics.js';
import { tokenRoutes } from './routes/tokens.js';
import { webPlugin } from './web/web-plugin.js';

export type { ServerOptions } from './options.js';

/** How often the retention sweep runs (when `retentionDays` is set). */
const RETENTION_SWEEP_MS = 3_600_000;

function audit(request: FastifyRequest, status: number | null, extra: Record<string, unknown> = {}): void {
  try {
    request.server.tickmark.store.log({
      actor: request.apiToken?.id ?? 'anonymous',
      action: 'http.request',
      target: request.url.split('?')[0]!.slice(0, 512),
      params: { method: request.method, route: request.routeOptions.url ?? null, status, ...extra },
    });
  } catch (err) {
    request.log.error({ err }, 'audit log write failed');
  }
}

/** Retry-After (seconds) of a coded refusal: its own `retryAfterSeconds`, else the busy default for a 503/429. */
function retryAfter(body: { code: string; details: Record<string, unknown> }, status: number): number | undefined {
  const own = body.details.retryAfterSeconds;
  if (typeof own === 'number') return own;
  return status === 503 || status === 429 ? RETRY_AFTER_BUSY_SECONDS : undefined;
}

function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { status, body } = errorReply(err, (request.params ?? {}) as Record<string, unknown>);
  if (status >= 500 && status !== 503) request.log.error({ err }, 'request failed');
  const wait = retryAfter(body, status);
  if (wait !== undefined) reply.header('retry-after', String(wait));
  if (status === 401) reply.header('www-authenticate', `Bearer realm="tickmark"${request.headers.authorization ? ', error="invalid_token"' : ''}`);
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** The answer to a request the HTTP parser refused (431, malformed framing, header timeout), as a coded error on the raw socket. */
function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const error = err.code === 'HPE_HEADER_OVERFLOW'
    ? tickmarkError('TM_ERR_HEADERS_TOO_LARGE')
    : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? tickmarkError('TM_ERR_TIMEOUT', { reason: 'the request did not arrive within the upload timeout' })
      : tickmarkError('TM_ERR_USAGE', { message: `the request is not valid HTTP/1.1 (${err.code ?? 'parse error'})` });
  const { status, body } = errorReply(error);
  const text = JSON.stringify(body);
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}

export function buildApp(options: ServerOptions = {}): FastifyInstance {
  const limits = resolveLimits(options.limits);
  const workers = resolveWorkers(options.workers);
  const retentionDays = resolveRetentionDays(options.retentionDays);
  const sqlSources = resolveSqlSources(options.sqlSources);
  const ownsStore = !options.store;
  const store = options.store ?? openStore(options.dataDir ? { dataDir: options.dataDir } : {});

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: limits.jsonBytes,
    handlerTimeout: limits.requestTimeoutMs,
    // Socket level, when listening: the whole request must arrive within the upload timeout.
    requestTimeout: limits.uploadTimeoutMs,
    // While closing, the onRequest hook below answers a coded 503 with Retry-After.
    return503OnClosing: false,
    clientErrorHandler,
    // Malformed URLs and over-long path ids never reach a route: answer them as coded errors too.
    frameworkErrors: (err, request, reply) => {
      audit(request, 400, { refused: 'url' });
      return sendError(err, request, reply);
    },
    // verbose: a failed `additionalProperties` carries its schema, so the answer can name the closest field.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false, allowUnionTypes: true, verbose: true } },
  });

  const jobs = new JobRegistry({
    maxRunning: limits.maxRunningJobs,
    maxQueued: limits.maxQueuedJobs,
    maxRunningPerEngagement: limits.maxRunningPerEngagement,
    maxQueuedPerEngagement: limits.maxQueuedPerEngagement,
    store: new JobStore(store),
    onError: (err, job) => app.log.error({ err, job: job.id }, 'job failed'),
    ...(options.onJobStart ? { onStart: options.onJobStart } : {}),
  });
  const context: ServiceContext = {
    store, limits, workers, jobs, retentionDays, sqlSources,
    rate: new RateLimiter(limits.ratePerMinute),
    pressure: options.poolPressure ?? (workers === 0 ? null : () => poolPressure(workers ?? defaultThreads())),
    shutdown: new AbortController(),
    uploads: new Set(),
    uploadsByToken: new Map(),
    sweep: (now) => (retentionDays === null ? { artefacts: [], populations: [] } : sweepExpired(store, retentionDays, now)),
  };
  // The retention sweep: once the app is ready, then every hour.
  let sweeper: NodeJS.Timeout | undefined;
  if (retentionDays !== null) {
    const sweepLogged = () => {
      try {
        context.sweep();
      } catch (err) {
        app.log.error({ err }, 'retention sweep failed');
      }
    };
    app.addHook('onReady', async () => {
      sweepLogged();
      sweeper = setInterval(sweepLogged, RETENTION_SWEEP_MS).unref();
    });
  }
  app.decorate('tickmark', context);
  app.decorateRequest('apiToken', undefined);
  app.decorateRequest('rateLimit', undefined);

  // JSON bodies are bounded (depth, keys, forbidden keys) by one scan before they are parsed.
  const bounds = { depth: limits.jsonDepth, keys: limits.jsonKeys };
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: limits.jsonBytes }, (_request: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
    try {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      done(null, text.trim() === '' ? undefined : parseBoundedJson(text, bounds));
    } catch (err) {
      done(err as Error);
    }
  });

  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (route) => collectRoute(routes, route as never));
  app.addHook('onRequest', async () => {
    if (context.shutdown.signal.aborted) throw tickmarkError('TM_ERR_UNAVAILABLE', { reason: 'the service is shutting down', retryAfterSeconds: 5 });
  });
  app.addHook('onRequest', authenticate);
  app.addHook('onSend', async (request, reply) => {
    const r = request.rateLimit;
    if (r) reply.header('ratelimit-limit', String(r.limit)).header('ratelimit-remaining', String(r.remaining)).header('ratelimit-reset', String(r.resetSeconds));
    // What a token reads is client data (or a secret): never kept by a browser or a shared cache.
    if (!request.routeOptions.config?.public && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  app.addHook('onResponse', async (request, reply) => audit(request, reply.statusCode, { ms: Math.round(reply.elapsedTime) }));
  app.addHook('onRequestAbort', async (request) => audit(request, null, { aborted: true }));
  // A POST with no body at all means "no options": validate it as {}.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.routeOptions.schema?.body) request.body = {};
  });
  app.setErrorHandler(sendError);
  app.setNotFoundHandler((request, reply) => sendError(tickmarkError('TM_ERR_NOT_FOUND', { what: 'route', id: `${request.method} ${request.url.split('?')[0]!.slice(0, 200)}` }), request, reply));

  app.addHook('preClose', async () => {
    clearInterval(sweeper);
    context.shutdown.abort();
    await Promise.allSettled([...context.uploads]);
    await jobs.close();
  });
  app.addHook('onClose', async () => {
    if (ownsStore) store.close();
  });

  app.register(async (v1) => {
    await v1.register(serviceRoutes(routes));
    await v1.register(tokenRoutes);
    await v1.register(engagementRoutes);
    await v1.register(populationRoutes);
    await v1.register(jobRoutes);
    await v1.register(operationRoutes);
    await v1.register(statisticsRoutes);
    await v1.register(sqlPullRoutes);
    await v1.register(sqlPullVerifyRoutes);
  }, { prefix: '/v1' });
  app.register(webPlugin(routes));

  return app;
}
