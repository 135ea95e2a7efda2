/**
 * Verify a SQL pull's workbook over HTTP, as `tickmark verify OUT.xlsx postgres://…` (or a results
 * directory) does on the command line: upload the .xlsx (a raw body) — downloaded earlier,
 * perhaps edited since — and the service re-performs the pull where it was drawn: on the
 * PostgreSQL source it was configured with (the statements run again; the SQL that ran is held
 * against the workbook's recipe), or, for a pull from results sent in the request, from those
 * results, kept with the pull. Every cell tickmark wrote is held against the workbook's machine
 * copy, the team's entries listed, the automated tests re-run. A job; its result is kept with
 * the pull and reads as identical, or each difference.
 *
 * @example
 * curl -X POST -H 'content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' \
 *   --data-binary @sql-pull.xlsx http://127.0.0.1:3000/v1/sql-pulls/sqlp_…/verify → 202 { job }
 * GET /v1/sql-pulls/sqlp_…/verifications/wbve_… → { verification: { identical: true, … } }
 */
import type { FastifyInstance } from 'fastify';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tickmarkError } from '../../errors.js';
import { statementsOf } from '../../operations/sql-results-pull.js';
import { writeRequest, writeStatements } from '../../sql/results-dir.js';
import { newId } from '../../store/ids.js';
import { tokenOf } from '../auth/authenticate.js';
import { visibleSqlPull } from '../auth/scope.js';
import type { ServiceContext } from '../context.js';
import { submitJob } from '../jobs/submit.js';
import { errorResponses, idParams } from '../schemas/common.js';
import { jobEnvelope } from '../schemas/job.js';
import { sqlPullVerificationEnvelope } from '../schemas/workbook-verification.js';
import { keepSqlPullVerification, readSqlPullResults, readSqlPullVerification, type KeptSqlPull } from '../sql-pulls/kept.js';
import { XLSX_MIME } from '../upload/content-type.js';
import { acceptWorkbookBodies, saveWorkbookBody } from '../upload/workbook-body.js';
import { verifyUploadedWorkbook, type WorkbookVerification } from '../verify/verify-workbook.js';

interface KeptVerification extends WorkbookVerification {
  id: string;
  sqlPullId: string;
  createdAt: string;
  file: string;
}

/**
 * Where the pull is re-performed: the configured source's URL, or a results directory written in
 * `scratch` from the results kept with the pull. Known before a job starts: a source no longer
 * configured is refused up front.
 */
function reperformFrom(ctx: ServiceContext, kept: KeptSqlPull): (scratch: string) => string {
  if (kept.source.connection !== undefined) {
    const url = ctx.sqlSources.get(kept.source.connection);
    if (!url) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'SQL source', id: kept.source.connection });
    return () => url;
  }
  const results = readSqlPullResults(ctx.store, kept.id);
  if (!results) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'results of SQL pull', id: kept.id });
  return (scratch) => {
    const dir = join(scratch, 'results');
    writeRequest(dir, results.request);
    writeStatements(dir, statementsOf(results.request, results.results.strata).statements);
    for (const [name, rows] of Object.entries(results.results)) writeFileSync(join(dir, `${name}.json`), JSON.stringify(rows));
    return dir;
  };
}

export async function sqlPullVerifyRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.tickmark;
  const { store } = ctx;
  acceptWorkbookBodies(app);

  app.post<{ Params: { sqlPullId: string }; Querystring: { name?: string } }>('/sql-pulls/:sqlPullId/verify', {
    schema: {
      summary: "Verify a workbook of this SQL pull by re-performing the pull where it was drawn: identical, or each difference (a job)", tags: ['sql'],
      params: idParams('sqlPullId'),
      querystring: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', maxLength: 255, description: "The workbook's file name, for the record." } } },
      'x-request-body': { required: true, content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } },
      response: { 202: jobEnvelope, ...errorResponses },
    },
  }, async (request, reply) => {
    const token = tokenOf(request);
    const kept = visibleSqlPull(store, token, request.params.sqlPullId);
    const source = reperformFrom(ctx, kept);
    const scratch = store.tempDir();
    const workbook = join(scratch, 'workbook.xlsx');
    const file = (request.query.name ?? 'workbook.xlsx').slice(0, 255);
    try {
      await saveWorkbookBody(request, workbook);
      return submitJob(request, reply, {
        type: 'sql-pull.verify', engagementId: kept.engagementId,
        work: async () => {
          try {
            const result = await verifyUploadedWorkbook({ workbook, population: source(scratch), scratch, actor: token.id, ...(ctx.workers !== undefined ? { workers: ctx.workers } : {}) });
            const id = newId('wbve');
            const verification: KeptVerification = { ...result, id, sqlPullId: kept.id, createdAt: new Date().toISOString(), file };
            keepSqlPullVerification(store, kept.id, verification);
            store.log({ actor: token.id, action: 'sql-pull.verify', target: kept.id, params: { file, identical: result.identical, verification: id } });
            return { id, href: `/v1/sql-pulls/${kept.id}/verifications/${id}` };
          } finally {
            rmSync(scratch, { recursive: true, force: true });
          }
        },
      });
    } catch (err) {
      rmSync(scratch, { recursive: true, force: true }); // not saved, or refused (busy): no job will clean up
      throw err;
    }
  });

  app.get<{ Params: { sqlPullId: string; verificationId: string } }>('/sql-pulls/:sqlPullId/verifications/:verificationId', {
    schema: { summary: "Read a verification of a SQL pull's workbook: identical, or each difference", tags: ['sql'], params: idParams('sqlPullId', 'verificationId'), response: { 200: sqlPullVerificationEnvelope, ...errorResponses } },
  }, async (request) => {
    const kept = visibleSqlPull(store, tokenOf(request), request.params.sqlPullId);
    const verification = readSqlPullVerification<KeptVerification>(store, kept.id, request.params.verificationId);
    if (!verification) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'workbook verification', id: request.params.verificationId });
    return { verification };
  });
}
