/**
 * Make a byte stream stop at once when a signal aborts — even while it waits for bytes that a
 * stalled client never sends (shutdown, upload timeout). The source is then closed (for a
 * request body that drops the connection), and the abort reason is thrown to the ingest, which
 * removes its temp files.
 *
 * @example
 * ingestStream(store, abortable(request.raw, controller.signal), …)
 */
export async function* abortable<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  let finished = false;
  try {
    for (;;) {
      const step = await Promise.race([it.next(), aborted]);
      if (step.done) {
        finished = true;
        return;
      }
      yield step.value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    // Close the source unless it ended by itself; do not wait for a stalled one.
    if (!finished) void Promise.resolve(it.return?.()).catch(() => undefined);
  }
}
