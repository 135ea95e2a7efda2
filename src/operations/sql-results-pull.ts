/**
 * A pull from the results of statements run by hand (sql/results-dir.ts): the request tickmark
 * wrote with the statements, compiled again; each statement's saved result read and checked;
 * the pull assembled and finished exactly as an engine's (sql-pull.ts). Also what `tickmark sql`
 * prints: the statements of a request, and — for a stratified design whose strata counts are
 * saved — the selection statements that follow from them.
 *
 * @example
 * const result = await sqlPullFromResults('results/', { output: 'out/CC8.1.xlsx' })
 * const same = await sqlPullFromResultSet(readRequest('results/'), { profile: […], … }, 'uploaded results', {})
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tickmarkError } from '../errors.js';
import type { Store } from '../store/store.js';
import { assemblePull } from '../sql/run.js';
import { int, type TypedRow } from '../sql/assemble/results.js';
import { seatsFor } from '../sql/assemble/seats.js';
import { sqlPopulationModel } from '../sql/compile/model.js';
import { printStatement, type Statement } from '../sql/compile/statement.js';
import { dialectOf } from '../sql/dialects/index.js';
import { compilePull, type CompiledPull } from '../sql/plan.js';
import { readRequest, readResultFile, readResults, type SqlRequestFile } from '../sql/results-dir.js';
import type { ResultRow } from '../sql/engines/engine.js';
import { typedRows } from '../sql/assemble/results.js';
import { finishSqlPull, type SqlPullRequest, type SqlPullResult } from './sql-pull.js';

/** The compiled pull of a request, and — when the strata counts are given — every statement including the draw. */
export function statementsOf(request: SqlRequestFile, strataFrom?: string | ResultRow[]): { pull: CompiledPull; statements: Statement[]; waitingFor?: string } {
  const model = sqlPopulationModel(request.source, request.population);
  const pull = compilePull(dialectOf(request.dialect), model, request);
  if (!pull.needsSeats) return { pull, statements: [...pull.statements, ...pull.drawStatements()] };
  const strata = typeof strataFrom === 'string' ? readResultFile(strataFrom, 'strata') : strataFrom;
  if (!strata) return { pull, statements: pull.statements, waitingFor: 'strata' };
  const seats = seatsFor(pull.spec, typedRows(pull.statements.find((s) => s.name === 'strata')!, strata));
  return { pull, statements: [...pull.statements, ...pull.drawStatements(seats)] };
}

/** A pull from the results saved in a directory beside the statements `tickmark sql --out DIR` wrote. */
export async function sqlPullFromResults(dir: string, overrides: Pick<SqlPullRequest, 'tests' | 'workbook' | 'output'>, opts: { store?: Store; actor?: string } = {}): Promise<SqlPullResult> {
  const request = readRequest(dir);
  const { pull, statements, waitingFor: missing } = statementsOf(request, dir);
  const waitingFor = missing ?? (pull.needsSeats && !existsSync(join(dir, 'selection.sql')) ? 'strata' : undefined);
  if (waitingFor) throw tickmarkError('TM_ERR_SQL_RESULTS', { dir, reason: `the selection of a stratified design is written once the strata counts are known: with ${waitingFor}.json (or .csv) saved, run \`tickmark sql --results ${dir}\` and the statements it adds` });
  const results: Record<string, TypedRow[]> = readResults(dir, statements);
  return finishFromResults(request, pull, statements, results, `statement results in ${dir}`, dir, overrides, opts);
}

/**
 * The same pull from results held in memory (the HTTP service's upload of them): each
 * statement's rows by its name, as read from NAME.json (objects) or NAME.csv. `label` names
 * where they came from in the recipe and in errors.
 *
 * @example
 * await sqlPullFromResultSet(request, { profile: [{ row_count: 120, … }], … }, 'uploaded results', {})
 */
export async function sqlPullFromResultSet(request: SqlRequestFile, rows: Readonly<Record<string, ResultRow[]>>, label: string, overrides: Pick<SqlPullRequest, 'tests' | 'workbook' | 'output'>, opts: { store?: Store; actor?: string } = {}): Promise<SqlPullResult> {
  const { pull, statements, results } = checkResultSet(request, rows, label);
  return finishFromResults(request, pull, statements, results, label, label, overrides, opts);
}

/**
 * The statements of a request and their results typed — or a refusal when a result is missing,
 * not a statement of the request, or holds a value of the wrong type (or a stratified design's
 * selection cannot be written yet): checked before any work, so a service can refuse up front.
 */
export function checkResultSet(request: SqlRequestFile, rows: Readonly<Record<string, ResultRow[]>>, label: string): { pull: CompiledPull; statements: Statement[]; results: Record<string, TypedRow[]> } {
  const { pull, statements, waitingFor } = statementsOf(request, rows.strata);
  if (waitingFor) throw tickmarkError('TM_ERR_SQL_RESULTS', { dir: label, reason: 'the selection of a stratified design is written once the strata counts are known: give the strata result, then run the statements that follow from it' });
  const names = new Set(statements.map((s) => s.name));
  for (const s of statements) if (!Array.isArray(rows[s.name])) throw tickmarkError('TM_ERR_SQL_RESULTS', { dir: label, reason: `no result for statement ${s.name} (an array of row objects)` });
  for (const name of Object.keys(rows)) if (!names.has(name)) throw tickmarkError('TM_ERR_SQL_RESULTS', { dir: label, reason: `${JSON.stringify(name)} is not a statement of this request (${[...names].join(', ')})` });
  const results: Record<string, TypedRow[]> = {};
  for (const s of statements) results[s.name] = typedRows(s, rows[s.name]!);
  return { pull, statements, results };
}

async function finishFromResults(request: SqlRequestFile, pull: CompiledPull, statements: Statement[], results: Record<string, TypedRow[]>, label: string, errorDir: string, overrides: Pick<SqlPullRequest, 'tests' | 'workbook' | 'output'>, opts: { store?: Store; actor?: string }): Promise<SqlPullResult> {
  const profile = results.profile![0];
  if (!profile) throw tickmarkError('TM_ERR_SQL_RESULTS', { dir: errorDir, reason: 'the profile result has no row (it is one row)' });
  const { toLocal, toUtc } = pull.ctx;
  const outside = (v: unknown) => v !== null && (int(v) < Math.max(toLocal.coverFrom, toUtc.coverFrom) || int(v) >= Math.min(toLocal.coverTo, toUtc.coverTo));
  if ((pull.ctx.zone !== 'UTC' || pull.ctx.model.typing.timeZone !== 'UTC') && (int(profile.zone_outside) > 0 || outside(profile.event_min) || outside(profile.event_max))) {
    const year = (v: unknown) => new Date(int(v)).getUTCFullYear();
    throw tickmarkError('TM_ERR_SQL_UNSUPPORTED', { what: 'the event times', reason: `some fall outside the years ${pull.ctx.years.join('..')} the zone table was compiled for; compile again with --zone-years ${Math.min(pull.ctx.years[0], year(profile.event_min) - 1)}..${Math.max(pull.ctx.years[1], year(profile.event_max) + 1)}` });
  }
  // The plan with the population's size (the statements do not depend on it; the recorded plan does).
  const sized = compilePull(dialectOf(request.dialect), pull.ctx.model, { ...request, rows: int(profile.row_count) });
  if (sized.spec.n !== pull.spec.n) throw tickmarkError('TM_ERR_SQL_UNSUPPORTED', { what: 'this plan', reason: 'its size depends on the population size, which printed statements cannot know: give --size N' });
  const recipe = { engine: 'results', engineVersion: `${label} (${request.dialect})`, dialect: request.dialect, sql: statements.map((s) => printStatement(s)).join('\n'), statements: statements.map((s) => ({ name: s.name, sql: printStatement(s) })) };
  const run = assemblePull({ ...pull, plan: sized.plan }, results, { name: request.source.name, format: 'table' }, recipe);
  return finishSqlPull(run, { ...request, ...overrides }, opts);
}
