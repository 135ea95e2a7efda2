/**
 * A filled workbook comes back over HTTP: upload the .xlsx (a raw body) of a test run's workbook
 * the team filled in Excel or LibreOffice, and its entries — marks, overrides with their reason,
 * evidence, comments, write-ups, added exceptions, sign-offs, dispositions — are read from its
 * yellow cells and stored as the next version of the test run's results, exactly as
 * `tickmark evaluate --workbook` does (the same operation). An edited cell tickmark wrote, a mark
 * outside the legend or another test run's workbook stores nothing. The refreshed workbook is the
 * test run's (or its pull's) workbook download.
 *
 * @example
 * curl -X POST -H 'content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' \
 *   --data-binary @CC8.1-filled.xlsx 'http://127.0.0.1:3000/v1/test-runs/test_…/results/workbook?name=CC8.1-filled.xlsx' → 201 { results }
 */
import type { FastifyInstance } from 'fastify';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateWorkbook } from '../../operations/evaluate-workbook.js';
import { tokenOf } from '../auth/authenticate.js';
import { visibleArtefact } from '../auth/scope.js';
import { errorResponses, idParams } from '../schemas/common.js';
import { resultsVersionSchema } from '../schemas/test-run.js';
import { XLSX_MIME } from '../upload/content-type.js';
import { acceptWorkbookBodies, saveWorkbookBody } from '../upload/workbook-body.js';

const response = {
  type: 'object',
  required: ['results', 'cells', 'notes'],
  properties: {
    results: resultsVersionSchema,
    cells: { type: 'number', description: 'Yellow cells read.' },
    notes: { type: 'array', items: { type: 'string' } },
  },
} as const;

export async function resultsWorkbookRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.tickmark;
  acceptWorkbookBodies(app);

  app.post<{ Params: { runId: string }; Querystring: { name?: string } }>('/test-runs/:runId/results/workbook', {
    schema: {
      summary: "Bring a filled workbook's entries in: a new version of the test run's results, and the evaluation they give", tags: ['tests'],
      params: idParams('runId'),
      querystring: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', maxLength: 255, description: "The filled workbook's file name, for the record." } } },
      'x-request-body': { required: true, content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } },
      response: { 201: response, ...errorResponses },
    },
  }, async (request, reply) => {
    const token = tokenOf(request);
    const run = visibleArtefact(store, token, request.params.runId, 'testrun', 'test run');
    const scratch = store.tempDir();
    try {
      const filled = join(scratch, 'filled.xlsx');
      await saveWorkbookBody(request, filled);
      const done = await evaluateWorkbook(store, filled, {
        testRunId: run.id, fileName: (request.query.name ?? 'filled.xlsx').slice(0, 255), output: join(scratch, 'refreshed.xlsx'),
        actor: token.id, engagementId: store.populationEngagement(run.populationId),
      });
      reply.code(201).header('location', `/v1/test-runs/${run.id}/results/${done.results.version}`);
      return { results: done.results, cells: done.entryCells.length, notes: done.notes };
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
}
