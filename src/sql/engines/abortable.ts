/**
 * An engine that stops when a signal aborts: the statement running is interrupted on the engine
 * (PostgreSQL cancels it on the server, DuckDB interrupts it), no later statement starts, and
 * whatever the engine throws once aborted becomes TM_ERR_ABORTED — so a cancelled job frees the
 * database at once instead of running its statements to the end.
 *
 * @example
 * const engine = abortable(await postgresEngine(url), job.signal)
 * await engine.query(sql, 'counts') // throws TM_ERR_ABORTED once job.signal aborts
 */
import { tickmarkError } from '../../errors.js';
import type { SqlEngine } from './engine.js';

const aborted = () => tickmarkError('TM_ERR_ABORTED', { reason: 'the pull was cancelled while its statements ran' });

export function abortable<E extends SqlEngine>(engine: E, signal: AbortSignal | undefined): E {
  if (!signal) return engine;
  let interrupting: Promise<void> = Promise.resolve();
  const onAbort = () => {
    interrupting = engine.interrupt().catch(() => undefined);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const guarded = async <T>(run: () => Promise<T>): Promise<T> => {
    if (signal.aborted) throw aborted();
    try {
      return await run();
    } catch (err) {
      if (signal.aborted) {
        await interrupting;
        throw aborted();
      }
      throw err;
    }
  };
  return {
    ...engine,
    describe: (source) => guarded(() => engine.describe(source)),
    query: (sql, statement) => guarded(() => engine.query(sql, statement)),
    exec: (sql, statement) => guarded(() => engine.exec(sql, statement)),
    version: () => engine.version(),
    interrupt: () => engine.interrupt(),
    close: async () => {
      signal.removeEventListener('abort', onAbort);
      await interrupting;
      await engine.close();
    },
  };
}
