/**
 * Verify a workbook over HTTP: upload the .xlsx (a raw body) of one of the engagement's pulls —
 * downloaded earlier, perhaps edited since — and the service re-performs it against the
 * population file the pull was drawn from (kept in the store by its SHA-256): the population's
 * fingerprint, the selection re-derived, every cell tickmark wrote held against the workbook's
 * machine copy, the team's entries listed, the automated tests re-run — what `tickmark verify`
 * reports. A job; its result is stored and reads as identical, or each difference.
 *
 * @example
 * curl -X POST -H 'content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' \
 *   --data-binary @CC8.1-sample.xlsx http://127.0.0.1:3000/v1/pulls/pull_…/verify → 202 { job }
 * GET /v1/workbook-verifications/wbve_… → { verification: { identical: false, workbook: { differences: [...] } } }
 */
import type { FastifyInstance } from 'fastify';
import { linkSync, copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tickmarkError } from '../../errors.js';
import { tokenOf } from '../auth/authenticate.js';
import { visibleArtefact, visiblePopulation } from '../auth/scope.js';
import { submitJob } from '../jobs/submit.js';
import { errorResponses, idParams } from '../schemas/common.js';
import { jobEnvelope } from '../schemas/job.js';
import { workbookVerificationEnvelope } from '../schemas/workbook-verification.js';
import { XLSX_MIME } from '../upload/content-type.js';
import { acceptWorkbookBodies, saveWorkbookBody } from '../upload/workbook-body.js';
import { verifyUploadedWorkbook, type WorkbookVerification } from '../verify/verify-workbook.js';

interface StoredVerification extends WorkbookVerification {
  pullId: string;
  file: string;
}

/** Hard-link (or copy) the stored source under a name whose extension says its format. */
function sourceAs(from: string, dir: string, format: string): string {
  if (format !== 'csv' && format !== 'xlsx') throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'population', expected: 'must have been read from a CSV or XLSX file (a population read in place is verified where it lives)', got: format });
  const to = join(dir, `population.${format}`);
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
  return to;
}

export async function workbookVerifyRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.tickmark;
  const { store } = ctx;
  acceptWorkbookBodies(app);

  app.post<{ Params: { pullId: string }; Querystring: { name?: string } }>('/pulls/:pullId/verify', {
    schema: {
      summary: "Verify a workbook of this pull against the pull's population file: identical, or each difference (a job)", tags: ['pulls'],
      params: idParams('pullId'),
      querystring: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', maxLength: 255, description: "The workbook's file name, for the record." } } },
      'x-request-body': { required: true, content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } },
      response: { 202: jobEnvelope, ...errorResponses },
    },
  }, async (request, reply) => {
    const token = tokenOf(request);
    const pull = visibleArtefact<{ sampleId: string }>(store, token, request.params.pullId, 'pull');
    const meta = visiblePopulation(store, token, pull.populationId);
    const engagementId = store.populationEngagement(meta.id);
    const scratch = store.tempDir();
    const workbook = join(scratch, 'workbook.xlsx');
    try {
      await saveWorkbookBody(request, workbook);
    } catch (err) {
      rmSync(scratch, { recursive: true, force: true });
      throw err;
    }
    const file = (request.query.name ?? 'workbook.xlsx').slice(0, 255);
    try {
      return submitJob(request, reply, {
      type: 'workbook.verify', engagementId,
      work: async () => {
        try {
          const population = sourceAs(store.sourcePath(meta.source.sha256), scratch, meta.source.format);
          const result = await verifyUploadedWorkbook({ workbook, population, scratch, actor: token.id, ...(ctx.workers !== undefined ? { workers: ctx.workers } : {}) });
          const saved = store.saveArtefact<StoredVerification>({ type: 'wbverify', populationId: meta.id, engagementId, parentId: pull.id, body: { ...result, pullId: pull.id, file } }, token.id);
          store.log({ actor: token.id, action: 'workbook.verify', target: pull.id, params: { file, identical: result.identical, verification: saved.id } });
          return { id: saved.id, href: `/v1/workbook-verifications/${saved.id}` };
        } finally {
          rmSync(scratch, { recursive: true, force: true });
        }
      },
      });
    } catch (err) {
      rmSync(scratch, { recursive: true, force: true }); // refused (busy): the job will not clean up
      throw err;
    }
  });

  app.get<{ Params: { verificationId: string } }>('/workbook-verifications/:verificationId', {
    schema: { summary: 'Read a workbook verification: identical, or each difference', tags: ['pulls'], params: idParams('verificationId'), response: { 200: workbookVerificationEnvelope, ...errorResponses } },
  }, async (request) => {
    const a = visibleArtefact<StoredVerification>(store, tokenOf(request), request.params.verificationId, 'wbverify', 'workbook verification');
    return { verification: { id: a.id, populationId: a.populationId, createdAt: a.createdAt, ...a.body } };
  });
}
