/**
 * Turn an upload body into a stored population: CSV bytes go straight into `ingestStream`
 * (hashed and written while streaming); XLSX bytes are first streamed to a private temp file
 * under the store (a zip needs its central directory) and then ingested from there. The byte
 * limit is enforced as the bytes flow; any failure leaves no population and no temp files.
 *
 * @example
 * await receivePopulation(store, { format: 'csv', bytes: request.raw, name: 'changes.csv' }, options, ctx)
 */
import { createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ingestFile, ingestStream, type IngestResult } from '../../ingest/ingest.js';
import type { Store } from '../../store/store.js';
import { limitBytes } from '../limits/byte-limit.js';
import { abortable } from './abortable.js';
import type { UploadOptions } from './upload-options.js';

export interface UploadSource {
  format: 'csv' | 'xlsx';
  bytes: AsyncIterable<Buffer | Uint8Array | string>;
  name: string;
  /** The request's declared length, when known (small inputs are parsed in-thread). */
  declaredBytes?: number;
}

export interface ReceiveContext {
  engagementId: string;
  actor: string;
  uploadBytes: number;
  workers?: number;
  signal: AbortSignal;
  /** Rows ingested so far (and bytes parsed). */
  onProgress?: (p: { bytes: number; rows: number }) => void;
}

export async function receivePopulation(store: Store, source: UploadSource, options: UploadOptions, ctx: ReceiveContext): Promise<IngestResult> {
  const bytes = limitBytes(abortable(source.bytes, ctx.signal), ctx.uploadBytes);
  const common = {
    ...options.ingest,
    name: options.name ?? source.name,
    engagementId: ctx.engagementId,
    actor: ctx.actor,
    signal: ctx.signal,
    ...(ctx.workers !== undefined ? { workers: ctx.workers } : {}),
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
  };
  if (source.format === 'csv') {
    return ingestStream(store, bytes, { ...common, ...(source.declaredBytes !== undefined ? { totalBytes: source.declaredBytes } : {}) });
  }
  const dir = store.tempDir();
  try {
    const path = join(dir, 'upload.xlsx');
    await pipeline(Readable.from(bytes), createWriteStream(path), { signal: ctx.signal });
    return await ingestFile(store, path, { ...common, format: 'xlsx' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
