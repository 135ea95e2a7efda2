/**
 * Pulls: the whole dry-run of one control over a stored population, as a job — the same `pull`
 * operation the CLI and the library run, so the same inputs give the same workbook. The period
 * and zone default to the engagement's; the control, workpaper and extraction fields are kept
 * with the pull, so its workbook can be downloaded again, identical but for the time it was made.
 *
 * @example
 * POST /v1/pulls {"populationId":"pop_…","sample":{"seed":"20251231","size":25,"method":"stratified"},"workbook":{"control":{"id":"CC8.1-01"}}} → 202 { job }
 * GET /v1/pulls/pull_…/workbook → the .xlsx
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tickmarkError } from '../../errors.js';
import { pull, type PullRequest } from '../../operations/pull.js';
import { resolveParams } from '../../completeness/params.js';
import type { WorkbookRequest } from '../../operations/workbook-input.js';
import { exportSampleFile } from '../../operations/export-sample-file.js';
import { tokenOf } from '../auth/authenticate.js';
import { visibleArtefact, visiblePopulation } from '../auth/scope.js';
import { engagementDefaults, getEngagement } from '../engagements/engagements.js';
import { submitJob } from '../jobs/submit.js';
import { entriesSchema } from '../schemas/entries.js';
import { checkSampleRequest } from '../validate/sample-request.js';
import { checkTestRequest } from '../validate/test-request.js';
import { errorResponses, idParams, idSchema } from '../schemas/common.js';
import { jobEnvelope } from '../schemas/job.js';
import { completenessBody, sampleBody, testRunBody } from '../schemas/operations.js';
import { pullViewSchema } from '../schemas/pull.js';
import { XLSX_MIME } from '../upload/content-type.js';
import { download, downloadResponses } from './download.js';

type PullBody = Omit<PullRequest, 'file' | 'ingest' | 'output' | 'period'> & { populationId: string; period?: string };

interface StoredPull {
  request: PullBody & { period: string };
  completenessId: string;
  sampleId: string;
  testRunId: string;
  conclusion: string;
  warnings: string[];
}

const text = (max: number) => ({ type: 'string', maxLength: max }) as const;

const pullBody = {
  type: 'object',
  required: ['populationId', 'sample'],
  additionalProperties: false,
  properties: {
    populationId: idSchema,
    period: { ...sampleBody.properties.period, description: "The audit period (default: the engagement's)." },
    timeZone: sampleBody.properties.timeZone,
    sample: { ...sampleBody, properties: { ...sampleBody.properties }, description: 'Seed, size or plan, method, strata, key items, filter (the period is the pull\'s).' },
    completeness: { type: 'object', additionalProperties: false, properties: { params: completenessBody.properties.params, otherPopulationId: completenessBody.properties.otherPopulationId } },
    tests: { type: 'object', additionalProperties: false, properties: { rules: testRunBody.properties.rules, builtins: testRunBody.properties.builtins, params: testRunBody.properties.params, holidays: testRunBody.properties.holidays, joins: testRunBody.properties.joins, evaluation: testRunBody.properties.evaluation, ruleTimeoutMs: testRunBody.properties.ruleTimeoutMs } },
    workbook: {
      type: 'object', additionalProperties: false,
      properties: {
        control: { type: 'object', additionalProperties: false, properties: { id: text(100), description: text(2000), tsc: text(50), frequency: text(100), procedure: text(2000) } },
        workpaper: { ...entriesSchema.properties.workpaper, description: 'Lead-sheet fields: objective, owner, nature, frequency, keyControl, populationDefinition, workpaperRef, preparedBy, preparedOn, reviewedBy, reviewedOn, auditorConclusion.' },
        extraction: { type: 'object', additionalProperties: false, properties: { system: text(200), query: text(2000), extractedBy: text(200), extractedAt: text(100) } },
        preparer: text(200),
      },
    },
  },
} as const;

export async function pullRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.tickmark;
  const { store } = ctx;
  const visiblePull = (request: FastifyRequest<{ Params: { pullId: string } }>) => visibleArtefact<StoredPull>(store, tokenOf(request), request.params.pullId, 'pull');

  /** The workbook request of a stored pull: its own fields, the engagement's client and name. */
  const workbookOf = (a: { populationId: string; body: StoredPull }): WorkbookRequest => {
    const engagementId = store.populationEngagement(a.populationId);
    const engagement = engagementId ? getEngagement(store, engagementId) : undefined;
    const { request } = a.body;
    return {
      ...request.workbook,
      ...(engagement ? { engagement: { client: engagement.client, name: engagement.name ?? '' } } : {}),
      id: a.body.testRunId, period: request.period, ...(request.timeZone ? { timeZone: request.timeZone } : {}), completenessId: a.body.completenessId,
    };
  };

  app.post<{ Body: PullBody }>('/pulls', {
    schema: { summary: 'Pull a sample of one control end to end: completeness, sample, tests, evaluation, workbook (a job)', tags: ['pulls'], body: pullBody, response: { 202: jobEnvelope, ...errorResponses } },
  }, async (request, reply) => {
    const token = tokenOf(request);
    const meta = visiblePopulation(store, token, request.body.populationId);
    const engagementId = store.populationEngagement(meta.id);
    const defaults = engagementDefaults(store, meta, request.body);
    if (!defaults.period) throw tickmarkError('TM_ERR_USAGE', { message: 'give a period (YYYY-MM-DD..YYYY-MM-DD): the engagement has none' });
    const body = { ...request.body, ...defaults } as PullBody & { period: string };
    // Bad plans, designs and second populations fail now (400/404), not in the job.
    const sampleRequest = { ...body.sample, period: body.period, ...(body.timeZone ? { timeZone: body.timeZone } : {}) };
    checkSampleRequest(meta, sampleRequest);
    checkTestRequest(meta, { ...body.tests, period: body.period, ...(body.timeZone ? { timeZone: body.timeZone } : {}) });
    for (const id of Object.values(body.tests?.joins ?? {})) visiblePopulation(store, token, id);
    const other = body.completeness?.otherPopulationId ? visiblePopulation(store, token, body.completeness.otherPopulationId) : undefined;
    resolveParams(meta, body.completeness?.params ?? {}, other);
    return submitJob(request, reply, {
      type: 'pull', engagementId,
      work: async ({ signal, progress }) => {
        const result = await pull(store, body, {
          signal, actor: token.id, engagementId, onProgress: (p) => progress(p.rows, p.total), ...(ctx.workers !== undefined ? { workers: ctx.workers } : {}),
        });
        const stored: StoredPull = {
          request: body, completenessId: result.completeness.id, sampleId: result.sample.id, testRunId: result.tests.id,
          conclusion: result.evaluation.conclusion.sentence, warnings: result.warnings,
        };
        const saved = store.saveArtefact({ type: 'pull', populationId: meta.id, engagementId, parentId: result.tests.id, body: stored }, token.id);
        return { id: saved.id, href: `/v1/pulls/${saved.id}` };
      },
    });
  });

  app.get<{ Params: { pullId: string } }>('/pulls/:pullId', {
    schema: {
      summary: 'Read a pull: its request, the ids of its completeness report, sample and test run, the conclusion and warnings', tags: ['pulls'], params: idParams('pullId'),
      response: { 200: { type: 'object', required: ['pull'], properties: { pull: pullViewSchema } }, ...errorResponses },
    },
  }, async (request) => {
    const a = visiblePull(request);
    return { pull: { id: a.id, populationId: a.populationId, createdAt: a.createdAt, ...a.body, links: { workbook: `/v1/pulls/${a.id}/workbook`, sample: `/v1/samples/${a.body.sampleId}`, testRun: `/v1/test-runs/${a.body.testRunId}`, completeness: `/v1/completeness/${a.body.completenessId}` } } };
  });

  app.get<{ Params: { pullId: string } }>('/pulls/:pullId/workbook', {
    schema: { summary: "Download a pull's workbook (.xlsx), with the team's latest results", tags: ['pulls'], params: idParams('pullId'), 'x-responses': downloadResponses('The workbook', [XLSX_MIME]), response: { ...errorResponses } },
    handlerTimeout: ctx.limits.uploadTimeoutMs,
  }, async (request, reply) => {
    const a = visiblePull(request);
    const items = store.artefactRef(a.body.sampleId, 'sample')?.parts['selection.items'] ?? 0;
    const file = await exportSampleFile(store, workbookOf(a), 'xlsx', { workers: ctx.workers, items });
    store.log({ actor: tokenOf(request).id, action: 'pull.workbook', target: a.id, params: { selectionSha256: file.selectionSha256 } });
    return download(reply, XLSX_MIME, `${file.controlId}-${a.id}.xlsx`, file.body);
  });
}
