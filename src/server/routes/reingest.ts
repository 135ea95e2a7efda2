/**
 * Re-ingest a stored population's source file with other options — a corrected mapping, another
 * kind, zone or day/month order — into a new population of the same engagement, without
 * uploading the file again (a job). The source is read from the store, where it was kept by its
 * SHA-256 when it arrived and never modified; the same file with the same options is the same
 * population (the job then returns the existing one).
 *
 * @example
 * POST /v1/populations/pop_…/reingest {"map":{"system":"Environment"}} → 202 { job } → result /v1/populations/pop_…
 */
import type { FastifyInstance } from 'fastify';
import { tickmarkError } from '../../errors.js';
import { ingestFile, type IngestOptions } from '../../ingest/ingest.js';
import { isKind, kinds } from '../../population/kinds.js';
import type { PopulationMeta } from '../../population/types.js';
import { tokenOf } from '../auth/authenticate.js';
import { visiblePopulation } from '../auth/scope.js';
import { submitJob } from '../jobs/submit.js';
import { errorResponses, idParams } from '../schemas/common.js';
import { jobEnvelope } from '../schemas/job.js';
import { reingestBody } from '../schemas/reingest.js';

export interface ReingestBody {
  /** canonical field → header; null leaves the field unmapped. */
  map?: Record<string, string | null>;
  kind?: string;
  timeZone?: string;
  dateOrder?: 'dmy' | 'mdy';
  key?: string[];
  eventTime?: string;
}

/**
 * The ingest options that read `meta`'s source again with the changes asked for. The given map
 * is laid over the automatic mapping (fields not named map as before: by the source profile, by
 * name and synonym); a source profile a person chose, the per-field formats and the multi-valued
 * person fields are kept; a generic population keeps its key and event-time headers unless new
 * ones are given; a new kind starts from that kind's own mapping.
 *
 * @example
 * reingestOptions(meta, { map: { system: 'Environment' } }) // { kind: 'change', map: { system: 'Environment' }, timeZone: 'UTC', format: 'csv', name: 'changes.csv', … }
 */
export function reingestOptions(meta: PopulationMeta, body: ReingestBody): IngestOptions {
  const kind = body.kind ?? meta.kind;
  if (!isKind(kind)) throw tickmarkError('TM_ERR_UNKNOWN_KIND', { kind, kinds: [...kinds] });
  const sameKind = kind === meta.kind;
  const generic = kind === 'generic';
  const headerOf = (field: string) => meta.mapping[field] ?? field;
  const key = body.key ?? (generic && sameKind ? meta.key.map(headerOf) : undefined);
  const eventTime = body.eventTime ?? (generic && sameKind && meta.eventTime ? headerOf(meta.eventTime) : undefined);
  const dateOrder = body.dateOrder ?? meta.typing.dateOrder;
  return {
    kind,
    ...(body.map && Object.keys(body.map).length ? { map: body.map } : {}),
    ...(key?.length ? { key } : {}),
    ...(eventTime ? { eventTime } : {}),
    timeZone: body.timeZone ?? meta.typing.timeZone,
    ...(dateOrder ? { dateOrder } : {}),
    ...(sameKind && meta.profile?.forced ? { source: meta.profile.id } : {}),
    ...(sameKind && meta.typing.formats ? { formats: meta.typing.formats } : {}),
    ...(sameKind && meta.multiValue ? { multiValue: meta.multiValue } : {}),
    format: fileFormat(meta.source.format),
    name: meta.source.name,
    ...(meta.source.delimiter ? { delimiter: meta.source.delimiter } : {}),
    ...(meta.source.sheet ? { sheet: meta.source.sheet } : {}),
  };
}

/** The file format of a stored source: only CSV and XLSX files are kept to be read again. */
function fileFormat(format: string): 'csv' | 'xlsx' {
  if (format === 'csv' || format === 'xlsx') return format;
  throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'population', expected: 'must have been read from a CSV or XLSX file (a population read in place is pulled again where it lives)', got: format });
}

export async function reingestRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.tickmark;
  const { store } = ctx;

  app.post<{ Params: { populationId: string }; Body: ReingestBody }>('/populations/:populationId/reingest', {
    schema: {
      summary: "Ingest a population's stored source file again with a corrected mapping, kind, zone or date order, into a new population (a job)", tags: ['populations'],
      params: idParams('populationId'), body: reingestBody, response: { 202: jobEnvelope, ...errorResponses },
    },
  }, async (request, reply) => {
    const token = tokenOf(request);
    const meta = visiblePopulation(store, token, request.params.populationId);
    const engagementId = store.populationEngagement(meta.id);
    const options = reingestOptions(meta, request.body ?? {});
    const source = store.sourcePath(meta.source.sha256);
    return submitJob(request, reply, {
      type: 'population.reingest', engagementId,
      work: async ({ signal, progress }) => {
        const { population } = await ingestFile(store, source, {
          ...options, engagementId, actor: token.id, signal,
          onProgress: (p) => progress(p.rows, meta.rows.total),
          ...(ctx.workers !== undefined ? { workers: ctx.workers } : {}),
        });
        if (store.populationEngagement(population.id) !== engagementId) {
          throw tickmarkError('TM_ERR_MISMATCH', { message: 'this file, with these options, is already stored under another engagement' });
        }
        store.log({ actor: token.id, action: 'population.reingest-from', target: population.id, params: { from: meta.id, map: options.map ?? null, kind: options.kind, timeZone: options.timeZone, dateOrder: options.dateOrder ?? null } });
        return { id: population.id, href: `/v1/populations/${population.id}` };
      },
    });
  });
}
