/**
 * Run a compiled pull on an engine (the I/O half of the SQL path): materialise the population
 * once as `tm_population`, run each statement, draw (allocating strata in TypeScript between the
 * two steps of a stratified design), and hand the rows to the assemblers. Before anything else
 * the profile is read to size the zone tables: a population whose events fall outside the years
 * first compiled is compiled again for its own years. Every statement that ran is kept, in
 * order, as the extraction recipe.
 *
 * @example
 * const run = await runSqlPull(engine, model, design, { name: 'changes', format: 'table' })
 * run.selection.items.length // 25
 */
import type { CompletenessReport } from '../completeness/types.js';
import { tickmarkError } from '../errors.js';
import type { PopulationChunk, PopulationMeta } from '../population/types.js';
import type { Selection } from '../sampling/selection.js';
import { checkContext } from '../completeness/context.js';
import { completenessFromResults, type CheckResults } from './assemble/completeness.js';
import { populationMetaOf, type SourceIdentity } from './assemble/meta.js';
import { typedRows, int, type TypedRow } from './assemble/results.js';
import { chunkOfRows } from './assemble/rows.js';
import { seatsFor } from './assemble/seats.js';
import { selectionFromResults } from './assemble/selection.js';
import type { SqlPopulationModel } from './compile/model.js';
import { POPULATION, printStatement, renderStatement, SHARED_RELATIONS, type Statement } from './compile/statement.js';
import type { SqlEngine } from './engines/engine.js';
import { compilePull, defaultYears, OTHER_VALUES_CAP, type CompiledPull, type SqlPullDesign } from './plan.js';

export interface SqlRecipe {
  engine: string;
  engineVersion: string;
  dialect: string;
  /** Every statement that ran, in order, as one SQL text (with a comment naming each). */
  sql: string;
  statements: { name: string; sql: string }[];
}

export interface SqlPullRun {
  pull: CompiledPull;
  meta: PopulationMeta;
  report: CompletenessReport;
  selection: Selection;
  /** The selected units' rows, typed as ingest types them. */
  rows: PopulationChunk;
  recipe: SqlRecipe;
}

const yearOf = (ms: number) => new Date(ms).getUTCFullYear();

/** A source of statement results: an engine, or results files (results-dir.ts). */
export interface StatementRunner {
  readonly engine: SqlEngine;
  /** Run (or read the result of) a statement. */
  rows(statement: Statement): Promise<TypedRow[]>;
  readonly log: { name: string; sql: string }[];
}

/** The shared relations the draw reads (made by the counts and strata statements). */
const DRAW_RELATIONS = ['tm_units', 'tm_eligible'];

/**
 * Statements run in one engine session: each shared relation a statement reads (the population,
 * the typed cells, the units…) is made once as a temporary table, the first time one needs it,
 * and every later statement reads the table; one that no later statement reads is dropped
 * (`release`). Each statement that ran is logged, in order.
 */
export function engineRunner(engine: SqlEngine): StatementRunner & { materialise(pull: CompiledPull): Promise<void>; release(later: readonly Statement[]): Promise<void> } {
  const log: { name: string; sql: string }[] = [];
  const made = new Map<string, string>();
  const make = async (name: string, sql: string, purpose: string) => {
    const known = made.get(name);
    if (known === sql) return;
    if (known !== undefined) throw tickmarkError('TM_ERR_INTERNAL', { message: `the shared relation ${name} was compiled two ways in one pull` });
    await engine.exec(`DROP TABLE IF EXISTS ${name}`, name);
    const create = `CREATE TEMPORARY TABLE ${name} AS\n${sql}`;
    await engine.exec(create, name);
    made.set(name, sql);
    log.push({ name, sql: `-- statement: ${name}\n-- ${purpose}\n${create};\n` });
  };
  return {
    engine,
    log,
    async materialise(pull) {
      for (const name of made.keys()) if (name !== POPULATION) await engine.exec(`DROP TABLE IF EXISTS ${name}`, name);
      made.clear();
      await make(POPULATION, pull.populationSelect, 'the population as every statement reads it (one row per source row)');
    },
    /** Drops the shared relations none of the `later` statements (nor the draw) reads, so the engine's memory goes to the next ones. */
    async release(later) {
      const needed = new Set([POPULATION, ...DRAW_RELATIONS, ...later.flatMap((s) => s.ctes.map((c) => c.name))]);
      for (const name of [...made.keys()]) {
        if (needed.has(name)) continue;
        await engine.exec(`DROP TABLE IF EXISTS ${name}`, name);
        made.delete(name);
      }
    },
    async rows(statement) {
      for (const cte of statement.ctes) if (SHARED_RELATIONS.has(cte.name)) await make(cte.name, cte.sql, `a relation the following statements share (${cte.name})`);
      const names = new Set(made.keys());
      const sql = renderStatement(statement, names);
      const rows = typedRows(statement, await engine.query(sql, statement.name));
      log.push({ name: statement.name, sql: printStatement(statement, names) });
      return rows;
    },
  };
}

export async function runSqlPull(engine: SqlEngine, model: SqlPopulationModel, design: SqlPullDesign, source: SourceIdentity): Promise<SqlPullRun> {
  const runner = engineRunner(engine);
  let pull = compilePull(engine.dialect, model, design);
  await runner.materialise(pull);
  let profile = (await runner.rows(pull.statements[0]!))[0]!;
  const needsWider = () => {
    const { toLocal, toUtc } = pull.ctx;
    const min = profile.event_min === null ? null : int(profile.event_min);
    const max = profile.event_max === null ? null : int(profile.event_max);
    const zoned = pull.ctx.zone !== 'UTC' || model.typing.timeZone !== 'UTC';
    return zoned && (int(profile.zone_outside) > 0 || (min !== null && (min < toLocal.coverFrom || min < toUtc.coverFrom)) || (max !== null && (max >= toLocal.coverTo || max >= toUtc.coverTo)));
  };
  if (needsWider()) {
    const [from, to] = defaultYears(pull.period);
    const years: [number, number] = [Math.min(from, yearOf(int(profile.event_min)) - 1), Math.max(to, yearOf(int(profile.event_max)) + 1)];
    pull = compilePull(engine.dialect, model, { ...design, years });
    runner.log.length = 0;
    await runner.materialise(pull);
    profile = (await runner.rows(pull.statements[0]!))[0]!;
    if (int(profile.zone_outside) > 0) throw tickmarkError('TM_ERR_INTERNAL', { message: 'event times still fall outside the zone table after widening it' });
  }
  const rows = int(profile.row_count);
  pull = compilePull(engine.dialect, model, { ...design, rows, years: pull.ctx.years });
  const results: CheckResults = { profile: [profile] };
  const checks = pull.statements.slice(1);
  for (const [i, statement] of checks.entries()) {
    results[statement.name] = await runner.rows(statement);
    await runner.release(checks.slice(i + 1));
  }
  const seats = pull.needsSeats ? seatsFor(pull.spec, results.strata ?? []) : undefined;
  for (const statement of pull.drawStatements(seats)) results[statement.name] = await runner.rows(statement);
  return assemblePull(pull, results, source, {
    engine: engine.name, engineVersion: await engine.version(), dialect: engine.dialect.name,
    sql: runner.log.map((s) => s.sql).join('\n'), statements: runner.log,
  });
}

/** Everything a pull returns, from its statements' results. */
export function assemblePull(pull: CompiledPull, results: CheckResults, source: SourceIdentity, recipe: SqlRecipe): SqlPullRun {
  const model = pull.ctx.model;
  const one = (name: string) => results[name]?.[0] ?? {};
  const meta = populationMetaOf(model, pull.typed, {
    profile: one('profile'), fieldProfile: results.field_profile ?? [], otherValues: results.other_values ?? [], issues: results.issues ?? [], fingerprint: one('fingerprint'),
  }, source, OTHER_VALUES_CAP);
  const check = checkContext({ meta, period: pull.period, params: pull.completenessParams });
  const report = completenessFromResults(check, results, { rows: meta.rows.accepted, inPeriod: int(one('profile').in_period) });
  const selection = selectionFromResults(pull.spec, { counts: one('counts'), ...(results.strata ? { strata: results.strata } : {}), selected: results.selection ?? [], unitRows: results.unit_rows ?? [] });
  return { pull, meta, report, selection, rows: chunkOfRows(model, results.unit_rows ?? []), recipe };
}

