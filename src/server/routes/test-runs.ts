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
import type { Artefact } from '../../store/store.js';
import { tokenOf } from '../auth/authenticate.js';
import { visibleArtefact, visiblePopulation } from '../auth/scope.js';
import { submitJob } from '../jobs/submit.js';
import { errorResponses, idParams, openObject } from '../schemas/common.js';
import { jobEnvelope } from '../schemas/job.js';
import { artefactListSchema, testRunBody, testRunEnvelope } from '../schemas/operations.js';
import { entriesSchema } from '../schemas/entries.js';
import { emptyEntries, type TeamEntries } from '../../evaluation/entries.js';
import { latestResults, listResults, recordResults } from '../../operations/results.js';
import { completenessFor } from '../../operations/workbook-input.js';
import { getSample } from '../../operations/sample.js';

type StoredRun = Omit<TestRunRecord, 'id'>;
type RunParams = { Params: { runId: string } };

function runView(a: Artefact<StoredRun>) {
  const { populationId: _p, ...body } = a.body;
  return { id: a.id, populationId: a.populationId, createdAt: a.createdAt, ...body };
}

export async function testRunRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.tickmark;
  const { store } = ctx;
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

  app.get<{ Params: { populationId: string } }>('/populations/:populationId/test-runs', {
    schema: {
      summary: 'List the test runs of a population', tags: ['tests'], params: idParams('populationId'),
      response: { 200: artefactListSchema('testRuns', { sampleId: { type: ['string', 'null'] }, scope: { type: 'string' }, overall: openObject }), ...errorResponses },
    },
  }, async (request) => {
    const meta = visiblePopulation(store, tokenOf(request), request.params.populationId);
    return { testRuns: store.listArtefacts<StoredRun>(meta.id, 'testrun').map((a) => ({ id: a.id, createdAt: a.createdAt, sampleId: a.body.sampleId, scope: a.body.run.scope, overall: a.body.run.overall })) };
  });

  app.get<RunParams>('/test-runs/:runId', {
    schema: { summary: 'Read a test run: attributes, counts, findings, matrix, evaluation', tags: ['tests'], params: idParams('runId'), response: { 200: testRunEnvelope, ...errorResponses } },
  }, async (request) => ({ testRun: runView(visibleRun(request)) }));

  app.get<RunParams>('/test-runs/:runId/findings', {
    schema: {
      summary: 'The exceptions found by a test run (audit findings, as data)', tags: ['tests'], params: idParams('runId'),
      response: { 200: { type: 'object', required: ['findings', 'overall', 'attributes'], properties: { findings: { type: 'array', items: openObject }, overall: openObject, attributes: { type: 'array', items: openObject }, evaluation: { anyOf: [openObject, { type: 'null' }] } } }, ...errorResponses },
    },
  }, async (request) => {
    const { body } = visibleRun(request);
    return { findings: body.run.findings, overall: body.run.overall, attributes: body.run.attributes, evaluation: body.evaluation };
  });

  app.post<RunParams & { Body: { entries: Partial<TeamEntries> & Pick<TeamEntries, 'items'> } }>('/test-runs/:runId/results', {
    schema: {
      summary: "Record the team's entries on a sample's test run (marks, overrides, evidence, exceptions, sign-offs) as a new version; returns the evaluation they give", tags: ['tests'],
      params: idParams('runId'), body: { type: 'object', required: ['entries'], additionalProperties: false, properties: { entries: entriesSchema } },
      response: { 201: { type: 'object', required: ['results'], properties: { results: openObject } }, ...errorResponses },
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

  app.get<RunParams>('/test-runs/:runId/results', {
    schema: {
      summary: "Every version of the team's results on a test run, oldest first (who, when, from where), and the latest evaluation", tags: ['tests'], params: idParams('runId'),
      response: { 200: { type: 'object', required: ['versions'], properties: { versions: { type: 'array', items: openObject }, latest: { anyOf: [openObject, { type: 'null' }] } } }, ...errorResponses },
    },
  }, async (request) => {
    const a = visibleRun(request);
    const versions = listResults(store, a.id);
    return { versions: versions.map(({ entries: _e, evaluation: _v, ...v }) => v), latest: latestResults(store, a.id) ?? null };
  });

  app.get<RunParams & { Params: { version: string } }>('/test-runs/:runId/results/:version', {
    schema: {
      summary: "One version of the team's results: the entries and the evaluation they gave", tags: ['tests'],
      params: { type: 'object', required: ['runId', 'version'], additionalProperties: false, properties: { runId: idParams('runId').properties.runId, version: { type: 'string', pattern: '^[1-9][0-9]{0,6}$' } } },
      response: { 200: { type: 'object', required: ['results'], properties: { results: openObject } }, ...errorResponses },
    },
  }, async (request) => {
    const a = visibleRun(request);
    const found = listResults(store, a.id).find((v) => v.version === Number(request.params.version));
    if (!found) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'results version', id: `${a.id}/${request.params.version}` });
    return { results: found };
  });
}
