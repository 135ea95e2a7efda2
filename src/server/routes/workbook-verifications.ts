/**
 * Workbook verification over HTTP: upload a workbook tickmark wrote (raw XLSX body) against a
 * stored population — the population the workbook says it was drawn from — and a job re-performs
 * it: identical, or each difference (selection, tests, every cell tickmark wrote).
 *
 * The upload side is here: scope and capacity checked before a byte is read, the body streamed
 * under the upload limit and the idle timeout into a private temp file, refused unless it is a zip
 * (an .xlsx), removed when the job ends. The verification itself is the library function
 * `verifyWorkbook(store, workbookPath, populationFile, opts)` of `src/operations/verify-workbook.ts`,
 * loaded when the route is called: until that module is in the build, the route answers 503
 * TM_ERR_UNAVAILABLE saying so, before reading the body.
 *
 * @example
 * curl -H 'authorization: Bearer tmk_…' -H 'content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' \
 *   --data-binary @CC8.1-sample.xlsx http://127.0.0.1:3000/v1/populations/pop_…/workbook-verifications → 202 { job }
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createWriteStream, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tickmarkError } from '../../errors.js';
import { assertId } from '../../store/ids.js';
import { tokenOf } from '../auth/authenticate.js';
import { visibleArtefact, visiblePopulation } from '../auth/scope.js';
import { submitJob } from '../jobs/submit.js';
import { limitBytes, tooLarge } from '../limits/byte-limit.js';
import { errorResponses, idParams, openObject } from '../schemas/common.js';
import { jobEnvelope } from '../schemas/job.js';
import { abortable } from '../upload/abortable.js';
import { mediaType, XLSX_MIME } from '../upload/content-type.js';
import { rawBody } from '../upload/raw-body.js';

type VerifyWorkbook = (store: unknown, workbookPath: string, populationFile: string, opts: Record<string, unknown>) => Promise<{ identical: boolean }>;

/** The library function, or undefined while its module is not in the build. */
async function loadVerifyWorkbook(): Promise<VerifyWorkbook | undefined> {
  try {
    const mod = (await import(new URL('../../operations/verify-workbook.js', import.meta.url).href)) as { verifyWorkbook?: VerifyWorkbook };
    return mod.verifyWorkbook;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}

function closeAfterReply(request: FastifyRequest, reply: FastifyReply): void {
  if (request.raw.complete) return;
  reply.header('connection', 'close');
  reply.raw.once('finish', () => request.raw.socket?.destroy());
}

export async function workbookVerificationRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.tickmark;
  const { store, limits } = ctx;
  app.addContentTypeParser(XLSX_MIME, (_request: FastifyRequest, payload: unknown, done: (err: Error | null, body?: unknown) => void) => done(null, payload));

  app.post<{ Params: { populationId: string } }>('/populations/:populationId/workbook-verifications', {
    schema: {
      summary: 'Verify a workbook tickmark wrote against the stored population it was drawn from: identical, or each difference (a job)', tags: ['samples'],
      params: idParams('populationId'),
      'x-request-body': { required: true, content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } },
      response: { 202: jobEnvelope, ...errorResponses },
    },
    handlerTimeout: limits.uploadTimeoutMs + 5_000,
    // Everything that can refuse the upload is checked before its body is read.
    onRequest: async (request: FastifyRequest<{ Params: { populationId: string } }>, reply) => {
      try {
        const meta = visiblePopulation(store, tokenOf(request), assertId(request.params.populationId, 'population'));
        if (mediaType(request.headers['content-type']) !== XLSX_MIME) throw tickmarkError('TM_ERR_UNSUPPORTED_MEDIA', { type: mediaType(request.headers['content-type']) || '(none)', accepted: [XLSX_MIME] });
        const declared = Number(request.headers['content-length']);
        if (Number.isFinite(declared) && declared > limits.uploadBytes) throw tooLarge(limits.uploadBytes);
        if (!(await loadVerifyWorkbook())) {
          throw tickmarkError('TM_ERR_UNAVAILABLE', { reason: 'workbook verification over HTTP needs the verifyWorkbook library function (src/operations/verify-workbook.ts), which this build does not have; use `tickmark verify OUT.xlsx FILE`', retryAfterSeconds: 3600 });
        }
        ctx.jobs.assertCapacity(store.populationEngagement(meta.id));
      } catch (err) {
        closeAfterReply(request, reply);
        throw err;
      }
    },
  }, async (request, reply) => {
    const token = tokenOf(request);
    const meta = visiblePopulation(store, token, request.params.populationId);
    const engagementId = store.populationEngagement(meta.id);
    const verifyWorkbook = (await loadVerifyWorkbook())!;
    const dir = store.tempDir();
    const path = join(dir, 'workbook.xlsx');
    const controller = new AbortController();
    const idle = () => controller.abort(tickmarkError('TM_ERR_TIMEOUT', { reason: `no bytes arrived for ${limits.uploadIdleMs} ms` }));
    let idleTimer = setTimeout(idle, limits.uploadIdleMs);
    async function* watched(bytes: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
      for await (const chunk of bytes) {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(idle, limits.uploadIdleMs);
        yield chunk;
      }
    }
    try {
      await pipeline(Readable.from(limitBytes(abortable(watched(rawBody(request.body as Readable)), controller.signal), limits.uploadBytes, 'the workbook')), createWriteStream(path, { mode: 0o600 }));
      const head = Buffer.alloc(4);
      const fh = await open(path, 'r');
      await fh.read(head, 0, 4, 0).finally(() => fh.close());
      if (head.toString('latin1') !== 'PK\u0003\u0004') throw tickmarkError('TM_ERR_XLSX_INVALID', { reason: 'the body is not a zip file (an .xlsx workbook starts with PK)' });
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      closeAfterReply(request, reply);
      throw controller.signal.aborted ? controller.signal.reason : err;
    } finally {
      clearTimeout(idleTimer);
    }
    try {
      return submitJob(request, reply, {
        type: 'workbook.verify', engagementId,
        work: async ({ signal }) => {
          try {
            const result = await verifyWorkbook(store, path, store.sourcePath(meta.source.sha256), { signal, actor: token.id, engagementId, ...(ctx.workers !== undefined ? { workers: ctx.workers } : {}) });
            const saved = store.saveArtefact({ type: 'workbook-verification', populationId: meta.id, engagementId, body: result }, token.id);
            return { id: saved.id, href: `/v1/workbook-verifications/${saved.id}` };
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      });
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  });

  app.get<{ Params: { verificationId: string } }>('/workbook-verifications/:verificationId', {
    schema: {
      summary: 'Read a workbook verification: identical, or each difference (population, selection, tests, cells)', tags: ['samples'], params: idParams('verificationId'),
      response: { 200: { type: 'object', required: ['verification'], properties: { verification: openObject } }, ...errorResponses },
    },
  }, async (request) => {
    const a = visibleArtefact<Record<string, unknown>>(store, tokenOf(request), request.params.verificationId, 'workbook-verification', 'workbook verification');
    return { verification: { id: a.id, populationId: a.populationId, createdAt: a.createdAt, ...a.body } };
  });
}
