/**
 * PostgreSQL through `pg` 8: a `postgres://…` URL (its `table=` / `query=` parameters name the
 * population, the rest is the connection). The database must be UTF8 (SHA-256 is taken over the
 * text's UTF-8 bytes); text is compared under `COLLATE "C"`. Statements run in one session, so the
 * population is materialised once as a temporary table and dropped with the session; the session
 * raises its own `temp_buffers` and `work_mem` (nothing else on the server changes).
 *
 * @example
 * const engine = await postgresEngine('postgres://auditor@db.internal/warehouse')
 */
import pg from 'pg';
import { tickmarkError } from '../../errors.js';
import { postgres } from '../dialects/postgres.js';
import { columnTypeOf, type ResultRow, type SqlEngine } from './engine.js';

/** pg type OIDs → type names (the built-in ones a population uses). */
const TYPE_NAMES: Record<number, string> = {
  16: 'boolean', 20: 'bigint', 21: 'smallint', 23: 'integer', 25: 'text', 1042: 'bpchar', 1043: 'varchar',
  1082: 'date', 1114: 'timestamp', 1184: 'timestamptz', 1700: 'numeric', 700: 'real', 701: 'double precision',
};

/** Memory this session may use for temporary tables and for each sort or hash (a session setting; the server's own stay). */
export const SESSION_MEMORY = '256MB';

function fail(statement: string, err: unknown): never {
  throw tickmarkError('TM_ERR_SQL_ENGINE', { engine: 'postgres', statement, message: (err as Error)?.message ?? String(err) });
}

/** The connection string without tickmark's own parameters (table, query, record, line). */
export function connectionOf(url: string): { connection: string; table?: string[]; query?: string; record?: string; line?: string } {
  const u = new URL(url);
  const take = (name: string) => {
    const v = u.searchParams.get(name) ?? undefined;
    u.searchParams.delete(name);
    return v;
  };
  const table = take('table');
  const query = take('query');
  const record = take('record');
  const line = take('line');
  return {
    connection: u.toString(),
    ...(table ? { table: table.split('.') } : {}),
    ...(query ? { query } : {}),
    ...(record ? { record } : {}),
    ...(line ? { line } : {}),
  };
}

export async function postgresEngine(connection: string): Promise<SqlEngine & { client: pg.Client }> {
  const client = new pg.Client({ connectionString: connection });
  try {
    await client.connect();
    const enc = await client.query('SHOW server_encoding');
    if (String(enc.rows[0]?.server_encoding).toUpperCase() !== 'UTF8') {
      await client.end();
      throw tickmarkError('TM_ERR_SQL_UNSUPPORTED', { what: 'this database', reason: `its encoding is ${enc.rows[0]?.server_encoding}; keys are hashed as UTF-8, so the database must be UTF8` });
    }
    // This session only: the population's temporary tables and the sorts and hashes over them
    // (units, strata, duplicates) kept in memory up to these sizes instead of spilling early.
    await client.query(`SET temp_buffers = '${SESSION_MEMORY}'`);
    await client.query(`SET work_mem = '${SESSION_MEMORY}'`);
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('TM_ERR')) throw err;
    fail('connect', err);
  }
  return {
    name: 'postgres',
    dialect: postgres,
    client,
    async version() {
      const r = await client.query('SELECT version() AS v');
      return String(r.rows[0]?.v ?? 'PostgreSQL');
    },
    async describe(source) {
      const from = source.table ? source.table.map((p) => postgres.ident(p)).join('.') : `(${source.query}) AS tm_query`;
      try {
        const r = await client.query(`SELECT * FROM ${from} LIMIT 0`);
        return r.fields.map((f) => ({ name: f.name, type: columnTypeOf(TYPE_NAMES[f.dataTypeID] ?? 'other') }));
      } catch (err) {
        return fail('describe', err);
      }
    },
    async query(sql, statement): Promise<ResultRow[]> {
      try {
        return (await client.query(sql)).rows as ResultRow[];
      } catch (err) {
        return fail(statement, err);
      }
    },
    async exec(sql, statement) {
      try {
        await client.query(sql);
      } catch (err) {
        fail(statement, err);
      }
    },
    async interrupt() {
      // A running statement is cancelled by the server on another connection's request, for
      // this session's backend (its process id, given at connect).
      const pid = (client as unknown as { processID?: number }).processID;
      if (pid === undefined) return;
      const canceller = new pg.Client({ connectionString: connection });
      try {
        await canceller.connect();
        await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
      } catch (err) {
        fail('cancel', err);
      } finally {
        await canceller.end().catch(() => undefined);
      }
    },
    async close() {
      await client.end();
    },
  };
}
