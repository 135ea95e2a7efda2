/**
 * DuckDB, embedded (`@duckdb/node-api`, its native library shipped in the npm package): pulls a
 * Parquet file (`read_parquet`) or a CSV (`read_csv`, every column as text) where it lies, with
 * no export and no store copy, on every core. The connection runs in UTC (typed timestamps are
 * written as text the same way on every machine).
 *
 * @example
 * const engine = await duckdbEngine(); await engine.query('SELECT 42 AS answer', 'probe')
 */
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { tickmarkError } from '../../errors.js';
import { duckdb } from '../dialects/duckdb.js';
import { columnTypeOf, type ResultRow, type SqlEngine } from './engine.js';

export interface DuckdbOptions {
  /** Database file; default in memory. */
  path?: string;
  threads?: number;
  /** DuckDB's memory limit (beyond it, it spills to its temp directory); default a quarter of the machine's memory. */
  memoryLimit?: string;
}

/** A quarter of the machine's memory: DuckDB's own default (80%) would crowd out everything else. */
export const defaultMemoryLimit = (): string => `${Math.max(1, Math.floor(totalmem() / 4 / 1024 ** 3))}GB`;

function fail(statement: string, err: unknown): never {
  throw tickmarkError('TM_ERR_SQL_ENGINE', { engine: 'duckdb', statement, message: (err as Error)?.message ?? String(err) });
}

export async function duckdbEngine(opts: DuckdbOptions = {}): Promise<SqlEngine & { connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(opts.path ?? ':memory:', {
    ...(opts.threads ? { threads: String(opts.threads) } : {}),
    memory_limit: opts.memoryLimit ?? defaultMemoryLimit(),
    temp_directory: opts.path ? `${opts.path}.tmp` : join(tmpdir(), `tickmark-duckdb-${process.pid}`),
  });
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  // Every statement orders what it returns itself; the temporary tables need not keep the order rows
  // arrived in, which lets DuckDB build them in parallel and with less memory.
  await connection.run('SET preserve_insertion_order = false');
  const engine = {
    name: 'duckdb',
    dialect: duckdb,
    connection,
    async version() {
      const rows = (await connection.runAndReadAll('SELECT version() AS v')).getRowObjectsJson();
      return `DuckDB ${String(rows[0]?.v ?? '')}`;
    },
    async describe(source: { table?: string[]; query?: string }) {
      const from = source.table ? source.table.map((p) => duckdb.ident(p)).join('.') : `(${source.query})`;
      try {
        const rows = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)).getRowObjectsJson();
        return rows.map((r) => ({ name: String(r.column_name), type: columnTypeOf(String(r.column_type)) }));
      } catch (err) {
        return fail('describe', err);
      }
    },
    async query(sql: string, statement: string): Promise<ResultRow[]> {
      try {
        return (await connection.runAndReadAll(sql)).getRowObjectsJson() as ResultRow[];
      } catch (err) {
        return fail(statement, err);
      }
    },
    async exec(sql: string, statement: string) {
      try {
        await connection.run(sql);
      } catch (err) {
        fail(statement, err);
      }
    },
    async interrupt() {
      connection.interrupt();
    },
    async close() {
      connection.closeSync();
      instance.closeSync?.();
    },
  };
  return engine;
}
