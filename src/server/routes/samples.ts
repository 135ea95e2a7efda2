/**
 * Samples of a population: draw (a job), list, read (plan, manifest, selection), extend after a
 * deviation (a job; every earlier item kept), verify / re-perform (a job). Downloads: workbooks.ts.
 *
 * @example
 * POST /v1/populations/pop_…/samples {"seed":"20251231","size":25,"method":"stratified","strata":"month"} → 202 { job }
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tickmarkError } from '../../errors.js';
import { drawSample, extendSample, verifySample, type SampleRecord, type SampleRequest } from '../../operations/index.js';
import { parseManifest, type SelectionVerification } from '../../sampling/index.js';
import type { Artefact, Store } from '../../store/store.js';
import { pageQuery, pageQueryProperties } from '../pagination.js';
import { artefactList } from '../views/artefact-list.js';
import { inlinePages, LIST_PAGE, listPageJson } from '../views/paged-lists.js';

const JSON_TYPE = 'application/json; charset=utf-8';
import { tokenOf } from '../auth/authenticate.js';
import { visibleArtefact, visibleArtefactRef, visiblePopulation } from '../auth/scope.js';
import { deleteSample } from '../retention/delete.js';
import { deletedSchema, forceQuery } from '../schemas/deleted.js';
import { engagementDefaults } from '../engagements/engagements.js';
import type { JobContext } from '../jobs/jobs.js';
import { submitJob } from '../jobs/submit.js';
import { checkSampleRequest } from '../validate/sample-request.js';
import { errorResponses, idParams } from '../schemas/common.js';
import { jobEnvelope } from '../schemas/job.js';
import { manifestSchema, selectionSchema } from '../schemas/sample.js';
import { artefactListSchema, listPageSchema, extendBody, sampleBody, sampleEnvelope, verificationEnvelope, verifyBody } from '../schemas/operations.js';

type StoredSample = Omit<SampleRecord, 'id'>;
type SampleParams = { Params: { sampleId: string } };
interface StoredVerification extends SelectionVerification {
  sampleId: string | null;
}

/** A sample with the first page of its items inline (`pages` says how many there are and where the rest is). */
function sampleView(store: Store, a: Artefact<StoredSample> & { parts: Record<string, number> }) {
  const { body: whole, pages } = inlinePages(store, a, `/v1/samples/${a.id}`);
  const { populationId: _p, ...body } = whole;
  return { id: a.id, populationId: a.populationId, parentId: a.parentId ?? null, createdAt: a.createdAt, ...body, ...(Object.keys(pages).length ? { pages } : {}) };
}

export async function sampleRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.tickmark;
  const { store } = ctx;
  const opOptions = (request: FastifyRequest, engagementId: string | null, job: JobContext) => ({
    signal: job.signal, actor: tokenOf(request).id, engagementId,
    onProgress: (p: { rows: number; total: number }) => job.progress(p.rows, p.total),
    ...(ctx.workers !== undefined ? { workers: ctx.workers } : {}),
  });
  const visibleSampleRef = (request: FastifyRequest<SampleParams>) => visibleArtefactRef(store, tokenOf(request), request.params.sampleId, 'sample');
  const visibleSample = (request: FastifyRequest<SampleParams>) => visibleArtefact<StoredSample>(store, tokenOf(request), request.params.sampleId, 'sample');

  app.post<{ Params: { populationId: string }; Body: SampleRequest }>('/populations/:populationId/samples', {
    schema: { summary: 'Draw a seeded, reproducible sample (a job)', tags: ['samples'], params: idParams('populationId'), body: sampleBody, response: { 202: jobEnvelope, ...errorResponses } },
  }, async (request, reply) => {
    const meta = visiblePopulation(store, tokenOf(request), request.params.populationId);
    const engagementId = store.populationEngagement(meta.id);
    const req = { ...request.body, ...engagementDefaults(store, meta, request.body) };
    checkSampleRequest(meta, req); // bad plans, designs and conditions fail now, not in the job
    return submitJob(request, reply, {
      type: 'sample', engagementId,
      work: async (job) => {
        const { id } = await drawSample(store, meta.id, req, opOptions(request, engagementId, job));
        return { id, href: `/v1/samples/${id}` };
      },
    });
  });

  app.get<{ Params: { populationId: string }; Querystring: { limit?: number; cursor?: string } }>('/populations/:populationId/samples', {
    schema: {
      summary: 'List the samples of a population, oldest first, a page at a time', tags: ['samples'], params: idParams('populationId'), querystring: pageQuery,
      response: {
        200: artefactListSchema('samples', { parentId: { type: ['string', 'null'] }, seed: { type: 'string' }, method: { type: 'string' }, n: { type: 'number' }, selected: { type: 'number' }, selectionSha256: { type: 'string' } }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const meta = visiblePopulation(store, tokenOf(request), request.params.populationId);
    const page = artefactList<StoredSample, object>(store, { populationId: meta.id, type: 'sample' }, request.query, (a) => ({
      parentId: a.parentId ?? null, seed: a.body.manifest.seed, method: a.body.manifest.method,
      n: a.body.manifest.n, selected: a.body.manifest.selected, selectionSha256: a.body.manifest.selectionSha256,
    }));
    return { samples: page.items, nextCursor: page.nextCursor };
  });

  app.get<SampleParams>('/samples/:sampleId', {
    schema: {
      summary: 'Read a sample: request, plan, manifest (seed, design, selection SHA-256) and the first page of its items (`pages` links the rest)', tags: ['samples'],
      params: idParams('sampleId'), response: { 200: sampleEnvelope, ...errorResponses },
    },
  }, async (request) => ({ sample: sampleView(store, visibleSample(request)) }));

  app.delete<SampleParams & { Querystring: { force?: boolean } }>('/samples/:sampleId', {
    schema: {
      summary: 'Delete a sample: refused while test runs, extensions or verifications refer to it, unless force=true deletes them too', tags: ['samples'],
      params: idParams('sampleId'), querystring: forceQuery, response: { 200: deletedSchema, ...errorResponses },
    },
  }, async (request) => {
    const token = tokenOf(request);
    const ref = visibleArtefactRef(store, token, request.params.sampleId, 'sample');
    return { deleted: deleteSample(store, ctx.jobs, ref, { force: request.query.force === true, actor: token.id }) };
  });

  app.get<SampleParams & { Querystring: { limit?: number; cursor?: string } }>('/samples/:sampleId/items', {
    schema: {
      summary: "A page of a sample's selected items, in selection order", tags: ['samples'], params: idParams('sampleId'),
      querystring: { type: 'object', additionalProperties: false, properties: { ...pageQueryProperties, limit: { ...pageQueryProperties.limit, default: LIST_PAGE } } },
      response: { 200: listPageSchema('items', selectionSchema.properties.items.items), ...errorResponses },
    },
  }, async (request, reply) => reply.type(JSON_TYPE).send(listPageJson(store, visibleSampleRef(request), 'selection.items', request.query)));

  app.get<SampleParams & { Querystring: { limit?: number; cursor?: string } }>('/samples/:sampleId/manifest-items', {
    schema: {
      summary: "A page of the items listed in a sample's manifest (what verify re-derives), in selection order", tags: ['samples'], params: idParams('sampleId'),
      querystring: { type: 'object', additionalProperties: false, properties: { ...pageQueryProperties, limit: { ...pageQueryProperties.limit, default: LIST_PAGE } } },
      response: { 200: listPageSchema('items', manifestSchema.properties.items.items), ...errorResponses },
    },
  }, async (request, reply) => reply.type(JSON_TYPE).send(listPageJson(store, visibleSampleRef(request), 'manifest.items', request.query)));

  app.post<SampleParams & { Body: { size: number } }>('/samples/:sampleId/extend', {
    schema: { summary: 'Extend a sample to a larger size with the same seed (a job; earlier items kept)', tags: ['samples'], params: idParams('sampleId'), body: extendBody, response: { 202: jobEnvelope, ...errorResponses } },
  }, async (request, reply) => {
    const sample = visibleSample(request);
    const engagementId = store.populationEngagement(sample.populationId);
    const { size } = request.body;
    if (size <= sample.body.selection.n) {
      throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'size', expected: `must be an integer larger than the sample's ${sample.body.selection.n}`, got: size });
    }
    return submitJob(request, reply, {
      type: 'sample.extend', engagementId,
      work: async (job) => {
        const { id } = await extendSample(store, sample.id, size, opOptions(request, engagementId, job));
        return { id, href: `/v1/samples/${id}` };
      },
    });
  });

  app.post<SampleParams & { Body: { manifest?: unknown; populationId?: string } }>('/samples/:sampleId/verify', {
    schema: {
      summary: "Re-perform a sample: derive the selection again from the population and compare with the manifest (a job)", tags: ['samples'],
      params: idParams('sampleId'), body: verifyBody, response: { 202: jobEnvelope, ...errorResponses },
    },
  }, async (request, reply) => {
    const token = tokenOf(request);
    const sample = visibleSample(request);
    const body = request.body ?? {};
    const population = visiblePopulation(store, token, body.populationId ?? sample.populationId);
    const engagementId = store.populationEngagement(population.id);
    if (body.manifest !== undefined) parseManifest(body.manifest); // a malformed manifest fails now (422), not in the job
    return submitJob(request, reply, {
      type: 'sample.verify', engagementId,
      work: async (job) => {
        // The sample's own manifest is read whole here, in the job, not on the request's path.
        const manifest = body.manifest ?? store.artefact<StoredSample>(sample.id, 'sample')!.body.manifest;
        const result = await verifySample(store, population.id, manifest, opOptions(request, engagementId, job));
        const saved = store.saveArtefact<StoredVerification>({ type: 'verification', populationId: population.id, engagementId, parentId: sample.id, body: { ...result, sampleId: sample.id } }, token.id);
        return { id: saved.id, href: `/v1/verifications/${saved.id}` };
      },
    });
  });

  app.post<{ Params: { populationId: string }; Body: { manifest: unknown } }>('/populations/:populationId/verify', {
    schema: {
      summary: "Re-perform a manifest (e.g. read from a workbook) against a population, without a stored sample (a job)", tags: ['samples'],
      params: idParams('populationId'),
      body: { type: 'object', required: ['manifest'], additionalProperties: false, properties: { manifest: { type: 'object', additionalProperties: true } } },
      response: { 202: jobEnvelope, ...errorResponses },
    },
  }, async (request, reply) => {
    const token = tokenOf(request);
    const population = visiblePopulation(store, token, request.params.populationId);
    const engagementId = store.populationEngagement(population.id);
    const { manifest } = request.body;
    parseManifest(manifest);
    return submitJob(request, reply, {
      type: 'verify', engagementId,
      work: async (job) => {
        const result = await verifySample(store, population.id, manifest, opOptions(request, engagementId, job));
        const saved = store.saveArtefact<StoredVerification>({ type: 'verification', populationId: population.id, engagementId, body: { ...result, sampleId: null } }, token.id);
        return { id: saved.id, href: `/v1/verifications/${saved.id}` };
      },
    });
  });

  app.get<{ Params: { verificationId: string } }>('/verifications/:verificationId', {
    schema: { summary: 'Read a verification: identical or each difference', tags: ['samples'], params: idParams('verificationId'), response: { 200: verificationEnvelope, ...errorResponses } },
  }, async (request) => {
    const a = visibleArtefact<StoredVerification>(store, tokenOf(request), request.params.verificationId, 'verification');
    return { verification: { id: a.id, populationId: a.populationId, createdAt: a.createdAt, ...a.body } };
  });
}
