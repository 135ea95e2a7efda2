/**
 * Re-performing a workbook whose population was read in place by SQL. The workbook's machine
 * copy says how the population was read (kind, mapping, zone) and drawn (the request and the
 * manifest); what is run again depends on what is given beside the workbook:
 *
 * - a Parquet file: the pull runs again on it through embedded DuckDB;
 * - a `postgres://…` URL: the pull runs again on the table (`?table=` or the workbook's table
 *   name; the record and line columns are the ones the recipe read, unless `?record=` / `?line=`
 *   name others) — the statements run again, and the SQL that ran is held against the recipe's
 *   SHA-256 in the manifest;
 * - a results directory (`tickmark sql --out DIR` with the results saved): the results are read
 *   again and the pull assembled from them — the statements are not run again, and verify says so.
 *
 * In every case the selection, the content fingerprint and the automated test results are
 * compared as for a CSV; verify-workbook.ts compares the workbook's cells the same way for all.
 *
 * @example
 * const again = await reperformInPlace(copy, 'postgres://auditor@db/wh', recipeSql)
 * again.selection.identical // true
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkbookMachineCopy } from '../export/workbook/machine-copy.js';
import { buildManifest } from '../sampling/manifest.js';
import { verifySelection, type SelectionVerification } from '../sampling/verify.js';
import { REQUEST_FILE } from '../sql/results-dir.js';
import type { PopulationFingerprint, WorkbookVerification } from './verify-workbook.js';
import { compareWorkbookResults } from './compare-results.js';
import { ingestOptionsOf } from './workbook-ingest-options.js';
import { sqlPull, type SqlPullResult, type SqlPullSource } from './sql-pull.js';
import { sqlPullFromResults } from './sql-results-pull.js';

const isPostgres = (arg: string): boolean => /^postgres(ql)?:\/\//i.test(arg);
const isResultsDir = (arg: string): boolean => existsSync(arg) && statSync(arg).isDirectory() && existsSync(join(arg, REQUEST_FILE));

/** True for what verify re-reads in place (by SQL): a Parquet file, a PostgreSQL URL, a results directory. */
export const readInPlace = (arg: string): boolean => /\.parquet$/i.test(arg) || isPostgres(arg) || isResultsDir(arg);

/** What a re-performance in place found, and what it could not do. */
export interface InPlaceReperformance {
  file: PopulationFingerprint;
  selection: SelectionVerification;
  tests: WorkbookVerification['tests'];
  /** What was run again and what was not (said in the verification's notes). */
  notes: string[];
}

/** A column the recipe's population statement read as the record (or line) number, if any. */
function recipeColumn(sql: string | undefined, alias: 'tm_record_given' | 'tm_line_given'): string | undefined {
  const m = sql ? new RegExp(`CAST\\("((?:[^"]|"")+)" AS [A-Za-z ]+\\) AS ${alias}\\b`).exec(sql) : null;
  return m ? m[1]!.replaceAll('""', '"') : undefined;
}

/** The source a PostgreSQL URL names, with the workbook's table and the recipe's record and line columns unless the URL names its own. */
async function postgresSource(copy: WorkbookMachineCopy, url: string, recipeSql: string | undefined): Promise<SqlPullSource> {
  const { connectionOf } = await import('../sql/engines/postgres.js');
  const given = connectionOf(url);
  const record = given.record ?? recipeColumn(recipeSql, 'tm_record_given');
  const line = given.line ?? recipeColumn(recipeSql, 'tm_line_given');
  return {
    postgres: url,
    ...(!given.table && !given.query ? { table: copy.source.name.split('.') } : {}),
    ...(record ? { recordColumn: record } : {}),
    ...(line ? { lineColumn: line } : {}),
  };
}

export async function reperformInPlace(copy: WorkbookMachineCopy, arg: string, recipeSql?: string): Promise<InPlaceReperformance> {
  const notes: string[] = [];
  const job = copy.tests?.job;
  const tests = job ? { ...(job.rules.params ? { params: job.rules.params } : {}), ...(job.context.holidays ? { holidays: job.context.holidays } : {}), ...(job.rules.builtins === false ? { builtins: false } : {}) } : undefined;
  let again: SqlPullResult;
  if (isResultsDir(arg)) {
    again = await sqlPullFromResults(arg, tests ? { tests } : {});
    notes.push(`the statements were not run again: their results saved in ${arg} were read, and the profile, the checks, the allocation, the selection and the tests were computed from them again; to re-perform the extraction, run the statements recorded on the Population sheet on the engine and save their results again`);
  } else {
    const { kind: _kind, workers: _workers, delimiter: _delimiter, sheet: _sheet, formats: _formats, encoding: _encoding, ...read } = ingestOptionsOf({ copy, kind: copy.kind, mapping: copy.mapping, typing: copy.typing }, arg) as ReturnType<typeof ingestOptionsOf> & { formats?: unknown };
    const { period: _p, timeZone: _t, ...sample } = copy.request;
    const source: SqlPullSource = isPostgres(arg) ? await postgresSource(copy, arg, recipeSql) : { parquet: arg };
    again = await sqlPull({
      source,
      population: { kind: copy.kind, ...(read as Record<string, never>) },
      period: `${copy.period.start}..${copy.period.end}`,
      timeZone: copy.period.timeZone,
      sample,
      ...(tests ? { tests } : {}),
    });
    notes.push(`the statements ran again on ${again.recipe.engineVersion}`);
  }
  const manifest = copy.manifest;
  const population = { id: again.population.id, sha256: again.population.source.sha256, rows: again.population.rows.total };
  const selection = verifySelection(manifest, buildManifest(again.sample.selection, { population, plan: manifest.plan }), population);
  const recorded = copy.source.fingerprint;
  if (recorded && recorded !== again.population.source.fingerprint) selection.differences.push(`content fingerprint: workbook ${recorded}, recomputed ${again.population.source.fingerprint}`);
  // A file's identity is its bytes (its path is in the SQL that read it); a table's is its content and the recipe that read it.
  const recipe = isPostgres(arg) || again.recipe.engine === 'results' ? manifest.extraction?.sqlSha256 : undefined;
  const now = createHash('sha256').update(again.recipe.sql, 'utf8').digest('hex');
  if (recipe && recipe !== now) selection.differences.push(`SQL: the statements ${again.recipe.engine === 'results' ? 'compiled from the request' : 'that ran'} now (sha256 ${now}) are not the workbook's recipe (sha256 ${recipe})`);
  else if (recipe) notes.push(`the SQL ${again.recipe.engine === 'results' ? 'compiled from the request' : 'that ran'} is the workbook's recipe (sha256 ${now})`);
  selection.identical = selection.differences.length === 0;
  let tested: WorkbookVerification['tests'] = null;
  if (copy.tests) {
    const c = compareWorkbookResults(copy.tests, again.tests.run);
    tested = { status: c.identical ? 'identical' : 'different', compared: c.compared, differences: c.differences };
  }
  return { file: { name: again.population.source.name, sha256: again.population.source.sha256, rows: again.population.rows.total }, selection, tests: tested, notes };
}
