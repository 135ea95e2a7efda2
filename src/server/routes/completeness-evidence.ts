/**
 * The completeness checks (titles and what each establishes), and one check's evidence as a CSV download (the rows, ranges or groups it lists; cells
 * neutralised against formula injection). The whole report, with every check's evidence, is
 * `/v1/completeness/:reportId/export?format=json`.
 *
 * @example
 * GET /v1/completeness/comp_…/evidence/out_of_period → comp_…-out_of_period.csv
 */
import type { FastifyInstance } from 'fastify';
import { checkIds, checkTitles, type CompletenessReport } from '../../completeness/index.js';
import { toCsv } from '../../export/csv.js';
import { tickmarkError } from '../../errors.js';
import { tokenOf } from '../auth/authenticate.js';
import { visibleArtefact } from '../auth/scope.js';
import { idSchema } from '../schemas/common.js';
import { evidenceRows } from '../views/evidence.js';
import { CSV_TYPE, download, downloadResponses } from './download.js';

const checksResponse = {
  type: 'object', required: ['checks'],
  properties: { checks: { type: 'array', items: { type: 'object', required: ['id', 'title', 'description'], properties: { id: { type: 'string', enum: [...checkIds] }, title: { type: 'string' }, description: { type: 'string' } } } } },
} as const;

export async function completenessEvidenceRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.tickmark;
  const checks = checkIds.map((id) => ({ id, ...checkTitles[id] }));

  app.get('/completeness-checks', {
    schema: { summary: 'The completeness checks, in report order: what each establishes', tags: ['completeness'], response: { 200: checksResponse } },
  }, async () => ({ checks }));

  app.get<{ Params: { reportId: string; check: string } }>('/completeness/:reportId/evidence/:check', {
    schema: {
      summary: "Download one check's evidence (CSV)", tags: ['completeness'],
      params: { type: 'object', required: ['reportId', 'check'], additionalProperties: false, properties: { reportId: idSchema, check: { type: 'string', enum: [...checkIds] } } },
      'x-responses': downloadResponses("The check's evidence", [CSV_TYPE]),
    },
  }, async (request, reply) => {
    const a = visibleArtefact<CompletenessReport>(store, tokenOf(request), request.params.reportId, 'completeness', 'completeness report');
    const check = a.body.checks.find((c) => c.id === request.params.check);
    if (!check) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'check', id: request.params.check });
    return download(reply, CSV_TYPE, `${a.id}-${check.id}.csv`, toCsv(evidenceRows(check)));
  });
}
