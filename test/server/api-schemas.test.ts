/**
 * The response schemas the web app reads are filled in (the OpenAPI document describes each field)
 * and lose nothing: what a route answers is exactly what the store holds — a field the schema does
 * not list, a null or a fraction would otherwise be dropped or coerced by the serializer.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorRegistry } from '../../src/errors.js';
import { listResults } from '../../src/operations/results.js';
import { bearer, json, runJob, uploadCsv, world, type World } from './helpers.js';

let w: World;
let ids: { populationId: string; pullId: string; sampleId: string; testRunId: string; completenessId: string; keyOfOrder1: string };

beforeAll(async () => {
  w = await world();
  const population = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, readFileSync('fixtures/change/changes-2025.csv'))).population;
  const job = await runJob(w.app, w.a.secret, '/v1/pulls', { populationId: population.id, sample: { seed: '20251231', size: 25, method: 'stratified' }, workbook: { control: { id: 'CC8.1-01' } } });
  const pull = json(await w.app.inject({ method: 'GET', url: job.result.href, headers: bearer(w.a.secret) })).pull;
  const sample = json(await w.app.inject({ method: 'GET', url: `/v1/samples/${pull.sampleId}`, headers: bearer(w.a.secret) })).sample;
  ids = { populationId: population.id, pullId: pull.id, sampleId: pull.sampleId, testRunId: pull.testRunId, completenessId: pull.completenessId, keyOfOrder1: sample.selection.items.find((i: { order: number }) => i.order === 1).key };
});

const get = async (url: string) => {
  const res = await w.app.inject({ method: 'GET', url, headers: bearer(w.a.secret) });
  expect(res.statusCode, url).toBe(200);
  return json(res);
};

/** The artefact as stored, in the shape its route shows it. */
const stored = (id: string) => w.store.artefact<Record<string, unknown>>(id)!;

describe('what the routes answer is what the store holds', () => {
  it('a sample: request, plan, manifest and selection (PRNs, event times, nulls) whole', async () => {
    const { sample } = await get(`/v1/samples/${ids.sampleId}`);
    const { populationId: _p, ...body } = stored(ids.sampleId).body;
    expect({ ...sample, id: undefined, populationId: undefined, parentId: undefined, createdAt: undefined }).toEqual({ ...body, id: undefined, populationId: undefined, parentId: undefined, createdAt: undefined });
    expect(sample.selection.items[0].prn).toBeGreaterThan(0);
    expect(sample.selection.items[0].prn).toBeLessThan(1);
  });

  it('a test run: the matrix with every outcome, the findings, the evaluation', async () => {
    const { testRun } = await get(`/v1/test-runs/${ids.testRunId}`);
    // `job` (how the run was made, for re-running it) is kept in the store, not shown.
    const { populationId: _p, job: _j, ...body } = stored(ids.testRunId).body;
    expect({ ...testRun, id: undefined, populationId: undefined, createdAt: undefined }).toEqual({ ...body, id: undefined, populationId: undefined, createdAt: undefined });
    expect(testRun.run.findings[0].observed).toBeTypeOf('object');
  });

  it('a completeness report, a pull and a population', async () => {
    const { completeness } = await get(`/v1/completeness/${ids.completenessId}`);
    expect(completeness.report).toEqual(stored(ids.completenessId).body);
    const { pull } = await get(`/v1/pulls/${ids.pullId}`);
    expect(pull).toMatchObject(stored(ids.pullId).body);
    const { population } = await get(`/v1/populations/${ids.populationId}`);
    // The chunk files and the options digest are the store's own, not shown.
    const { chunks: _c, optionsDigest: _d, ...meta } = w.store.population(ids.populationId)!;
    expect(population).toEqual({ ...meta, engagementId: w.a.engagement.id });
  });

  it("the team's results: the version posted, as listed and as read back", async () => {
    const entries = { items: [{ order: 1, key: ids.keyOfOrder1, marks: { H: '✓' }, evidence: 'QA-1' }], writeUps: [{ order: 1, key: ids.keyOfOrder1, attribute: 'H', rootCause: 'none', nature: 'isolated' }] };
    const posted = json(await w.app.inject({ method: 'POST', url: `/v1/test-runs/${ids.testRunId}/results`, headers: bearer(w.a.secret), payload: { entries } })).results;
    const kept = listResults(w.store, ids.testRunId).at(-1)!;
    expect(posted).toEqual(JSON.parse(JSON.stringify(kept)));
    expect((await get(`/v1/test-runs/${ids.testRunId}/results/${kept.version}`)).results).toEqual(posted);
    const list = await get(`/v1/test-runs/${ids.testRunId}/results`);
    expect(list.latest).toEqual(posted);
    expect(list.versions.at(-1)).toEqual({ id: kept.id, testRunId: kept.testRunId, sampleId: kept.sampleId, version: kept.version, source: kept.source, by: kept.by, at: kept.at });
    expect(posted.evaluation.conclusion.sentence).toContain('24 items to mark');
  });
});

describe('the OpenAPI document describes them', () => {
  it('names the fields of a sample, a test run, results, a report and a pull, the error codes, with examples', async () => {
    const doc = json(await w.app.inject({ method: 'GET', url: '/v1/openapi.json' }));
    const ok = (path: string, method = 'get', status = '200') => doc.paths[path][method].responses[status].content['application/json'].schema.properties;
    expect(Object.keys(ok('/v1/samples/{sampleId}').sample.properties.manifest.properties)).toEqual(expect.arrayContaining(['algorithm', 'seed', 'population', 'strata', 'items', 'selectionSha256']));
    expect(ok('/v1/test-runs/{runId}').testRun.properties.evaluation.properties.conclusion.properties.status.enum).toContain('effective_with_exceptions');
    expect(ok('/v1/test-runs/{runId}/results', 'post', '201').results.properties.entries.properties.items.items.properties.marks.additionalProperties.enum).toEqual(['✓', 'X', 'N/A']);
    expect(ok('/v1/completeness/{reportId}').completeness.properties.report.properties.checks.items.properties.id.enum).toHaveLength(11);
    expect(ok('/v1/pulls/{pullId}').pull.properties.links.properties.workbook).toEqual({ type: 'string' });
    expect(ok('/v1/populations/{populationId}').population.properties.columns.items.properties.distinctExact).toEqual({ type: 'boolean', description: 'False: distinct is an estimate.' });
    expect(doc.components.schemas.Error.properties.code.enum).toEqual(Object.keys(errorRegistry));
    expect(doc.components.schemas.Error.example.code).toBe('TM_ERR_NOT_FOUND');
    expect(doc.paths['/v1/plans'].post.requestBody.content['application/json'].schema.example.plan.basis).toBe('statistical');
    expect(JSON.stringify(doc)).not.toContain('"examples"'); // OpenAPI 3.0 takes one example
  });
});
