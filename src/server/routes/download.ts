/**
 * Send a file download: content type and a Content-Disposition with a safe file name (our
 * ids are `[A-Za-z0-9_-]`, and the name is filtered again here).
 *
 * @example
 * return download(reply, 'text/csv; charset=utf-8', `${sample.id}-sample.csv`, text)
 */
import type { FastifyReply } from 'fastify';

export function download(reply: FastifyReply, type: string, filename: string, body: string | Buffer | NodeJS.ReadableStream) {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200);
  return reply.type(type).header('content-disposition', `attachment; filename="${safe}"`).send(body);
}

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const JSON_DOWNLOAD_TYPE = 'application/json; charset=utf-8';

export const downloadResponses = (what: string, types: string[]) => Object.fromEntries([
  ['200', { description: what, headers: { 'Content-Disposition': { schema: { type: 'string' } } }, content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', format: t.startsWith('application/json') ? undefined : 'binary' } }])) }],
]);
