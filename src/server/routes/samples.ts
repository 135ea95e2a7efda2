/**
 * Samples of a population: draw (a job), list, read (plan, manifest, selection), extend after a
 * deviation (a job; every earlier item kept), verify / re-perform (a job). Downloads: workbooks.ts.
 *
 * @example
 * POST /v1/populations/pop_…/samples {"seed":"20251231","size":25,"method":"stratified","strata":"month"} → 202 { job }
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tickmarkError } from '../../errors.js';
import { drawSample, extendSample, planFor, selectionSpec, verifySample, type SampleRecord, type SampleRequest } from '../../operations/index.js';
import { parseManifest, type SelectionVerification } from '../../sampling/index.js';
import type { Artefact } from '../../store/store.js';
import { tokenOf } from '../auth/authenticate.js';
import { visibleArtefact, visiblePopulation } from '../auth/scope.js';
import { engagementDefaults } from '../engagements/engagements.js';
import type { JobContext } from '../jobs/jobs.js';
import { submitJob } from '../jobs/submit.js';
import { errorResponses, idParams } from '../schemas/common.js';
import { jobEnvelope } from '../schemas/job.js';
import { artefactListSchema, extendBody, sampleBody, sampleEnvelope, verificationEnvelope, verifyBody } from '../schemas/operations.js';

type StoredSample = Omit<SampleRecord, 'id'>;
type SampleParams = { Params: { sampleId: string } };
interface StoredVerification extends SelectionVerification {
  sampleId: string | null;
}

function sampleView(a: Artefact<StoredSample>) {
  const { populationId: _p, ...body } = a.body;
  return { id: a.id, populationId: a.populationId, parentId: a.parentId ?? null, createdAt: a.createdAt, ...body };
}

export async function sampleRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.tickmark;
  const { store } = ctx;
  const opOptions = (request: FastifyRequest, engagementId: string | null, job: JobContext) => ({
    signal: job.signal, actor: tokenOf(request).id, engagementId,
    onProgress: (p: { rows: number; total: number }) => job.progress(p.rows, p.total),
    ...(ctx.workers !== undefined ? { workers: ctx.workers } : {}),
  });
  const visibleSample = (request: FastifyRequest<SampleParams>) => visibleArtefact<StoredSample>(store, tokenOf(request), request.params.sampleId, 'sample');

  app.post<{ Params: { populationId: string }; Body: SampleRequest }>('/populations/:populationId/samples', {
    schema: { summary: 'Draw a seeded, reproducible sample (a job)', tags: ['samples'], params: idParams('populationId'), body: sampleBody, response: { 202: jobEnvelope, ...errorResponses } },
  }, async (request, reply) => {
    const meta = visiblePopulation(store, tokenOf(request), request.params.populationId);
    const engagementId = store.populationEngagement(meta.id);
    const req = { ...request.body, ...engagementDefaults(store, meta, request.body) };
    const plan = planFor(meta, req); // bad plans and designs fail now, not in the job
    selectionSpec(meta, req, plan.basis === 'all' ? Math.max(1, meta.rows.accepted) : plan.n);
    return submitJob(request, reply, {
      type: 'sample', engagementId,
      work: async (job) => {
        const { id } = await drawSample(store, meta.id, req, opOptions(request, engagementId, job));
        return { id, href: `/v1/samples/${id}` };
      },
    });
  });

  app.get<{ Params: { populationId: string } }>('/populations/:populationId/samples', {
    schema: {
      summary: 'List the samples of a population', tags: ['samples'], params: idParams('populationId'),
      response: {
        200: artefactListSchema('samples', { parentId: { type: ['string', 'null'] }, seed: { type: 'string' }, method: { type: 'string' }, n: { type: 'number' }, selected: { type: 'number' }, selectionSha256: { type: 'string' } }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const meta = visiblePopulation(store, tokenOf(request), request.params.populationId);
    return {
      samples: store.listArtefacts<StoredSample>(meta.id, 'sample').map((a) => ({
        id: a.id, createdAt: a.createdAt, parentId: a.parentId ?? null, seed: a.body.manifest.seed, method: a.body.manifest.method,
        n: a.body.manifest.n, selected: a.body.manifest.selected, selectionSha256: a.body.manifest.selectionSha256,
      })),
    };
  });

  app.get<SampleParams>('/samples/:sampleId', {
    schema: { summary: 'Read a sample: request, plan, manifest (seed, design, selection SHA-256) and items', tags: ['samples'], params: idParams('sampleId'), response: { 200: sampleEnvelope, ...errorResponses } },
  }, async (request) => ({ sample: sampleView(visibleSample(request)) }));

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
    const manifest = body.manifest ?? sample.body.manifest;
    parseManifest(manifest); // a malformed manifest fails now (422), not in the job
    return submitJob(request, reply, {
      type: 'sample.verify', engagementId,
      work: async (job) => {
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
