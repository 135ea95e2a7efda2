/**
 * What an engagement holds, seen from the engagement: its pulls (newest first, each with its
 * control, sample, test run and conclusion) and its audit log (entries by its tokens or about its
 * objects, newest first). Any token that sees the engagement may read both.
 *
 * @example
 * GET /v1/engagements/eng_…/pulls → { pulls: [{ id: 'pull_…', controlId: 'CC8.1-01', conclusion: '…' }] }
 * GET /v1/engagements/eng_…/audit-log?limit=50 → { entries: [...] }
 */
import type { FastifyInstance } from 'fastify';
import { tokenOf } from '../auth/authenticate.js';
import { visibleEngagement } from '../auth/scope.js';
import { engagementAuditLog } from '../engagements/audit.js';
import { encodeCursor, nextCursorSchema, pageOf, pageQueryProperties } from '../pagination.js';
import { errorResponses, idParams } from '../schemas/common.js';
import { auditEntrySchema, pullSummarySchema } from '../schemas/engagement-views.js';

interface StoredPullBody {
  request: { sample: { seed: string; method?: string; size?: number }; workbook?: { control?: { id?: string; description?: string } }; period: string };
  completenessId: string;
  sampleId: string;
  testRunId: string;
  conclusion: string;
  warnings: string[];
}

export async function engagementViewRoutes(app: FastifyInstance): Promise<void> {
  const { store, jobs } = app.tickmark;

  app.get<{ Params: { engagementId: string } }>('/engagements/:engagementId/pulls', {
    schema: {
      summary: 'List the pulls of an engagement, newest first', tags: ['pulls'], params: idParams('engagementId'),
      response: { 200: { type: 'object', required: ['pulls'], properties: { pulls: { type: 'array', items: pullSummarySchema } } }, ...errorResponses },
    },
  }, async (request) => {
    const engagement = visibleEngagement(store, tokenOf(request), request.params.engagementId);
    const pulls = store.listPopulations(engagement.id).flatMap((p) => store.listArtefacts<StoredPullBody>(p.id, 'pull').map((a) => ({
      id: a.id, populationId: a.populationId, createdAt: a.createdAt,
      controlId: a.body.request.workbook?.control?.id ?? null, controlDescription: a.body.request.workbook?.control?.description ?? null,
      period: a.body.request.period, seed: a.body.request.sample.seed, method: a.body.request.sample.method ?? 'random',
      completenessId: a.body.completenessId, sampleId: a.body.sampleId, testRunId: a.body.testRunId, conclusion: a.body.conclusion,
    })));
    return { pulls: pulls.sort((x, y) => (x.createdAt < y.createdAt ? 1 : x.createdAt > y.createdAt ? -1 : 0)) };
  });

  app.get<{ Params: { engagementId: string }; Querystring: { limit?: number; cursor?: string } }>('/engagements/:engagementId/audit-log', {
    schema: {
      summary: "The engagement's audit log, newest first: requests by its tokens and everything done to its populations, samples, test runs, results and pulls", tags: ['engagements'],
      params: idParams('engagementId'),
      querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, cursor: pageQueryProperties.cursor } },
      response: { 200: { type: 'object', required: ['entries', 'nextCursor'], properties: { entries: { type: 'array', items: auditEntrySchema }, nextCursor: nextCursorSchema } }, ...errorResponses },
    },
  }, async (request) => {
    const engagement = visibleEngagement(store, tokenOf(request), request.params.engagementId);
    const jobIds = jobs.idsOf(engagement.id);
    const page = pageOf(request.query);
    const limit = request.query.limit ?? 100;
    const entries = engagementAuditLog(store, engagement.id, { jobIds, ...(page.after ? { before: Number(page.after[0]) } : {}) }, limit);
    // A full page may have more after it: the cursor is the oldest entry served.
    return { entries, nextCursor: entries.length === limit ? encodeCursor([entries[entries.length - 1]!.seq, 'seq']) : null };
  });
}
