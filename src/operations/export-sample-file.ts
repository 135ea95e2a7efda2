/**
 * A sample's (or its test run's) download — workbook, CSV or JSON — built where it will not
 * stall the service: a sample of up to `IN_THREAD_ITEMS` items is built in the calling thread;
 * a larger one on the worker pool, where a worker opens the same data directory
 * (shared: no sweep, no mode changes), reads the sample and builds the file, and hands the bytes
 * back. The event loop stays free for other requests meanwhile.
 *
 * @example
 * const file = await exportSampleFile(store, { id: 'samp_…' }, 'xlsx', { workers: 2, items: 100_000 })
 * reply.send(file.body)
 */
import { exportSample, type ExportFormat } from '../export/index.js';
import { workbookInputFor, type WorkbookRequest } from './workbook-input.js';
import { runTask } from '../pool/pool.js';
import { openStore, type Store } from '../store/store.js';

/** Largest sample whose download is built in the request's thread. */
export const IN_THREAD_ITEMS = 2_000;

export interface ExportTask {
  dataDir: string;
  request: WorkbookRequest;
  format: ExportFormat;
}

export interface ExportedFile {
  body: Buffer;
  extension: string;
  controlId: string;
  sampleId: string;
  selectionSha256: string;
}

/** Build the file from a store (in whichever thread calls it). */
export async function buildExport(store: Store, request: WorkbookRequest, format: ExportFormat): Promise<ExportedFile> {
  const input = await workbookInputFor(store, { ...request, includePopulation: Boolean(request.includePopulation) && format === 'xlsx' });
  const exported = await exportSample(format, input);
  return { body: exported.body, extension: exported.extension, controlId: input.control.id, sampleId: input.sample.id, selectionSha256: input.sample.manifest.selectionSha256 };
}

/** The worker's side: open the data directory shared, build, close. */
export async function exportTask(task: ExportTask): Promise<ExportedFile> {
  const store = openStore({ dataDir: task.dataDir, shared: true });
  try {
    return await buildExport(store, task.request, task.format);
  } finally {
    store.close();
  }
}

/** The file for a download: in this thread for a small sample (or without workers), else on the pool. */
export async function exportSampleFile(store: Store, request: WorkbookRequest, format: ExportFormat, opts: { workers: number | undefined; items: number; signal?: AbortSignal }): Promise<ExportedFile> {
  if (opts.workers === 0 || opts.items <= IN_THREAD_ITEMS) return buildExport(store, request, format);
  const done = await runTask<ExportedFile & { body: Uint8Array }>('export-sample', { dataDir: store.dir, request, format } satisfies ExportTask, {
    ...(opts.workers !== undefined ? { threads: opts.workers } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return { ...done, body: Buffer.from(done.body.buffer, done.body.byteOffset, done.body.byteLength) };
}
