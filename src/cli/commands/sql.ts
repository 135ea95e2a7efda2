/**
 * `tickmark sql`: the statements of a pull, compiled for a dialect, printed (or written to a
 * directory with the request, for `tickmark pull --from-results`). Nothing runs: the statements
 * are what a warehouse team runs, and their results come back as files.
 */
import { tickmarkError } from '../../errors.js';
import { parsePeriod } from '../../period/period.js';
import { statementsOf } from '../../operations/sql-results-pull.js';
import { printStatement } from '../../sql/compile/statement.js';
import { dialectNames } from '../../sql/dialects/dialect.js';
import { dialectOf } from '../../sql/dialects/index.js';
import { readRequest, writeRequest, writeStatements, type SqlRequestFile } from '../../sql/results-dir.js';
import { str } from '../args.js';
import { exit, type Command } from '../command.js';
import { columnsFromFlags, designFromFlags, populationFromFlags } from '../sql-flags.js';
import { completenessFlags } from './check.js';

export const sqlCommand: Command = {
  name: 'sql',
  summary: 'Print the SQL of a pull for a warehouse (DuckDB, PostgreSQL, Trino, Spark, BigQuery, Snowflake): run it there, pull its results back',
  usage: `tickmark sql --dialect ${dialectNames.join('|')} (--table T | --from-query Q) --columns "A,B,…" --kind KIND [--map F] [--record-column C] --seed S --size N [--method random|systematic|stratified] [--strata month|quarter] [--key-items EXPR] [--filter EXPR] --period A..B [--tz Z] [--zone-years A..B] [--out DIR]   |   tickmark sql --results DIR`,
  options: {
    dialect: { type: 'string' },
    table: { type: 'string' },
    'from-query': { type: 'string' },
    columns: { type: 'string' },
    'columns-from': { type: 'string' },
    'record-column': { type: 'string' },
    'line-column': { type: 'string' },
    kind: { type: 'string' },
    map: { type: 'string' },
    key: { type: 'string', multiple: true },
    'event-time': { type: 'string' },
    tz: { type: 'string' },
    'date-order': { type: 'string' },
    seed: { type: 'string' },
    size: { type: 'string' },
    method: { type: 'string' },
    strata: { type: 'string' },
    allocation: { type: 'string' },
    'key-items': { type: 'string' },
    filter: { type: 'string' },
    period: { type: 'string' },
    'zone-years': { type: 'string' },
    ...completenessFlags,
    out: { type: 'string' },
    results: { type: 'string' },
  },
  async run(ctx) {
    const resultsDir = str(ctx, 'results');
    if (resultsDir) {
      const { statements, waitingFor } = statementsOf(readRequest(resultsDir), resultsDir);
      if (waitingFor) throw tickmarkError('TM_ERR_SQL_RESULTS', { dir: resultsDir, reason: `save the result of ${waitingFor}.sql first` });
      writeStatements(resultsDir, statements);
      ctx.io.out(`wrote ${statements.map((s) => `${s.name}.sql`).join(', ')} in ${resultsDir}`);
      return exit.ok;
    }
    const dialect = dialectOf(str(ctx, 'dialect') ?? '');
    const table = str(ctx, 'table');
    const query = str(ctx, 'from-query');
    if (!table === !query) throw tickmarkError('TM_ERR_USAGE', { message: 'name the population: --table schema.name, or --from-query "SELECT …"' });
    if (str(ctx, 'size') === undefined) throw tickmarkError('TM_ERR_USAGE', { message: 'printed statements need a fixed --size N (a plan from the population size needs its rows, which only the warehouse knows)' });
    const population = populationFromFlags(ctx);
    const { recordColumn, lineColumn, ...modelOptions } = population;
    // --table names the SQL table here, not a frequency table (sample's flag of the same name).
    const design = await designFromFlags({ ...ctx, values: { ...ctx.values, table: undefined } });
    const zoneYears = str(ctx, 'zone-years');
    let years: [number, number] | undefined;
    if (zoneYears) {
      const m = /^(\d{4})\.\.(\d{4})$/.exec(zoneYears);
      if (!m || Number(m[1]) > Number(m[2])) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--zone-years', expected: 'must be YYYY..YYYY', got: zoneYears });
      years = [Number(m[1]), Number(m[2])];
    }
    parsePeriod(design.period, design.timeZone ?? population.timeZone ?? 'UTC');
    const request: SqlRequestFile = {
      format: 'tickmark-sql-request/1',
      dialect: dialect.name,
      source: {
        ...(table ? { table: table.split('.') } : { query: query! }),
        columns: columnsFromFlags(ctx),
        name: table ?? 'query',
        ...(recordColumn ? { recordColumn } : {}),
        ...(lineColumn ? { lineColumn } : {}),
      },
      population: modelOptions,
      ...design,
      ...(years ? { years } : {}),
    };
    const { statements, waitingFor } = statementsOf(request);
    const out = str(ctx, 'out');
    const note = waitingFor ? `-- A stratified design: run these, save strata as strata.json (or .csv) in a results directory, then \`tickmark sql --results DIR\` writes the selection statements.\n` : '';
    if (out) {
      writeRequest(out, request);
      writeStatements(out, statements);
      ctx.io.out(`wrote request.json and ${statements.length} statement(s) in ${out}: run each, save its result as NAME.json or NAME.csv beside it, then \`tickmark pull --from-results ${out} -o OUT.xlsx\`${waitingFor ? ` (stratified: after strata, \`tickmark sql --results ${out}\` adds the selection)` : ''}`);
    } else ctx.io.out(note + statements.map((s) => printStatement(s)).join('\n'));
    return exit.ok;
  },
};
