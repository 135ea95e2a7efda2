/**
 * Attribute tests of a sample or of the whole population: run (a job), list, read, findings.
 * Downloads (workbook, CSV, JSON): workbooks.ts.
 *
 * @example
 * POST /v1/populations/pop_…/test-runs {"sampleId":"samp_…"} → 202 { job }
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tickmarkError } from '../../errors.js';
import { runTests, type TestRequest, type TestRunRecord } from '../../operations/index.js';
import type { Artefact, Store } from '../../store/store.js';
import { pageArray, pageOf, pageQuery, pageQueryProperties, nextCursorSchema } from '../pagination.js';
import { artefactList } from '../views/artefact-list.js';
import { inlinePages, LIST_PAGE, listPage, listPageJson } from '../views/paged-lists.js';

const JSON_TYPE = 'application/json; charset=utf-8';
import { tokenOf } from '../auth/authenticate.js';
import { visibleArtefact, visibleArtefactRef, visiblePopulation } from '../auth/scope.js';
import { submitJob } from '../jobs/submit.js';
import { checkTestRequest } from '../validate/test-request.js';
import { errorResponses, idParams } from '../schemas/common.js';
import { jobEnvelope } from '../schemas/job.js';
import { artefactListSchema, listPageSchema, testRunBody, testRunEnvelope } from '../schemas/operations.js';
import { entriesSchema } from '../schemas/entries.js';
import { nullableEvaluation } from '../schemas/evaluation.js';
import { attributeSummarySchema, findingSchema, testRunBodySchema, overallSummarySchema, resultsVersionSchema, resultsVersionSummarySchema } from '../schemas/test-run.js';
import { emptyEntries, type TeamEntries } from '../../evaluation/entries.js';
import { latestResults, listResults, recordResults } from '../../operations/results.js';
import { completenessFor } from '../../operations/workbook-input.js';
import { getSample } from '../../operations/sample.js';

type StoredRun = Omit<TestRunRecord, 'id'>;
type RunParams = { Params: { runId: string } };

/** A test run with the first page of its findings, items and sampled records inline (`pages` links the rest). */
function runView(store: Store, a: Artefact<StoredRun> & { parts: Record<string, number> }) {
  const { body: whole, pages } = inlinePages(store, a, `/v1/test-runs/${a.id}`);
  const { populationId: _p, ...body } = whole;
  return { id: a.id, populationId: a.populationId, createdAt: a.createdAt, ...body, ...(Object.keys(pages).length ? { pages } : {}) };
}

type PageQuery = { Querystring: { limit?: number; cursor?: string } };
const itemPageQuery = { type: 'object', additionalProperties: false, properties: { ...pageQueryProperties, limit: { ...pageQueryProperties.limit, default: LIST_PAGE } } } as const;

export async function testRunRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.tickmark;
  const { store } = ctx;
  const visibleRunRef = (request: FastifyRequest<RunParams>) => visibleArtefactRef(store, tokenOf(request), request.params.runId, 'testrun', 'test run');
  const visibleRun = (request: FastifyRequest<RunParams>) => visibleArtefact<StoredRun>(store, tokenOf(request), request.params.runId, 'testrun', 'test run');

  app.post<{ Params: { populationId: string }; Body: TestRequest }>('/populations/:populationId/test-runs', {
    schema: { summary: "Test a sample (or every row) against the control's attributes (a job)", tags: ['tests'], params: idParams('populationId'), body: testRunBody, response: { 202: jobEnvelope, ...errorResponses } },
  }, async (request, reply) => {
    const token = tokenOf(request);
    const meta = visiblePopulation(store, token, request.params.populationId);
    const engagementId = store.populationEngagement(meta.id);
    const req = request.body ?? {};
    if (Boolean(req.sampleId) === Boolean(req.all)) throw tickmarkError('TM_ERR_USAGE', { message: 'give either sampleId (test a sample) or all: true (test every row)' });
    if (req.sampleId) {
      const sample = visibleArtefact(store, token, req.sampleId, 'sample');
      if (sample.populationId !== meta.id) throw tickmarkError('TM_ERR_MISMATCH', { message: `sample ${sample.id} was drawn from population ${sample.populationId}, not ${meta.id}` });
    }
    for (const id of Object.values(req.joins ?? {})) visiblePopulation(store, token, id);
    checkTestRequest(meta, req); // rules, parameters, holidays, period and evaluation fail now, not in the job
    return submitJob(request, reply, {
      type: 'test-run', engagementId,
      work: async ({ signal, progress }) => {
        const { id } = await runTests(store, meta.id, req, {
          signal, actor: token.id, engagementId, onProgress: (p) => progress(p.rows, p.total), ...(ctx.workers !== undefined ? { workers: ctx.workers } : {}),
        });
        return { id, href: `/v1/test-runs/${id}` };
      },
    });
  });

  app.get<{ Params: { populationId: string } } & PageQuery>('/populations/:populationId/test-runs', {
    schema: {
      summary: 'List the test runs of a population, oldest first, a page at a time', tags: ['tests'], params: idParams('populationId'), querystring: pageQuery,
      response: { 200: artefactListSchema('testRuns', { sampleId: { type: ['string', 'null'] }, scope: { type: 'string' }, overall: overallSummarySchema }), ...errorResponses },
    },
  }, async (request) => {
    const meta = visiblePopulation(store, tokenOf(request), request.params.populationId);
    const page = artefactList<StoredRun, object>(store, { populationId: meta.id, type: 'testrun' }, request.query, (a) => ({ sampleId: a.body.sampleId, scope: a.body.run.scope, overall: a.body.run.overall }));
    return { testRuns: page.items, nextCursor: page.nextCursor };
  });

  app.get<RunParams>('/test-runs/:runId', {
    schema: {
      summary: 'Read a test run: attributes, counts, evaluation, and the first page of its findings and matrix (`pages` links the rest)', tags: ['tests'],
      params: idParams('runId'), response: { 200: testRunEnvelope, ...errorResponses },
    },
  }, async (request) => ({ testRun: runView(store, visibleRun(request)) }));

  app.get<RunParams & PageQuery>('/test-runs/:runId/findings', {
    schema: {
      summary: 'The exceptions found by a test run (audit findings, as data), a page at a time, with the totals', tags: ['tests'], params: idParams('runId'), querystring: itemPageQuery,
      response: {
        200: { type: 'object', required: ['findings', 'total', 'nextCursor', 'overall', 'attributes'], properties: { findings: { type: 'array', items: findingSchema }, total: { type: 'integer' }, nextCursor: nextCursorSchema, overall: overallSummarySchema, attributes: { type: 'array', items: attributeSummarySchema }, evaluation: nullableEvaluation } },
        ...errorResponses,
      },
    },
  }, async (request) => {
    const a = visibleRun(request);
    const page = 'run.findings' in a.parts ? listPage(store, a, 'run.findings', request.query) : { items: a.body.run.findings, total: a.body.run.findings.length, nextCursor: null };
    return { findings: page.items, total: page.total, nextCursor: page.nextCursor, overall: a.body.run.overall, attributes: a.body.run.attributes, evaluation: a.body.evaluation };
  });

  app.get<RunParams & PageQuery>('/test-runs/:runId/items', {
    schema: {
      summary: "A page of a sample's test matrix: each item with its result per attribute", tags: ['tests'], params: idParams('runId'), querystring: itemPageQuery,
      response: { 200: listPageSchema('items', testRunBodySchema.properties.items.items), ...errorResponses },
    },
  }, async (request, reply) => reply.type(JSON_TYPE).send(listPageJson(store, visibleRunRef(request), 'run.items', request.query)));

  app.get<RunParams & PageQuery>('/test-runs/:runId/records', {
    schema: {
      summary: 'A page of the record numbers a sample test run tested', tags: ['tests'], params: idParams('runId'), querystring: itemPageQuery,
      response: { 200: listPageSchema('items', { type: 'integer' }), ...errorResponses },
    },
  }, async (request, reply) => reply.type(JSON_TYPE).send(listPageJson(store, visibleRunRef(request), 'job.context.sample', request.query)));

  app.post<RunParams & { Body: { entries: Partial<TeamEntries> & Pick<TeamEntries, 'items'> } }>('/test-runs/:runId/results', {
    schema: {
      summary: "Record the team's entries on a sample's test run (marks, overrides, evidence, exceptions, sign-offs) as a new version; returns the evaluation they give", tags: ['tests'],
      params: idParams('runId'), body: { type: 'object', required: ['entries'], additionalProperties: false, properties: { entries: entriesSchema } },
      response: { 201: { type: 'object', required: ['results'], properties: { results: resultsVersionSchema } }, ...errorResponses },
    },
  }, async (request, reply) => {
    const a = visibleRun(request);
    if (!a.body.sampleId) throw tickmarkError('TM_ERR_USAGE', { message: 'a 100% test has no sampled items to enter results on' });
    const sample = getSample(store, a.body.sampleId);
    const entries: TeamEntries = { ...emptyEntries(), ...request.body.entries } as TeamEntries;
    entries.items = entries.items.map((i) => ({ ...i, marks: i.marks ?? {}, overrides: i.overrides ?? {} }));
    const completeness = completenessFor(store, a.populationId, {}, sample.manifest.design.period);
    const results = recordResults(store, a.id, entries, { via: 'api' }, { actor: tokenOf(request).id, ...(completeness ? { completeness } : {}) });
    reply.code(201).header('location', `/v1/test-runs/${a.id}/results/${results.version}`);
    return { results };
  });

  app.get<RunParams & PageQuery>('/test-runs/:runId/results', {
    schema: {
      summary: "The versions of the team's results on a test run, oldest first (who, when, from where), a page at a time, and the latest evaluation", tags: ['tests'], params: idParams('runId'), querystring: pageQuery,
      response: { 200: { type: 'object', required: ['versions', 'nextCursor'], properties: { versions: { type: 'array', items: resultsVersionSummarySchema }, nextCursor: nextCursorSchema, latest: { anyOf: [resultsVersionSchema, { type: 'null' }] } } }, ...errorResponses },
    },
  }, async (request) => {
    const a = visibleRun(request);
    const versions = listResults(store, a.id).map(({ entries: _e, evaluation: _v, ...v }) => v);
    const page = pageArray(versions, pageOf(request.query), (v) => [v.version, 'v']);
    return { versions: page.items, nextCursor: page.nextCursor, latest: latestResults(store, a.id) ?? null };
  });

  app.get<RunParams & { Params: { version: string } }>('/test-runs/:runId/results/:version', {
    schema: {
      summary: "One version of the team's results: the entries and the evaluation they gave", tags: ['tests'],
      params: { type: 'object', required: ['runId', 'version'], additionalProperties: false, properties: { runId: idParams('runId').properties.runId, version: { type: 'string', pattern: '^[1-9][0-9]{0,6}$' } } },
      response: { 200: { type: 'object', required: ['results'], properties: { results: resultsVersionSchema } }, ...errorResponses },
    },
  }, async (request) => {
    const a = visibleRun(request);
    const found = listResults(store, a.id).find((v) => v.version === Number(request.params.version));
    if (!found) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'results version', id: `${a.id}/${request.params.version}` });
    return { results: found };
  });
}
