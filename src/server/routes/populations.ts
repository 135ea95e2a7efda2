/**
 * Populations of an engagement: streamed upload (multipart with the options as fields before
 * the file, or a raw text/csv or XLSX body with the options in the query string), list, read.
 * The body is hashed and written to the store as it arrives; the size limit, the content type
 * and the engagement scope are checked before a byte of it is read.
 *
 * @example
 * curl -H 'authorization: Bearer tmk_…' -H 'content-type: text/csv' --data-binary @changes.csv \
 *   'http://127.0.0.1:3000/v1/engagements/eng_…/populations?kind=change'
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { TickmarkError, tickmarkError } from '../../errors.js';
import { assertId } from '../../store/ids.js';
import { tokenOf } from '../auth/authenticate.js';
import { visibleEngagement, visiblePopulation } from '../auth/scope.js';
import { assertCapacity } from '../limits/backpressure.js';
import { tooLarge } from '../limits/byte-limit.js';
import { errorResponses, idParams } from '../schemas/common.js';
import { populationSchema, populationSummarySchema, uploadQuery } from '../schemas/population.js';
import { fileFormat, uploadBodyKind, XLSX_MIME } from '../upload/content-type.js';
import { openMultipartUpload } from '../upload/multipart.js';
import { rawBody } from '../upload/raw-body.js';
import { receivePopulation, type UploadSource } from '../upload/receive.js';
import { uploadOptions, type RawUploadFields } from '../upload/upload-options.js';
import { populationSummary, populationView } from '../views/population.js';
import type { PopulationMeta } from '../../population/types.js';
import { nextCursorSchema, pageClause, pageOf, pageQuery } from '../pagination.js';
import { deletePopulation } from '../retention/delete.js';
import { deletedSchema, forceQuery } from '../schemas/deleted.js';

/** Room for the multipart boundaries, part headers and option fields around the file. */
const MULTIPART_OVERHEAD = 1024 * 1024;

type EngagementParams = { Params: { engagementId: string } };

const uploadResponse = {
  type: 'object',
  required: ['population', 'created'],
  properties: {
    population: populationSchema,
    created: { type: 'boolean', description: 'False when the same bytes with the same options were already stored.' },
    job: { type: 'object', required: ['id', 'href'], additionalProperties: false, properties: { id: { type: 'string' }, href: { type: 'string' } }, description: "The upload's job record. While the upload runs, GET /v1/jobs?type=upload&state=running from another connection shows it with its progress (bytes received, rows ingested)." },
  },
} as const;

const uploadRequestBody = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object', required: ['file'],
        properties: { ...Object.fromEntries(Object.entries(uploadQuery.properties).map(([k, v]) => [k, { type: 'string', description: (v as { description?: string }).description ?? '' }])), file: { type: 'string', format: 'binary' } },
      },
      encoding: { file: { contentType: 'text/csv, ' + XLSX_MIME } },
    },
    'text/csv': { schema: { type: 'string', format: 'binary' } },
    [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } },
  },
};

/** Query options and multipart fields together; an option given twice is reported by `uploadOptions`. */
function mergeFields(query: RawUploadFields, fields: RawUploadFields): RawUploadFields {
  const merged: RawUploadFields = { ...query };
  for (const [k, v] of Object.entries(fields)) {
    const prior = merged[k];
    merged[k] = prior === undefined ? v : ([] as string[]).concat(prior, v ?? []);
  }
  return merged;
}

/**
 * The rest of the body will not be read: say so (`Connection: close`) and drop the connection once
 * the answer is out, rather than leave an oversized or stalled upload holding it open.
 */
function closeAfterReply(request: FastifyRequest, reply: FastifyReply): void {
  if (request.raw.complete) return;
  reply.header('connection', 'close');
  reply.raw.once('finish', () => request.raw.socket?.destroy());
}

export async function populationRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.tickmark;
  const { store, limits } = ctx;

  await app.register(fastifyMultipart, {
    limits: { fileSize: limits.uploadBytes + 1, files: 1, fields: 32, fieldSize: 64 * 1024, parts: 40, headerPairs: 64 },
  });
  // Raw bodies are handed to the route as streams; the route reads them under its own limit.
  app.addContentTypeParser(['text/csv', XLSX_MIME], (_request: FastifyRequest, payload: unknown, done: (err: Error | null, body?: unknown) => void) => done(null, payload));

  /** Scope, content type, declared size and capacity — all before the body is read. */
  const admitUpload = async (request: FastifyRequest<EngagementParams>, reply: FastifyReply) => {
    try {
      // onRequest runs before schema validation: check the id's shape here too.
      visibleEngagement(store, tokenOf(request), assertId(request.params.engagementId, 'engagement'));
      const body = uploadBodyKind(request.headers['content-type']);
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.uploadBytes + (body === 'multipart' ? MULTIPART_OVERHEAD : 0)) throw tooLarge(limits.uploadBytes);
      if (ctx.workers !== 0) assertCapacity(null, ctx.pressure);
    } catch (err) {
      closeAfterReply(request, reply);
      throw err;
    }
  };

  app.post<EngagementParams & { Querystring: RawUploadFields }>('/engagements/:engagementId/populations', {
    schema: {
      summary: 'Upload a population (multipart file, or a raw text/csv or XLSX body)', tags: ['populations'],
      description: 'Options (kind, map, timeZone, …) as query parameters, or as multipart fields sent before the file part. The body is streamed: hashed and stored while it arrives.',
      params: idParams('engagementId'), querystring: uploadQuery,
      'x-request-body': uploadRequestBody,
      response: { 200: uploadResponse, 201: uploadResponse, ...errorResponses },
    },
    handlerTimeout: limits.uploadTimeoutMs + 5_000,
    onRequest: admitUpload,
  }, async (request, reply) => upload(request, reply));

  /**
   * One upload: at most `maxUploadsPerToken` in flight per token (429 past it), ended with 408 when
   * no byte arrives for `uploadIdleMs` or the whole takes longer than `uploadTimeoutMs`, 503 on
   * shutdown. It is also a job record (type `upload`) whose progress — bytes received, rows
   * ingested — another connection can poll while this request runs; the answer names it.
   * A refused or failed upload closes the connection once the answer is out (`Connection: close`),
   * rather than read or wait for the rest of a body it will not use.
   */
  async function upload(request: FastifyRequest<EngagementParams & { Querystring: RawUploadFields }>, reply: FastifyReply) {
    const token = tokenOf(request);
    const engagement = visibleEngagement(store, token, request.params.engagementId);
    const kind = uploadBodyKind(request.headers['content-type']);
    const declared = Number(request.headers['content-length']);
    const inFlight = ctx.uploadsByToken.get(token.id) ?? 0;
    if (inFlight >= limits.maxUploadsPerToken) {
      closeAfterReply(request, reply);
      throw tickmarkError('TM_ERR_QUOTA', { what: "this token's uploads in flight", limit: 'maxUploadsPerToken', value: limits.maxUploadsPerToken, retryAfterSeconds: 5 });
    }
    ctx.uploadsByToken.set(token.id, inFlight + 1);
    const tracked = ctx.jobs.track({ type: 'upload', engagementId: engagement.id, actor: token.id, total: Number.isFinite(declared) ? declared : null });
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(tickmarkError('TM_ERR_TIMEOUT', { reason: `the upload took longer than ${limits.uploadTimeoutMs} ms` })), limits.uploadTimeoutMs);
    const idle = () => controller.abort(tickmarkError('TM_ERR_TIMEOUT', { reason: `no bytes arrived for ${limits.uploadIdleMs} ms` }));
    let idleTimer = setTimeout(idle, limits.uploadIdleMs);
    let received = 0;
    /** Every chunk that arrives restarts the idle timer and counts as progress. */
    async function* watched(bytes: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
      for await (const chunk of bytes) {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(idle, limits.uploadIdleMs);
        received += chunk.length;
        tracked.progress({ done: received, bytes: received });
        yield chunk;
      }
      clearTimeout(idleTimer);
    }
    const onShutdown = () => controller.abort(tickmarkError('TM_ERR_UNAVAILABLE', { reason: 'the service is shutting down', retryAfterSeconds: 5 }));
    ctx.shutdown.signal.addEventListener('abort', onShutdown, { once: true });
    const onClose = () => {
      if (!reply.raw.writableFinished) controller.abort(tickmarkError('TM_ERR_ABORTED', { reason: 'the client closed the connection' }));
    };
    reply.raw.once('close', onClose);
    if (ctx.shutdown.signal.aborted) onShutdown();

    const work = (async () => {
      let source: UploadSource;
      let fields: RawUploadFields = {};
      let mimetype: string | undefined;
      let discard = () => {};
      const declaredBytes = Number.isFinite(declared) ? { declaredBytes: declared } : {};
      if (kind === 'multipart') {
        const mp = await openMultipartUpload(request.parts()[Symbol.asyncIterator](), limits.uploadBytes, controller.signal);
        ({ fields, mimetype, discard } = mp);
        source = { format: 'csv', bytes: watched(mp.file), name: mp.filename || 'upload', ...declaredBytes };
      } else {
        source = { format: kind, bytes: watched(rawBody(request.body as Readable)), name: kind === 'xlsx' ? 'upload.xlsx' : 'upload.csv', ...declaredBytes };
      }
      let options;
      try {
        options = uploadOptions(mergeFields(request.query, fields), { timeZone: engagement.timeZone });
        if (kind === 'multipart') source.format = fileFormat(options.format, mimetype, source.name);
        else if (options.format && options.format !== kind) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'format', expected: `must match the content type (${kind})`, got: options.format });
      } catch (err) {
        discard();
        throw err;
      }
      return receivePopulation(store, source, options, {
        engagementId: engagement.id, actor: token.id, uploadBytes: limits.uploadBytes, signal: controller.signal,
        onProgress: (p) => tracked.progress({ rows: p.rows }),
        ...(ctx.workers !== undefined ? { workers: ctx.workers } : {}),
      });
    })();
    ctx.uploads.add(work);
    try {
      const { population, created } = await work;
      const owner = store.populationEngagement(population.id);
      if (owner !== engagement.id) {
        throw tickmarkError('TM_ERR_MISMATCH', { message: 'this file, with these options, is already stored under another engagement; upload it with different options or ask the administrator' });
      }
      tracked.progress({ rows: population.rows.total, ...(Number.isFinite(declared) ? {} : { total: received }) });
      tracked.succeed({ id: population.id, href: `/v1/populations/${population.id}` });
      return reply.code(created ? 201 : 200).header('location', `/v1/populations/${population.id}`).send({ population: populationView(population, owner), created, job: { id: tracked.id, href: `/v1/jobs/${tracked.id}` } });
    } catch (err) {
      // A timeout, a shutdown or a disconnect explains the failure better than its symptom.
      const reason = controller.signal.aborted && controller.signal.reason instanceof TickmarkError ? controller.signal.reason : err;
      tracked.fail(reason);
      closeAfterReply(request, reply);
      throw reason;
    } finally {
      clearTimeout(timeout);
      clearTimeout(idleTimer);
      ctx.shutdown.signal.removeEventListener('abort', onShutdown);
      reply.raw.off('close', onClose);
      ctx.uploads.delete(work);
      const n = (ctx.uploadsByToken.get(token.id) ?? 1) - 1;
      if (n > 0) ctx.uploadsByToken.set(token.id, n);
      else ctx.uploadsByToken.delete(token.id);
    }
  }

  app.get<EngagementParams & { Querystring: { limit?: number; cursor?: string } }>('/engagements/:engagementId/populations', {
    schema: {
      summary: 'List the populations of an engagement, oldest first, a page at a time', tags: ['populations'], params: idParams('engagementId'), querystring: pageQuery,
      response: { 200: { type: 'object', required: ['populations', 'nextCursor'], properties: { populations: { type: 'array', items: populationSummarySchema }, nextCursor: nextCursorSchema } }, ...errorResponses },
    },
  }, async (request) => {
    const engagement = visibleEngagement(store, tokenOf(request), request.params.engagementId);
    const page = pageOf(request.query);
    const clause = pageClause(page, 'created_at', 'id');
    const rows = store.catalog
      .prepare(`SELECT meta FROM populations WHERE engagement_id = ? ${clause.and} ORDER BY created_at, id LIMIT ?`)
      .all(engagement.id, ...clause.args, page.limit + 1) as { meta: string }[];
    const { items, nextCursor } = clause.page(rows.map((r) => JSON.parse(r.meta) as PopulationMeta), (p) => [p.createdAt, p.id]);
    return { populations: items.map((p) => populationSummary(p, engagement.id)), nextCursor };
  });

  app.delete<{ Params: { populationId: string }; Querystring: { force?: boolean } }>('/populations/:populationId', {
    schema: {
      summary: 'Delete a population, its chunks and (unless another population shares it) its source file: refused while results are drawn from it, unless force=true deletes them too', tags: ['populations'],
      params: idParams('populationId'), querystring: forceQuery, response: { 200: deletedSchema, ...errorResponses },
    },
  }, async (request) => {
    const token = tokenOf(request);
    const meta = visiblePopulation(store, token, request.params.populationId);
    return { deleted: deletePopulation(store, ctx.jobs, meta.id, { force: request.query.force === true, actor: token.id }) };
  });

  app.get<{ Params: { populationId: string } }>('/populations/:populationId', {
    schema: {
      summary: 'Read a population: fingerprint, mapping, typing, column profile, ingest issues', tags: ['populations'], params: idParams('populationId'),
      response: { 200: { type: 'object', required: ['population'], properties: { population: populationSchema } }, ...errorResponses },
    },
  }, async (request) => {
    const meta = visiblePopulation(store, tokenOf(request), request.params.populationId);
    return { population: populationView(meta, store.populationEngagement(meta.id)) };
  });
}
