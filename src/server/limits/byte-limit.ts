/**
 * Count the bytes of an upload as they stream and stop with TM_ERR_TOO_LARGE (413) the moment
 * they pass the limit — before the excess reaches the store.
 *
 * @example
 * for await (const b of limitBytes(request.raw, 1024)) { … } // throws after 1024 bytes
 */
import { tickmarkError } from '../../errors.js';

export function tooLarge(limit: number, what = 'the upload'): Error {
  return tickmarkError('TM_ERR_TOO_LARGE', { what, limit: `${limit} bytes`, limitBytes: limit });
}

export async function* limitBytes(source: AsyncIterable<Buffer | Uint8Array | string>, limit: number, what?: string): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const piece of source) {
    const buf = typeof piece === 'string' ? Buffer.from(piece) : Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    bytes += buf.length;
    if (bytes > limit) throw tooLarge(limit, what);
    yield buf;
  }
}
