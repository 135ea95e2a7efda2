/**
 * A pull in place that is cancelled stops where it runs: the statement running is interrupted on
 * the engine, no later statement starts, and the pull fails with TM_ERR_ABORTED — on PostgreSQL
 * (when TICKMARK_PG_URL names a server) the server itself is left with nothing running.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlPull } from '../../../src/operations/sql-pull.js';
import { abortable } from '../../../src/sql/engines/abortable.js';
import { duckdb } from '../../../src/sql/dialects/duckdb.js';
import type { SqlEngine } from '../../../src/sql/engines/engine.js';
import { tickmarkError } from '../../../src/errors.js';
import { tempDir } from '../../helpers/tmp.js';
import { changesInDuckdb, loadCsvPostgres, PG_REQUIRED, PG_URL } from '../helpers.js';

/** An engine whose statements run until interrupted; what it was asked, in order. */
function heldEngine() {
  const asked: string[] = [];
  let stop: ((err: Error) => void) | undefined;
  const engine: SqlEngine = {
    name: 'held',
    dialect: duckdb,
    version: async () => 'held 1',
    describe: async () => [],
    query: (_sql, statement) => {
      asked.push(statement);
      if (statement === 'fails') return Promise.reject(tickmarkError('TM_ERR_SQL_ENGINE', { engine: 'held', statement, message: 'no such table' }));
      return new Promise((_resolve, reject) => (stop = reject));
    },
    exec: async (_sql, statement) => void asked.push(statement),
    interrupt: async () => {
      asked.push('interrupt');
      stop?.(new Error('canceling statement due to user request'));
    },
    close: async () => void asked.push('close'),
  };
  return { engine, asked };
}

describe('abortable', () => {
  it('interrupts the statement running, starts no other, and says TM_ERR_ABORTED', async () => {
    const { engine, asked } = heldEngine();
    const cancel = new AbortController();
    const wrapped = abortable(engine, cancel.signal);
    const running = wrapped.query('SELECT 1', 'counts');
    cancel.abort();
    await expect(running).rejects.toMatchObject({ code: 'TM_ERR_ABORTED' });
    await expect(wrapped.exec('CREATE TABLE t (x int)', 'load')).rejects.toMatchObject({ code: 'TM_ERR_ABORTED' });
    await wrapped.close();
    expect(asked).toEqual(['counts', 'interrupt', 'close']);
  });

  it("leaves an engine's own errors as they are while not cancelled", async () => {
    const { engine, asked } = heldEngine();
    const wrapped = abortable(engine, new AbortController().signal);
    await expect(wrapped.query('SELECT * FROM missing', 'fails')).rejects.toMatchObject({ code: 'TM_ERR_SQL_ENGINE' });
    await wrapped.exec('SELECT 1', 'load');
    expect(asked).toEqual(['fails', 'load']);
  });
});

describe.skipIf(!PG_URL && !PG_REQUIRED)('a pull on PostgreSQL, cancelled', () => {
  const SLEEP = 'pg_sleep(300)';
  const sleepers = async (pg: { client: { query(sql: string): Promise<{ rows: { n: number }[] }> } }) =>
    (await pg.client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND wait_event = 'PgSleep' AND pid <> pg_backend_pid()`)).rows[0]!.n;

  afterAll(async () => {
    const { postgresEngine } = await import('../../../src/sql/engines/postgres.js');
    const pg = await postgresEngine(PG_URL!);
    await pg.client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND pid <> pg_backend_pid()`);
    await pg.close();
  });

  it('cancels the statement on the server: the pull fails TM_ERR_ABORTED and nothing of it runs on', async () => {
    const { postgresEngine } = await import('../../../src/sql/engines/postgres.js');
    const dir = tempDir('tickmark-sql-cancel-pg-');
    const { csv, engine: duck } = await changesInDuckdb(dir, 60, { seed: '1', size: 1 });
    await duck.close();
    const table = 'cancel_sql_changes';
    const pg = await postgresEngine(PG_URL!);
    try {
      await loadCsvPostgres(pg, csv, table);
      // The population is a query that takes minutes once read: materialising it is the statement cancelled.
      const url = new URL(PG_URL!);
      url.searchParams.set('query', `SELECT c.* FROM ${table} c CROSS JOIN (SELECT ${SLEEP} AS slept) s`);
      url.searchParams.set('record', 'tm_rec');
      const cancel = new AbortController();
      const pulling = sqlPull({ source: { postgres: url.toString() }, population: { kind: 'change' }, period: '2025-01-01..2025-12-31', sample: { seed: '7', size: 5 }, output: join(dir, 'never.xlsx') }, { signal: cancel.signal });
      let settled = false;
      const outcome = pulling.then(() => 'finished', (err: { code?: string; message?: string }) => `${err.code}: ${err.message}`).finally(() => (settled = true));
      // The statement is seen running on the server before the cancel.
      while (!settled && (await sleepers(pg)) === 0) await new Promise((r) => setTimeout(r, 20));
      cancel.abort();
      expect(await outcome).toMatch(/^TM_ERR_ABORTED: /);
      expect(await sleepers(pg)).toBe(0);
    } finally {
      await pg.close();
    }
  }, 120_000);
});
