/**
 * A raw request body as an async iterable whose failures are coded: a client that goes away
 * mid-upload becomes TM_ERR_ABORTED (nothing is stored), not an internal error.
 *
 * @example
 * ingestStream(store, rawBody(request.body as Readable), …)
 */
import { TickmarkError, tickmarkError } from '../../errors.js';

export async function* rawBody(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) yield chunk;
  } catch (err) {
    if (err instanceof TickmarkError) throw err;
    throw tickmarkError('TM_ERR_ABORTED', { reason: `the upload stream failed: ${(err as Error)?.message ?? String(err)}` });
  }
}
