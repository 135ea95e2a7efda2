/**
 * Downloads of a sample or a sample's test run through the export module (the same entry point
 * as `tickmark export`): the auditor-ready workbook (.xlsx), the flat CSV table or JSON. The
 * engagement's client, name, period and zone fill what the request does not say.
 *
 * @example
 * GET /v1/samples/samp_…/workbook?controlId=CC8.1-01&preparer=J.%20Doe → 200 application/vnd…sheet
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { tickmarkError } from '../../errors.js';
import type { ExportFormat } from '../../export/index.js';
import type { WorkbookRequest } from '../../operations/workbook-input.js';
import type { SampleRecord, TestRunRecord } from '../../operations/index.js';
import type { Finding } from '../../rules/types.js';
import { PART_PAGE } from '../../store/artefact-parts.js';
import type { Store } from '../../store/store.js';
import { exportSampleFile } from '../../operations/export-sample-file.js';
import { tokenOf } from '../auth/authenticate.js';
import { visibleArtefact } from '../auth/scope.js';
import type { ApiToken } from '../auth/tokens.js';
import { getEngagement } from '../engagements/engagements.js';
import { errorResponses, idParams } from '../schemas/common.js';
import { XLSX_MIME } from '../upload/content-type.js';
import { findingsCsv } from '../views/exports.js';
import { CSV_TYPE, download, downloadResponses, JSON_DOWNLOAD_TYPE } from './download.js';

export interface WorkbookQuery {
  format?: ExportFormat;
  controlId?: string;
  control?: string;
  tsc?: string;
  frequency?: string;
  procedure?: string;
  preparer?: string;
  system?: string;
  query?: string;
  extractedBy?: string;
  extractedAt?: string;
  period?: string;
  timeZone?: string;
  includePopulation?: boolean;
}

const text = (max: number, description: string) => ({ type: 'string', maxLength: max, description }) as const;

const workbookQueryProperties = {
  controlId: text(100, 'Control id shown on the lead sheet (default: the kind\'s criterion, e.g. CC8.1).'),
  control: text(2000, 'Control description.'),
  tsc: text(50, 'Trust Services Criterion.'),
  frequency: text(100, 'Control frequency.'),
  procedure: text(2000, 'Test procedure.'),
  preparer: text(200, 'Prepared by.'),
  system: text(200, 'Extraction: source system.'),
  query: text(2000, 'Extraction: query or report used.'),
  extractedBy: text(200, 'Extraction: by whom.'),
  extractedAt: text(100, 'Extraction: when.'),
  period: { type: 'string', pattern: '^\\s*\\d{4}-\\d{2}-\\d{2}\\s*\\.\\.\\s*\\d{4}-\\d{2}-\\d{2}\\s*$', description: "Default: the sample's period, else the engagement's." },
  timeZone: text(64, 'Zone timestamps are shown in.'),
  includePopulation: { type: 'boolean', description: 'Add a sheet with every population row (when it fits a worksheet).' },
} as const;

const workbookQuery = { type: 'object', additionalProperties: false, properties: workbookQueryProperties } as const;
const exportQuerySchema = { type: 'object', additionalProperties: false, properties: { format: { type: 'string', enum: ['csv', 'json', 'xlsx'], default: 'csv' }, ...workbookQueryProperties } } as const;

const MEDIA: Record<ExportFormat, string> = { xlsx: XLSX_MIME, csv: CSV_TYPE, json: JSON_DOWNLOAD_TYPE };

function given<T extends Record<string, string | undefined>>(fields: T): Partial<Record<keyof T, string>> | undefined {
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined && v !== '');
  return entries.length ? (Object.fromEntries(entries) as Partial<Record<keyof T, string>>) : undefined;
}

/** The export request for a sample (or its test run), defaults from the engagement (the sample's items are not read). */
function workbookRequest(store: Store, id: string, sampleId: string, populationId: string, q: WorkbookQuery): WorkbookRequest {
  const engagementId = store.populationEngagement(populationId);
  const engagement = engagementId ? getEngagement(store, engagementId) : undefined;
  const sample = store.artefactSummary<Pick<SampleRecord, 'request' | 'manifest'>>(sampleId, 'sample')?.body;
  if (!sample) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'sample', id: sampleId });
  const samplePeriod = sample.request.period ?? sample.manifest.design.period;
  const fromEngagement = !q.period && !samplePeriod && engagement?.period ? `${engagement.period.start}..${engagement.period.end}` : undefined;
  const control = given({ id: q.controlId, description: q.control, tsc: q.tsc, frequency: q.frequency, procedure: q.procedure });
  const extraction = given({ system: q.system, query: q.query, extractedBy: q.extractedBy, extractedAt: q.extractedAt });
  const timeZone = q.timeZone ?? (fromEngagement ? engagement!.timeZone : undefined);
  return {
    id,
    ...(control ? { control } : {}),
    ...(engagement ? { engagement: { client: engagement.client, name: engagement.name ?? '' } } : {}),
    ...(extraction ? { extraction } : {}),
    ...(q.preparer ? { preparer: q.preparer } : {}),
    ...(q.period ?? fromEngagement ? { period: (q.period ?? fromEngagement)! } : {}),
    ...(timeZone ? { timeZone } : {}),
    includePopulation: q.includePopulation === true,
  };
}

/** Items of the sample behind a download (from the catalog row's counts: no body read). */
function itemsOf(store: Store, sampleId: string): number {
  return store.artefactRef(sampleId, 'sample')?.parts['selection.items'] ?? 0;
}

/** Build the download (off the request's thread for a large sample) and send it. */
async function sendExport(request: FastifyRequest, reply: FastifyReply, token: ApiToken, req: WorkbookRequest, format: ExportFormat, sampleId: string | null) {
  const { store, workers } = request.server.tickmark;
  const file = await exportSampleFile(store, req, format, { workers, items: sampleId ? itemsOf(store, sampleId) : 0 });
  store.log({ actor: token.id, action: 'sample.export', target: file.sampleId, params: { format, from: req.id, selectionSha256: file.selectionSha256 } });
  return download(reply, MEDIA[format], `${file.controlId}-${req.id}.${file.extension}`, file.body);
}

type StoredRun = Omit<TestRunRecord, 'id'>;

/** A stored run's findings, a page of the catalog at a time (the run's body when they were stored inline). */
function* findingPages(store: Store, a: { id: string; body: StoredRun; parts: Record<string, number> }): Generator<Finding[]> {
  const total = a.parts['run.findings'];
  if (total === undefined) return yield a.body.run.findings;
  for (let offset = 0; offset < total; offset += PART_PAGE) yield store.artefactPart<Finding>(a.id, 'run.findings', offset, PART_PAGE);
}

export async function workbookRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.tickmark;

  const sampleOf = (request: FastifyRequest<{ Params: { sampleId: string } }>) => visibleArtefact(store, tokenOf(request), request.params.sampleId, 'sample');
  const runOf = (request: FastifyRequest<{ Params: { runId: string } }>) => visibleArtefact<StoredRun>(store, tokenOf(request), request.params.runId, 'testrun', 'test run');

  app.get<{ Params: { sampleId: string }; Querystring: WorkbookQuery }>('/samples/:sampleId/workbook', {
    schema: {
      summary: 'Download the auditor-ready workbook of a sample (.xlsx)', tags: ['exports'], params: idParams('sampleId'), querystring: workbookQuery,
      'x-responses': downloadResponses('The workbook', [XLSX_MIME]), response: { ...errorResponses },
    },
    // A large sample's file takes longer than an ordinary request; it is built off the event loop.
    handlerTimeout: app.tickmark.limits.uploadTimeoutMs,
  }, async (request, reply) => {
    const a = sampleOf(request);
    return sendExport(request, reply, tokenOf(request), workbookRequest(store, a.id, a.id, a.populationId, request.query), 'xlsx', a.id);
  });

  app.get<{ Params: { runId: string }; Querystring: WorkbookQuery }>('/test-runs/:runId/workbook', {
    schema: {
      summary: "Download the workbook of a sample's test run: selection, test matrix, exceptions, evaluation (.xlsx)", tags: ['exports'],
      params: idParams('runId'), querystring: workbookQuery, 'x-responses': downloadResponses('The workbook', [XLSX_MIME]), response: { ...errorResponses },
    },
    // A large sample's file takes longer than an ordinary request; it is built off the event loop.
    handlerTimeout: app.tickmark.limits.uploadTimeoutMs,
  }, async (request, reply) => {
    const a = runOf(request);
    const run = a.body;
    if (!run.sampleId) return sendExport(request, reply, tokenOf(request), { id: a.id }, 'xlsx', null); // the export module explains why not
    return sendExport(request, reply, tokenOf(request), workbookRequest(store, a.id, run.sampleId, a.populationId, request.query), 'xlsx', run.sampleId);
  });

  app.get<{ Params: { sampleId: string }; Querystring: WorkbookQuery }>('/samples/:sampleId/export', {
    schema: {
      summary: 'Download a sample as CSV (items with their source values), JSON (plan, manifest, items) or the workbook', tags: ['exports'],
      params: idParams('sampleId'), querystring: exportQuerySchema, 'x-responses': downloadResponses('The sample', [CSV_TYPE, JSON_DOWNLOAD_TYPE, XLSX_MIME]), response: { ...errorResponses },
    },
    // A large sample's file takes longer than an ordinary request; it is built off the event loop.
    handlerTimeout: app.tickmark.limits.uploadTimeoutMs,
  }, async (request, reply) => {
    const a = sampleOf(request);
    return sendExport(request, reply, tokenOf(request), workbookRequest(store, a.id, a.id, a.populationId, request.query), request.query.format ?? 'csv', a.id);
  });

  app.get<{ Params: { runId: string }; Querystring: WorkbookQuery }>('/test-runs/:runId/export', {
    schema: {
      summary: 'Download a test run: for a sample, its items with results (CSV), JSON or the workbook; for a 100% test, its findings (CSV) or the run (JSON)', tags: ['exports'],
      params: idParams('runId'), querystring: exportQuerySchema, 'x-responses': downloadResponses('The test run', [CSV_TYPE, JSON_DOWNLOAD_TYPE, XLSX_MIME]), response: { ...errorResponses },
    },
    // A large sample's file takes longer than an ordinary request; it is built off the event loop.
    handlerTimeout: app.tickmark.limits.uploadTimeoutMs,
  }, async (request, reply) => {
    const a = runOf(request);
    const run = a.body;
    const format = request.query.format ?? 'csv';
    if (run.sampleId) return sendExport(request, reply, tokenOf(request), workbookRequest(store, a.id, run.sampleId, a.populationId, request.query), format, run.sampleId);
    // A 100% test's findings can be many: streamed a catalog page at a time.
    if (format === 'csv') return download(reply, CSV_TYPE, `${a.id}-findings.csv`, Readable.from(findingsCsv(findingPages(store, a))));
    if (format === 'json') {
      const whole = store.artefact<StoredRun>(a.id, 'testrun')!.body;
      return download(reply, JSON_DOWNLOAD_TYPE, `${a.id}-test-run.json`, JSON.stringify({ id: a.id, populationId: a.populationId, request: whole.request, run: whole.run }, null, 2));
    }
    return sendExport(request, reply, tokenOf(request), { id: a.id }, 'xlsx', null);
  });
}
