/**
 * Test helpers for the SQL path: a generated (or hand-made) CSV ingested by tickmark and loaded
 * into DuckDB / PostgreSQL as a text table with its record column, so both engines see the same
 * population.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
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
