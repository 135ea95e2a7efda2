/**
 * Pulls run by hand on another engine (Trino, Spark, BigQuery, Snowflake — or any, for review):
 * `tickmark sql --out DIR` writes each statement as NAME.sql and the request as request.json;
 * the team runs each statement and saves its result beside it as NAME.json (an array of objects,
 * or one object per line) or NAME.csv (a header row; an empty unquoted field is NULL, a quoted
 * "" an empty text). `tickmark pull --from-results DIR` compiles the request again, checks every
 * NAME.sql is still the statement tickmark wrote (an edited statement is refused), reads the
 * results and builds the pull from them. A stratified design needs the strata counts before its
 * selection can be written: `tickmark sql --results DIR` then adds selection.sql and unit_rows.sql.
 *
 * @example
 * writeStatements(dir, request, compiled.statements)
 * const results = readResults(dir, compiled.statements)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { tickmarkError } from '../errors.js';
import type { ResultRow } from './engines/engine.js';
import { typedRows, type TypedRow } from './assemble/results.js';
import { printStatement, type Statement } from './compile/statement.js';
import type { SqlModelOptions, SqlSource } from './compile/model.js';
import type { SqlPullDesign } from './plan.js';
import type { DialectName } from './dialects/dialect.js';

export const REQUEST_FILE = 'request.json';

/** Everything a pull by hand is compiled from (request.json). */
export interface SqlRequestFile extends SqlPullDesign {
  format: 'tickmark-sql-request/1';
  dialect: DialectName;
  source: SqlSource;
  population: SqlModelOptions;
}

function fail(dir: string, reason: string): never {
  throw tickmarkError('TM_ERR_SQL_RESULTS', { dir, reason });
}

export function writeRequest(dir: string, request: SqlRequestFile): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, REQUEST_FILE), JSON.stringify(request, null, 2) + '\n');
}

export function readRequest(dir: string): SqlRequestFile {
  const path = join(dir, REQUEST_FILE);
  if (!existsSync(path)) fail(dir, `${REQUEST_FILE} is missing (write the statements with \`tickmark sql … --out DIR\`)`);
  const value = JSON.parse(readFileSync(path, 'utf8')) as SqlRequestFile;
  if (value?.format !== 'tickmark-sql-request/1') fail(dir, `${REQUEST_FILE} is not a tickmark SQL request`);
  return value;
}

export function writeStatements(dir: string, statements: readonly Statement[]): void {
  mkdirSync(dir, { recursive: true });
  for (const s of statements) writeFileSync(join(dir, `${s.name}.sql`), printStatement(s));
}

/** The rows of one statement's result file (NAME.json or NAME.csv), as plain objects. */
export function readResultFile(dir: string, name: string): ResultRow[] | undefined {
  const json = join(dir, `${name}.json`);
  const csv = join(dir, `${name}.csv`);
  if (existsSync(json)) {
    const text = readFileSync(json, 'utf8').trim();
    try {
      if (text.startsWith('[')) return JSON.parse(text) as ResultRow[];
      return text ? text.split(/\r?\n/).filter((l) => l.trim()).map((l) => JSON.parse(l) as ResultRow) : [];
    } catch (err) {
      return fail(dir, `${name}.json is not JSON: ${(err as Error).message}`);
    }
  }
  if (existsSync(csv)) {
    try {
      return parse(readFileSync(csv, 'utf8'), { columns: true, bom: true, cast: (value, ctx) => (ctx.quoting || value !== '' ? value : null) }) as ResultRow[];
    } catch (err) {
      return fail(dir, `${name}.csv is not CSV: ${(err as Error).message}`);
    }
  }
  return undefined;
}

/** Each statement's typed result; a statement whose .sql was edited, or whose result is missing, is refused. */
export function readResults(dir: string, statements: readonly Statement[]): Record<string, TypedRow[]> {
  const out: Record<string, TypedRow[]> = {};
  for (const s of statements) {
    const sqlPath = join(dir, `${s.name}.sql`);
    if (existsSync(sqlPath) && readFileSync(sqlPath, 'utf8') !== printStatement(s)) fail(dir, `${s.name}.sql differs from the statement tickmark compiles for this request: results of an edited statement cannot be used`);
    const rows = readResultFile(dir, s.name);
    if (!rows) fail(dir, `no result for statement ${s.name} (save it as ${s.name}.json or ${s.name}.csv)`);
    out[s.name] = typedRows(s, rows);
  }
  return out;
}
