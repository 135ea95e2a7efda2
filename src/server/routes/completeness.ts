/**
 * Completeness & accuracy of a population over the audit period: run (a job), list, read, export.
 *
 * @example
 * POST /v1/populations/pop_…/completeness {} → 202 { job } (period: the engagement's)
 */
import type { FastifyInstance } from 'fastify';
import type { CompletenessParams, CompletenessReport } from '../../completeness/index.js';
import { toCsv } from '../../export/csv.js';
import { tickmarkError } from '../../errors.js';
import { checkCompleteness } from '../../operations/index.js';
import { resolveParams } from '../../completeness/params.js';
import { parsePeriod } from '../../period/period.js';
import { tokenOf } from '../auth/authenticate.js';
import { visibleArtefact, visiblePopulation } from '../auth/scope.js';
import { getEngagement } from '../engagements/engagements.js';
import { submitJob } from '../jobs/submit.js';
import { errorResponses, idParams } from '../schemas/common.js';
import { jobEnvelope } from '../schemas/job.js';
import { artefactListSchema, completenessBody, completenessEnvelope, exportQuery } from '../schemas/operations.js';
import { completenessRows } from '../views/exports.js';
import { pageQuery } from '../pagination.js';
import { artefactList } from '../views/artefact-list.js';
import { CSV_TYPE, download, downloadResponses, JSON_DOWNLOAD_TYPE } from './download.js';

interface CompletenessBody {
  period?: string;
  timeZone?: string;
  params?: CompletenessParams;
  otherPopulationId?: string;
}

export async function completenessRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.tickmark;
  const { store } = ctx;

  app.post<{ Params: { populationId: string }; Body: CompletenessBody }>('/populations/:populationId/completeness', {
    schema: {
      summary: 'Check completeness & accuracy over the period (a job)', tags: ['completeness'],
      params: idParams('populationId'), body: completenessBody, response: { 202: jobEnvelope, ...errorResponses },
    },
  }, async (request, reply) => {
    const token = tokenOf(request);
    const meta = visiblePopulation(store, token, request.params.populationId);
    const engagementId = store.populationEngagement(meta.id);
    const engagement = engagementId ? getEngagement(store, engagementId) : undefined;
    const body = request.body ?? {};
    const period = body.period ?? (engagement?.period ? `${engagement.period.start}..${engagement.period.end}` : undefined);
    if (!period) throw tickmarkError('TM_ERR_USAGE', { message: 'give a period (YYYY-MM-DD..YYYY-MM-DD): the engagement has none' });
    const timeZone = body.timeZone ?? engagement?.timeZone;
    // The period, the second population and every parameter fail now, not in the job.
    parsePeriod(period, timeZone ?? meta.typing.timeZone);
    const other = body.otherPopulationId ? visiblePopulation(store, token, body.otherPopulationId) : undefined;
    resolveParams(meta, body.params ?? {}, other);
    return submitJob(request, reply, {
      type: 'completeness', engagementId,
      work: async ({ signal, progress }) => {
        const { id } = await checkCompleteness(store, meta.id, {
          period, ...(timeZone ? { timeZone } : {}), ...(body.params ? { params: body.params } : {}), ...(body.otherPopulationId ? { otherPopulationId: body.otherPopulationId } : {}),
        }, { signal, actor: token.id, engagementId, onProgress: (p) => progress(p.rows, p.total), ...(ctx.workers !== undefined ? { workers: ctx.workers } : {}) });
        return { id, href: `/v1/completeness/${id}` };
      },
    });
  });

  app.get<{ Params: { populationId: string }; Querystring: { limit?: number; cursor?: string } }>('/populations/:populationId/completeness', {
    schema: {
      summary: 'List the completeness reports of a population, oldest first, a page at a time', tags: ['completeness'], params: idParams('populationId'), querystring: pageQuery,
      response: { 200: artefactListSchema('reports', { status: { type: 'string' }, period: { type: 'string' } }), ...errorResponses },
    },
  }, async (request) => {
    const meta = visiblePopulation(store, tokenOf(request), request.params.populationId);
    const page = artefactList<CompletenessReport, object>(store, { populationId: meta.id, type: 'completeness' }, request.query, (a) => ({ status: a.body.status, period: `${a.body.period.start}..${a.body.period.end}` }));
    return { reports: page.items, nextCursor: page.nextCursor };
  });

  app.get<{ Params: { reportId: string } }>('/completeness/:reportId', {
    schema: { summary: 'Read a completeness report: each check with status and evidence', tags: ['completeness'], params: idParams('reportId'), response: { 200: completenessEnvelope, ...errorResponses } },
  }, async (request) => {
    const a = visibleArtefact<CompletenessReport>(store, tokenOf(request), request.params.reportId, 'completeness', 'completeness report');
    return { completeness: { id: a.id, populationId: a.populationId, createdAt: a.createdAt, report: a.body } };
  });

  app.get<{ Params: { reportId: string }; Querystring: { format: 'json' | 'csv' } }>('/completeness/:reportId/export', {
    schema: {
      summary: 'Download a completeness report (JSON, or CSV of the checks)', tags: ['completeness'],
      params: idParams('reportId'), querystring: exportQuery(['json', 'csv']), 'x-responses': downloadResponses('The report', [JSON_DOWNLOAD_TYPE, CSV_TYPE]),
    },
  }, async (request, reply) => {
    const a = visibleArtefact<CompletenessReport>(store, tokenOf(request), request.params.reportId, 'completeness', 'completeness report');
    return request.query.format === 'csv'
      ? download(reply, CSV_TYPE, `${a.id}-completeness.csv`, toCsv(completenessRows(a.body)))
      : download(reply, JSON_DOWNLOAD_TYPE, `${a.id}-completeness.json`, JSON.stringify(a.body, null, 2));
  });
}
