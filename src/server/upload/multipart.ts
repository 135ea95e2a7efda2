/**
 * Read a multipart upload as a stream: options are the fields sent before the one file part;
 * the file's bytes are handed on as they arrive (never buffered whole). The file iterable only
 * completes once the whole multipart body has been read and found well-formed, so a truncated
 * body, a second file or a field after the file makes the ingest fail before anything is stored.
 *
 * @example
 * const upload = await openMultipartUpload(request.parts())
 * await ingestStream(store, upload.file, { kind: upload.fields.kind, … })
 */
import type { Multipart } from '@fastify/multipart';
import { TickmarkError, tickmarkError } from '../../errors.js';
import { tooLarge } from '../limits/byte-limit.js';
import type { RawUploadFields } from './upload-options.js';

export interface MultipartUpload {
  fields: RawUploadFields;
  filename: string;
  mimetype: string;
  file: AsyncIterable<Buffer>;
  /** Drop the file unread (when the upload is refused before its bytes are ingested). */
  discard(): void;
}

/** A multipart parser failure as a coded error: limits → 413, disconnect → aborted, else 400. */
export function multipartError(err: unknown, limit: number): TickmarkError {
  if (err instanceof TickmarkError) return err;
  const e = err as { code?: string; message?: string } | null;
  const code = e?.code ?? '';
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(limit) as TickmarkError;
  if (code === 'FST_FILES_LIMIT') return tickmarkError('TM_ERR_USAGE', { message: 'send exactly one file part per upload' });
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return tickmarkError('TM_ERR_TOO_LARGE', { what: 'the number of multipart parts', limit: 'the parts limit' });
  if (code === 'FST_MP_PREMATURE_CLOSE' || code === 'ECONNRESET' || e?.message === 'aborted') {
    return tickmarkError('TM_ERR_ABORTED', { reason: 'the client closed the connection during the upload' });
  }
  return tickmarkError('TM_ERR_USAGE', { message: `malformed or truncated multipart body: ${e?.message ?? String(err)}` });
}

function fieldText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

async function next(parts: AsyncIterator<Multipart>, limit: number, signal?: AbortSignal): Promise<IteratorResult<Multipart>> {
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal!.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    return await Promise.race([parts.next(), aborted]);
  } catch (err) {
    throw signal?.aborted ? err : multipartError(err, limit);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Read fields up to the file part; throws TM_ERR_USAGE when there is no file. */
export async function openMultipartUpload(parts: AsyncIterator<Multipart>, limit: number, signal?: AbortSignal): Promise<MultipartUpload> {
  const fields: RawUploadFields = {};
  for (;;) {
    const step = await next(parts, limit, signal);
    if (step.done) throw tickmarkError('TM_ERR_USAGE', { message: 'the multipart body has no file part' });
    const part = step.value;
    if (part.type === 'file') return { fields, filename: part.filename, mimetype: part.mimetype, file: fileThenEnd(part, parts, limit, signal), discard: () => part.file.destroy() };
    if (part.valueTruncated || part.fieldnameTruncated) throw tickmarkError('TM_ERR_TOO_LARGE', { what: `multipart field ${part.fieldname}`, limit: 'the field size limit' });
    const prior = fields[part.fieldname];
    const value = fieldText(part.value);
    fields[part.fieldname] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
}

async function* fileThenEnd(part: Extract<Multipart, { type: 'file' }>, parts: AsyncIterator<Multipart>, limit: number, signal?: AbortSignal): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of part.file) yield chunk as Buffer;
  } catch (err) {
    throw multipartError(err, limit);
  }
  if (part.file.truncated) throw tooLarge(limit);
  const step = await next(parts, limit, signal);
  if (step.done) return;
  if (step.value.type === 'file') {
    step.value.file.resume();
    throw tickmarkError('TM_ERR_USAGE', { message: 'send exactly one file part per upload' });
  }
  throw tickmarkError('TM_ERR_USAGE', { message: `field "${step.value.fieldname}" comes after the file: send options before the file part or in the query string` });
}
