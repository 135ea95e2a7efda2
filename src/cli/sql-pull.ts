/**
 * `tickmark pull` of a population that lives in SQL — `postgres://…?table=T`, a `.parquet` file
 * (embedded DuckDB) or `--from-results DIR` — handed over by the pull command's first line. The
 * same flags, the same workbook; the population is read where it is, never copied to the store.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { tickmarkError } from '../errors.js';
import type { WorkpaperFields } from '../evaluation/entries.js';
import { sqlPull, type SqlPullResult } from '../operations/sql-pull.js';
import { sqlPullFromResults } from '../operations/sql-results-pull.js';
import { grouped } from '../text/grouped.js';
import { flag, printJson, requireStr, str } from './args.js';
import { exit, type CommandContext } from './command.js';
import { storeFor } from './population-arg.js';
import { designFromFlags, finishFromFlags, populationFromFlags } from './sql-flags.js';

export async function sqlPullCommand(ctx: CommandContext, workpaper: WorkpaperFields): Promise<number> {
  const out = resolve(requireStr(ctx, 'output'));
  if (!out.toLowerCase().endsWith('.xlsx')) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '-o', expected: 'must name an .xlsx file', got: out });
  mkdirSync(dirname(out), { recursive: true });
  const finish = finishFromFlags(ctx, workpaper, out);
  const store = storeFor(ctx);
  // The first Ctrl-C cancels the statements running on the database (a second one ends the process).
  const cancel = new AbortController();
  const onInterrupt = () => {
    process.off('SIGINT', onInterrupt);
    cancel.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    const dir = str(ctx, 'from-results');
    const arg = ctx.positionals[0] ?? '';
    const result: SqlPullResult = dir
      ? await sqlPullFromResults(dir, finish, { store })
      : await sqlPull({
        source: /\.parquet$/i.test(arg) ? { parquet: arg } : { postgres: arg },
        population: populationFromFlags(ctx),
        ...(await designFromFlags(ctx)),
        ...finish,
      }, { store, signal: cancel.signal });
    if (flag(ctx, 'json')) printJson(ctx, { workbook: out, population: result.population, completeness: result.completeness.report, sample: result.sample.manifest, tests: result.tests.run, evaluation: result.evaluation, warnings: result.warnings, recipe: { engine: result.recipe.engine, dialect: result.recipe.dialect, statements: result.recipe.statements.map((s) => s.name) } });
    else {
      const { population, completeness: { report }, sample: s, tests, evaluation } = result;
      ctx.io.out([
        `workbook ${out}`,
        `  population ${population.source.name} (${population.source.format}, read in place by ${result.recipe.engine}, dialect ${result.recipe.dialect}): ${grouped(population.rows.total)} rows, ${population.source.fingerprint}`,
        `  completeness ${report.status.toUpperCase()}: ${report.checks.filter((c) => c.status !== 'pass' && c.status !== 'not_run').map((c) => `${c.id} ${c.status}`).join(', ') || 'every check that ran passed'}`,
        `  sample: ${s.selection.items.length} of ${grouped(s.manifest.eligible)} (${s.manifest.method}, seed ${s.manifest.seed}), selection sha256 ${s.manifest.selectionSha256}`,
        `  tests: ${tests.run.overall.deviations} item(s) with exceptions, ${tests.run.findings.length} finding(s)`,
        `  conclusion: ${evaluation.conclusion.sentence}`,
        `  SQL: ${result.recipe.statements.length} statement(s), recorded in the workbook as the extraction recipe`,
        ...result.warnings.map((w) => `  warning: ${w}`),
      ].join('\n'));
    }
    return exit.ok;
  } finally {
    process.off('SIGINT', onInterrupt);
    store.close();
  }
}
