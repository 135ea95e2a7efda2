/**
 * Test helpers for the SQL path: a generated (or hand-made) CSV ingested by tickmark and loaded
 * into DuckDB / PostgreSQL as a text table with its record column, so both engines see the same
 * population.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { statementsOf } from '../../src/operations/sql-results-pull.js';
import { printStatement, type Statement } from '../../src/sql/compile/statement.js';
import { duckdbEngine } from '../../src/sql/engines/duckdb.js';
import type { ResultRow } from '../../src/sql/engines/engine.js';
import type { SqlRequestFile } from '../../src/sql/results-dir.js';
import { generatePopulation } from '../../src/synthetic/generate.js';
import type { GenerateOptions } from '../../src/synthetic/options.js';
import type { SqlEngine } from '../../src/sql/engines/engine.js';

export async function generatedCsv(options: GenerateOptions): Promise<string> {
  let text = '';
  for await (const chunk of generatePopulation({ quotedNewlineRate: 0, ...options })) text += chunk;
  return text;
}

/** A CSV file as a DuckDB text table with `tm_rec` numbering its records in file order. */
export async function loadCsvDuckdb(engine: SqlEngine, path: string, table: string): Promise<void> {
  const d = engine.dialect;
  await engine.exec(`CREATE TABLE ${d.ident(table + '_raw')} AS SELECT * FROM read_csv(${d.text(path)}, all_varchar = true, header = true, delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false)`, 'load');
  await engine.exec(`CREATE TABLE ${d.ident(table)} AS SELECT CAST(rowid + 1 AS BIGINT) AS tm_rec, * FROM ${d.ident(table + '_raw')}`, 'load');
}

/** A CSV file's rows (header first) as parsed by csv-parse: what a loader into PostgreSQL sends. */
export function csvRows(path: string): string[][] {
  return parse(readFileSync(path, 'utf8'), { relax_column_count: false, bom: true }) as string[][];
}

/** The PostgreSQL tests' server: TICKMARK_PG_URL; with TICKMARK_REQUIRE_PG=1 a missing one fails instead of skipping. */
export const PG_URL = process.env.TICKMARK_PG_URL;
export const PG_REQUIRED = process.env.TICKMARK_REQUIRE_PG === '1';
if (PG_REQUIRED && !PG_URL) throw new Error('TICKMARK_REQUIRE_PG=1 but TICKMARK_PG_URL is not set');

/** A CSV file as a PostgreSQL text table (every column text, `tm_rec` the record number), replacing any table of that name. */
export async function loadCsvPostgres(engine: SqlEngine, path: string, table: string): Promise<void> {
  const d = engine.dialect;
  const [header, ...rows] = csvRows(path);
  await engine.exec(`DROP TABLE IF EXISTS ${d.ident(table)}`, 'load');
  await engine.exec(`CREATE TABLE ${d.ident(table)} (tm_rec bigint, ${header!.map((h) => `${d.ident(h)} text`).join(', ')})`, 'load');
  const client = (engine as unknown as { client: { query(sql: string, values: unknown[]): Promise<unknown> } }).client;
  const width = header!.length + 1;
  for (let at = 0; at < rows.length; at += 500) {
    const batch = rows.slice(at, at + 500);
    const values: unknown[] = [];
    const tuples = batch.map((row, i) => {
      values.push(at + i + 1, ...row.map((v) => (v === '' ? null : v)));
      return `(${Array.from({ length: width }, (_, k) => `$${i * width + k + 1}`).join(', ')})`;
    });
    await client.query(`INSERT INTO ${d.ident(table)} VALUES ${tuples.join(', ')}`, values);
  }
}

/**
 * The statements of a request run on an engine as printed (each self-contained), their rows by
 * name — what a team running `tickmark sql`'s output by hand sends back. A stratified design's
 * selection statements are compiled once the strata result is in.
 */
export async function resultsOf(engine: SqlEngine, request: SqlRequestFile): Promise<Record<string, ResultRow[]>> {
  const results: Record<string, ResultRow[]> = {};
  const runAll = async (statements: readonly Statement[]) => {
    for (const s of statements) if (!(s.name in results)) results[s.name] = await engine.query(printStatement(s).replace(/;\s*$/, ''), s.name);
  };
  const first = statementsOf(request);
  await runAll(first.statements);
  if (first.waitingFor) await runAll(statementsOf(request, results.strata).statements);
  return results;
}

/** A generated change log (CSV file) as a DuckDB table `changes` with its record column `rec`, and the request for it. */
export async function changesInDuckdb(dir: string, rows: number, sample: SqlRequestFile['sample']): Promise<{ csv: string; engine: SqlEngine; request: SqlRequestFile }> {
  const text = await generatedCsv({ kind: 'change', rows, seed: 4 });
  const csv = join(dir, 'changes.csv');
  writeFileSync(csv, text);
  const header = parse(text.slice(0, text.indexOf('\n')))[0] as string[];
  const engine = await duckdbEngine();
  await engine.exec(`CREATE TABLE changes_raw AS SELECT * FROM read_csv(${engine.dialect.text(csv)}, all_varchar = true, header = true)`, 'load');
  await engine.exec('CREATE TABLE changes AS SELECT CAST(rowid + 1 AS BIGINT) AS rec, * FROM changes_raw', 'load');
  const request: SqlRequestFile = {
    format: 'tickmark-sql-request/1', dialect: 'duckdb',
    source: { table: ['changes'], columns: [{ name: 'rec', type: 'integer' }, ...header.map((name) => ({ name, type: 'text' as const }))], name: 'changes', recordColumn: 'rec' },
    population: { kind: 'change' }, period: '2025-01-01..2025-12-31', sample,
  };
  return { csv, engine, request };
}

/** A generated change log's request and each statement's rows from DuckDB (as JSON carries them), the engine closed: what a team sends back. */
export async function resultsPayload(dir: string, rows: number, sample: SqlRequestFile['sample']): Promise<{ csv: string; request: SqlRequestFile; results: Record<string, ResultRow[]> }> {
  const { csv, engine, request } = await changesInDuckdb(dir, rows, sample);
  try {
    return { csv, request, results: JSON.parse(JSON.stringify(await resultsOf(engine, request))) as Record<string, ResultRow[]> };
  } finally {
    await engine.close();
  }
}
