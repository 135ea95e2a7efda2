/**
 * Export a sample in one of three formats: the auditor-ready workbook (xlsx), a flat CSV (cells
 * neutralised against formula injection), or JSON (plan, manifest, items with their values and
 * results). One entry point for the CLI and the HTTP service.
 *
 * @example
 * const { body, mediaType } = await exportSample('csv', input)
 */
import { toCsv } from './csv.js';
import { sampleTable } from './sample-table.js';
import type { WorkbookInput } from './workbook/input.js';
import { workbookModel } from './workbook/model.js';
import { workbookBuffer } from './workbook/write.js';

export type ExportFormat = 'xlsx' | 'csv' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['xlsx', 'csv', 'json'];

export interface ExportedSample {
  format: ExportFormat;
  mediaType: string;
  extension: string;
  body: Buffer;
}

const MEDIA: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
};

/** The sample as JSON-able data. */
export function sampleJsonExport(input: WorkbookInput) {
  const model = workbookModel(input);
  const table = sampleTable(input);
  return {
    control: input.control,
    period: input.period,
    population: { id: input.population.id, kind: input.population.kind, source: input.population.source, rows: input.population.rows },
    sampleId: input.sample.id,
    plan: input.sample.plan,
    manifest: input.sample.manifest,
    attributes: model.attributes,
    items: table.rows.map((r) => Object.fromEntries(table.headers.map((h, i) => [h, r[i] ?? null]))),
    ...(input.tests ? { findings: input.tests.findings, summary: { attributes: input.tests.attributes, overall: input.tests.overall } } : {}),
    ...(input.controlEvaluation ? { evaluation: input.controlEvaluation } : {}),
    conclusion: model.conclusion,
    engineVersion: input.engineVersion,
  };
}

export async function exportSample(format: ExportFormat, input: WorkbookInput): Promise<ExportedSample> {
  switch (format) {
    case 'xlsx':
      return { format, mediaType: MEDIA.xlsx, extension: 'xlsx', body: await workbookBuffer(input) };
    case 'csv': {
      const t = sampleTable(input);
      const text = toCsv([t.headers, ...t.rows.map((r) => r.map((v) => (v === null ? '' : String(v))))]);
      return { format, mediaType: MEDIA.csv, extension: 'csv', body: Buffer.from(text, 'utf8') };
    }
    case 'json':
      return { format, mediaType: MEDIA.json, extension: 'json', body: Buffer.from(`${JSON.stringify(sampleJsonExport(input), null, 2)}\n`, 'utf8') };
  }
}
