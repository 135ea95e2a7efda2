/**
 * A workbook sent as the raw body of a request (`content-type` the .xlsx media type), to be
 * verified: the routes that take one accept the type, and the body is saved to a file, at most
 * WORKBOOK_BYTES (413 past it) — a body of another type is refused with 415 before a byte is kept.
 *
 * @example
 * acceptWorkbookBodies(app)
 * await saveWorkbookBody(request, join(scratch, 'workbook.xlsx'))
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tickmarkError } from '../../errors.js';
import { limitBytes } from '../limits/byte-limit.js';
import { mediaType, XLSX_MIME } from './content-type.js';
import { rawBody } from './raw-body.js';

/** Largest workbook accepted for verification (a 10,000-item workbook is a few MB). */
export const WORKBOOK_BYTES = 64 * 1024 * 1024;

/** Let the routes of `app` (its plugin scope) take .xlsx bodies as streams. */
export function acceptWorkbookBodies(app: FastifyInstance): void {
  app.addContentTypeParser(XLSX_MIME, (_request: FastifyRequest, payload: unknown, done: (err: Error | null, body?: unknown) => void) => done(null, payload));
}

/** Save the request's .xlsx body at `path`. */
export async function saveWorkbookBody(request: FastifyRequest, path: string): Promise<void> {
  const type = mediaType(request.headers['content-type']);
  if (type !== XLSX_MIME) throw tickmarkError('TM_ERR_UNSUPPORTED_MEDIA', { type: type || '(none)', accepted: [XLSX_MIME] });
  await pipeline(Readable.from(limitBytes(rawBody(request.body as AsyncIterable<Buffer>), WORKBOOK_BYTES, 'the workbook')), createWriteStream(path));
}
