/** How to read a population file again the way a workbook's machine copy says it was read. */
import type { WorkbookManifest } from '../export/workbook/read-manifest.js';
import type { IngestOptions } from '../ingest/ingest.js';

/**
 * Ingest options that read a file the way the workbook's population was read. A generic
 * population names its key and event-time headers as options (its `key`/`event_at` fields are
 * made from them), the other fields as the mapping.
 *
 * @example
 * ingestOptionsOf(await readWorkbookManifest('wb.xlsx'), 'changes.csv') // { kind: 'change', map: {…}, timeZone: 'UTC', delimiter: ',' }
 */
export function ingestOptionsOf(wb: Pick<WorkbookManifest, 'copy' | 'kind' | 'mapping' | 'typing'>, file: string): IngestOptions {
  const { copy } = wb;
  const xlsx = /\.xlsx$/i.test(file);
  const generic = wb.kind === 'generic';
  const made = new Set(generic ? [...copy.key, ...(copy.eventTime ? [copy.eventTime] : [])] : []);
  const map = Object.fromEntries(Object.entries(wb.mapping).filter(([field]) => !made.has(field)));
  return {
    kind: wb.kind,
    ...(Object.keys(map).length ? { map } : {}),
    timeZone: wb.typing.timeZone,
    ...(wb.typing.dateOrder ? { dateOrder: wb.typing.dateOrder } : {}),
    ...(wb.typing.formats ? { formats: wb.typing.formats } : {}),
    ...(generic && copy.key.length ? { key: copy.key.map((f) => wb.mapping[f] ?? f) } : {}),
    ...(generic && copy.eventTime ? { eventTime: wb.mapping[copy.eventTime] ?? copy.eventTime } : {}),
    ...(!xlsx && copy.source.delimiter ? { delimiter: copy.source.delimiter } : {}),
    ...(!xlsx && copy.source.encoding && copy.source.encoding !== 'utf-8' && copy.source.encoding !== 'utf-8-bom' ? { encoding: copy.source.encoding as NonNullable<IngestOptions['encoding']> } : {}),
    ...(xlsx && copy.source.sheet ? { sheet: copy.source.sheet } : {}),
  };
}
