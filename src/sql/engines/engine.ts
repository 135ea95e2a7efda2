/**
 * An engine a pull runs on: it describes a table's columns, runs statements and returns their
 * rows as plain objects. DuckDB (embedded) and PostgreSQL (`pg`) run here; for the other
 * dialects the statements are printed and their results read back from files (results-dir.ts).
 * Engines are the only I/O of the SQL path: everything else is pure compilation and assembly.
 *
 * @example
 * const rows = await engine.query('SELECT 1 AS one', 'probe') // [{ one: 1 }]
 */
import type { Dialect } from '../dialects/dialect.js';
import type { ColumnType, SourceColumn } from '../compile/model.js';

export type ResultRow = Record<string, unknown>;

export interface SqlEngine {
  /** 'duckdb', 'postgres', or 'results' (files of statement results). */
  readonly name: string;
  /** The engine's version as it reports it (recorded in the workbook). */
  version(): Promise<string>;
  readonly dialect: Dialect;
  /** The columns of a table or query, in order, with their storage types. */
  describe(source: { table?: string[]; query?: string }): Promise<SourceColumn[]>;
  /** Run a statement that returns rows. */
  query(sql: string, statement: string): Promise<ResultRow[]>;
  /** Run a statement that returns nothing (materialising the population). */
  exec(sql: string, statement: string): Promise<void>;
  /** Stop the statement running now, if one is (it then fails); the session stays open for `close`. */
  interrupt(): Promise<void>;
  close(): Promise<void>;
}

/** A column's storage type from the engine's type name. */
export function columnTypeOf(engineType: string): ColumnType {
  const t = engineType.toLowerCase();
  if (/^(varchar|text|string|character varying|char|character|bpchar)/.test(t)) return 'text';
  if (/timestamp.*(with time zone|tz)|timestamptz/.test(t)) return 'timestamptz';
  if (/^timestamp/.test(t)) return 'timestamp';
  if (t === 'date') return 'date';
  if (/^(bigint|integer|int|smallint|tinyint|hugeint|ubigint|uinteger|usmallint|utinyint|int2|int4|int8)/.test(t)) return 'integer';
  if (/^(decimal|numeric)/.test(t)) return 'decimal';
  if (/^bool/.test(t)) return 'boolean';
  return 'other';
}
