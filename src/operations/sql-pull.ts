/**
 * A pull where the population lives: a Parquet (or CSV) file read by embedded DuckDB, a
 * PostgreSQL table or query, or — for Trino, Spark, BigQuery and Snowflake — the results of the
 * statements `tickmark sql` printed (sql-results.ts). The SQL computes the profile, the
 * completeness checks' aggregates and the selection; tickmark finishes each with its own code and
 * tests the selected units' rows; the result is the embedded pull's (`PullResult`: completeness
 * report, SampleRecord with manifest and selection, test run, evaluation, workbook input), with
 * the engine, the dialect and every statement that ran as the extraction recipe, and a manifest
 * that says the sample came from SQL. Nothing is kept in the store: the rows stay in the engine
 * (the audit log records the pull when a store is given).
 *
 * @example
 * const result = await sqlPull({ source: { parquet: 'changes.parquet' }, population: { kind: 'change' },
 *   period: '2025-01-01..2025-12-31', sample: { seed: '20251231', size: 25 }, output: 'out/CC8.1.xlsx' })
 * result.sample.manifest.extraction // { method: 'sql', engine: 'duckdb', dialect: 'duckdb', sqlSha256: '…' }
 */
import { populationRef } from './sample.js';
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { CompletenessParams } from '../completeness/params.js';
import { tickmarkError } from '../errors.js';
import { evaluateControl } from '../evaluation/evaluate-control.js';
import type { ControlInfo, ExtractionInfo, WorkbookInput } from '../export/workbook/input.js';
import { writeWorkbook } from '../export/workbook/write.js';
import { buildManifest } from '../sampling/manifest.js';
import { newId } from '../store/ids.js';
import type { Store } from '../store/store.js';
import { ENGINE_VERSION } from '../version.js';
import { sqlPopulationModel, type SqlModelOptions, type SqlSource } from '../sql/compile/model.js';
import type { SourceIdentity } from '../sql/assemble/meta.js';
import { sampledRowsOfChunk } from '../sql/assemble/rows.js';
import { abortable } from '../sql/engines/abortable.js';
import type { SqlEngine } from '../sql/engines/engine.js';
import { runSqlPull, type SqlPullRun, type SqlRecipe } from '../sql/run.js';
import type { SqlPullDesign } from '../sql/plan.js';
import { testSqlPull } from '../sql/tests.js';
import type { PullResult } from './pull.js';
import { pullWarnings } from './pull.js';
import type { SampleRecord } from './sample.js';
import type { TestJob } from '../rules/evaluate/test-job.js';
import type { TestRunRecord } from './test.js';
import { tscOfKind, type WorkbookRequest } from './workbook-input.js';

/** Where the population is. */
export type SqlPullSource =
  | { parquet: string }
  | { csv: string }
  /** A table (or query) in a DuckDB database file. */
  | { duckdb: string; table?: string[]; query?: string; recordColumn?: string }
  | { postgres: string; table?: string[]; query?: string; recordColumn?: string; lineColumn?: string };

export interface SqlPullRequest extends SqlPullDesign {
  source: SqlPullSource;
  population: SqlModelOptions & { recordColumn?: string; lineColumn?: string };
  tests?: { params?: TestJob['rules']['params']; holidays?: string[]; builtins?: boolean; rules?: unknown };
  workbook?: Omit<WorkbookRequest, 'id' | 'period' | 'timeZone' | 'completenessId'>;
  output?: string;
}

export interface SqlPullResult extends PullResult {
  recipe: SqlRecipe;
}

/** SHA-256 and size of a file, streamed. */
async function fileIdentity(path: string, format: SourceIdentity['format']): Promise<SourceIdentity> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { name: basename(path), format, sha256: hash.digest('hex'), bytes: statSync(path).size };
}

/** The engine and the source of a request, opened. */
async function openSource(req: SqlPullRequest): Promise<{ engine: SqlEngine; source: SqlSource; identity: SourceIdentity }> {
  const s = req.source;
  if ('postgres' in s) {
    const { postgresEngine, connectionOf } = await import('../sql/engines/postgres.js');
    const parsed = connectionOf(s.postgres);
    const table = s.table ?? parsed.table;
    const query = s.query ?? parsed.query;
    if (!table && !query) throw tickmarkError('TM_ERR_USAGE', { message: 'name the population: postgres://…/db?table=schema.name (or ?query=…)' });
    const engine = await postgresEngine(parsed.connection);
    const columns = await engine.describe(table ? { table } : { query: query! });
    const recordColumn = s.recordColumn ?? parsed.record ?? req.population.recordColumn;
    const lineColumn = s.lineColumn ?? parsed.line ?? req.population.lineColumn;
    const name = table ? table.join('.') : 'query';
    return {
      engine,
      source: { ...(table ? { table } : { query: query! }), columns, name, ...(recordColumn ? { recordColumn } : {}), ...(lineColumn ? { lineColumn } : {}) },
      identity: { name, format: 'table' },
    };
  }
  const { duckdbEngine } = await import('../sql/engines/duckdb.js');
  if ('duckdb' in s) {
    const engine = await duckdbEngine({ path: s.duckdb });
    if (!s.table && !s.query) throw tickmarkError('TM_ERR_USAGE', { message: 'name the population in the DuckDB database: a table or a query' });
    const columns = await engine.describe(s.table ? { table: s.table } : { query: s.query! });
    const recordColumn = s.recordColumn ?? req.population.recordColumn;
    const name = s.table ? s.table.join('.') : 'query';
    return { engine, source: { ...(s.table ? { table: s.table } : { query: s.query! }), columns, name, ...(recordColumn ? { recordColumn } : {}) }, identity: { name, format: 'table' } };
  }
  const engine = await duckdbEngine();
  const d = engine.dialect;
  if ('parquet' in s) {
    const path = resolve(s.parquet);
    const query = `SELECT * FROM read_parquet(${d.text(path)})`;
    const columns = await engine.describe({ query });
    return { engine, source: { query, columns, name: basename(path), ...(req.population.recordColumn ? { recordColumn: req.population.recordColumn } : {}) }, identity: await fileIdentity(path, 'parquet') };
  }
  // A CSV through DuckDB: every column as text, records numbered in file order.
  const path = resolve(s.csv);
  await engine.exec(`CREATE TEMPORARY TABLE tm_file AS SELECT * FROM read_csv(${d.text(path)}, all_varchar = true, header = true, strict_mode = true)`, 'load');
  const query = 'SELECT CAST(rowid + 1 AS BIGINT) AS tm_file_record, * FROM tm_file';
  const columns = await engine.describe({ query });
  return { engine, source: { query, columns, name: basename(path), recordColumn: 'tm_file_record' }, identity: await fileIdentity(path, 'csv') };
}

/** Run a pull where the population lives; `signal` cancels the statement running and the rest. */
export async function sqlPull(req: SqlPullRequest, opts: { store?: Store; actor?: string; signal?: AbortSignal } = {}): Promise<SqlPullResult> {
  const opened = await openSource(req);
  const engine = abortable(opened.engine, opts.signal);
  const { source, identity } = opened;
  try {
    const model = sqlPopulationModel(source, req.population);
    const run = await runSqlPull(engine, model, req, identity);
    return await finishSqlPull(run, req, opts);
  } finally {
    await engine.close();
  }
}

/** Tests, evaluation, the records and the workbook of a pull whose statements have run. */
export async function finishSqlPull(run: SqlPullRun, req: Pick<SqlPullRequest, 'period' | 'timeZone' | 'sample' | 'tests' | 'workbook' | 'output'> & { completeness?: CompletenessParams }, opts: { store?: Store; actor?: string } = {}): Promise<SqlPullResult> {
  const { meta, report, selection, recipe } = run;
  const timeZone = run.pull.period.timeZone;
  const sqlSha256 = createHash('sha256').update(recipe.sql, 'utf8').digest('hex');
  const manifest = {
    ...buildManifest(selection, { population: populationRef(meta), plan: run.pull.plan, engineVersion: ENGINE_VERSION, createdAt: new Date().toISOString() }),
    extraction: { method: 'sql' as const, engine: recipe.engine, dialect: recipe.dialect, sqlSha256 },
  };
  const sample: SampleRecord = { id: newId('samp'), populationId: meta.id, request: { ...req.sample, period: req.period, timeZone }, plan: run.pull.plan, manifest, selection };
  const tested = testSqlPull(run, { timeZone, ...(req.tests?.holidays ? { holidays: req.tests.holidays } : {}), ...(req.tests?.params ? { params: req.tests.params } : {}), ...(req.tests?.builtins === false ? { builtins: false } : {}), ...(req.tests?.rules !== undefined ? { rules: req.tests.rules } : {}) });
  const evaluation = evaluateControl({ plan: run.pull.plan, selection, run: tested.run, completeness: report });
  const tests: TestRunRecord = { id: newId('test'), populationId: meta.id, sampleId: sample.id, request: { sampleId: sample.id, period: req.period, timeZone }, run: tested.run, evaluation, job: tested.job };
  const completeness = { id: newId('comp'), report };
  const w = req.workbook ?? {};
  const tsc = w.control?.tsc ?? tscOfKind(meta.kind);
  const control: ControlInfo = {
    id: w.control?.id ?? tsc ?? meta.kind,
    ...(w.control?.description ? { description: w.control.description } : {}),
    ...(tsc ? { tsc } : {}),
    ...(w.control?.frequency ? { frequency: w.control.frequency } : {}),
    ...(w.control?.procedure ? { procedure: w.control.procedure } : {}),
  };
  const extraction: ExtractionInfo = { ...w.extraction, engine: recipe.engineVersion, dialect: recipe.dialect, sql: recipe.sql };
  const workpaper = { ...(w.control?.frequency ? { frequency: w.control.frequency } : {}), ...w.workpaper };
  const workbook: WorkbookInput = {
    ...(w.engagement ? { engagement: w.engagement } : {}),
    control,
    ...(Object.keys(workpaper).length ? { workpaper } : {}),
    period: { start: run.pull.period.start, end: run.pull.period.end, timeZone },
    population: meta,
    extraction,
    completeness: report,
    sample,
    sampledRows: sampledRowsOfChunk(run.rows),
    tests: tested.run,
    testJob: tested.job,
    testRunId: tests.id,
    controlEvaluation: evaluation,
    ...(w.preparer ? { preparer: w.preparer } : {}),
    engineVersion: ENGINE_VERSION,
  };
  if (req.output) await writeWorkbook(workbook, req.output);
  opts.store?.log({ actor: opts.actor ?? 'cli', action: 'sql.pull', target: meta.id, params: { engine: recipe.engine, dialect: recipe.dialect, source: meta.source, sqlSha256, selectionSha256: manifest.selectionSha256, ...(req.output ? { workbook: req.output } : {}) } });
  return {
    population: meta, completeness, sample, tests, evaluation, warnings: pullWarnings(sample, evaluation), workbook,
    ...(req.output ? { output: req.output } : {}), recipe,
  };
}
