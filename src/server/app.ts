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
import { tickmarkError } from '../errors.js';
import { defaultThreads, poolPressure } from '../pool/pool.js';
import { openStore } from '../store/store.js';
import { authenticate } from './auth/authenticate.js';
import type { ServiceContext } from './context.js';
import { errorReply } from './error-reply.js';
import { JobRegistry } from './jobs/jobs.js';
import { RETRY_AFTER_BUSY_SECONDS } from './limits/backpressure.js';
import { RateLimiter } from './limits/token-bucket.js';
import { collectRoute, type CollectedRoute } from './openapi.js';
import { resolveLimits, resolveWorkers, type ServerOptions } from './options.js';
import { engagementRoutes } from './routes/engagements.js';
import { jobRoutes } from './routes/jobs.js';
import { operationRoutes } from './routes/operations.js';
import { populationRoutes } from './routes/populations.js';
import { serviceRoutes } from './routes/service.js';
import { tokenRoutes } from './routes/tokens.js';
import { webPlugin } from './web/web-plugin.js';

export type { ServerOptions } from './options.js';

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

function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { status, body } = errorReply(err, (request.params ?? {}) as Record<string, unknown>);
  if (status >= 500 && status !== 503) request.log.error({ err }, 'request failed');
  if (body.code === 'TM_ERR_RATE_LIMITED') reply.header('retry-after', String(body.details.retryAfterSeconds ?? 1));
  if (body.code === 'TM_ERR_BUSY' || status === 503) reply.header('retry-after', String(RETRY_AFTER_BUSY_SECONDS));
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

export function buildApp(options: ServerOptions = {}): FastifyInstance {
  const limits = resolveLimits(options.limits);
  const workers = resolveWorkers(options.workers);
  const ownsStore = !options.store;
  const store = options.store ?? openStore(options.dataDir ? { dataDir: options.dataDir } : {});

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: limits.jsonBytes,
    handlerTimeout: limits.requestTimeoutMs,
    // Socket level, when listening: the whole request must arrive within the upload timeout.
    requestTimeout: limits.uploadTimeoutMs,
    return503OnClosing: true,
    // Malformed URLs and over-long path ids never reach a route: answer them as coded errors too.
    frameworkErrors: (err, request, reply) => {
      audit(request, 400, { refused: 'url' });
      return sendError(err, request, reply);
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false, allowUnionTypes: true } },
  });

  const jobs = new JobRegistry({
    maxRunning: limits.maxRunningJobs,
    maxQueued: limits.maxQueuedJobs,
    onError: (err, job) => app.log.error({ err, job: job.id }, 'job failed'),
  });
  const context: ServiceContext = {
    store, limits, workers, jobs,
    rate: new RateLimiter(limits.ratePerMinute),
    pressure: options.poolPressure ?? (workers === 0 ? null : () => poolPressure(workers ?? defaultThreads())),
    shutdown: new AbortController(),
    uploads: new Set(),
  };
  app.decorate('tickmark', context);
  app.decorateRequest('apiToken', undefined);

  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (route) => collectRoute(routes, route as never));
  app.addHook('onRequest', authenticate);
  app.addHook('onResponse', async (request, reply) => audit(request, reply.statusCode, { ms: Math.round(reply.elapsedTime) }));
  app.addHook('onRequestAbort', async (request) => audit(request, null, { aborted: true }));
  // A POST with no body at all means "no options": validate it as {}.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.routeOptions.schema?.body) request.body = {};
  });
  app.setErrorHandler(sendError);
  app.setNotFoundHandler((request, reply) => sendError(tickmarkError('TM_ERR_NOT_FOUND', { what: 'route', id: `${request.method} ${request.url.split('?')[0]!.slice(0, 200)}` }), request, reply));

  app.addHook('preClose', async () => {
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
  }, { prefix: '/v1' });
  app.register(webPlugin(routes));

  return app;
}
