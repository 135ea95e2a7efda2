/**
 * `tickmark pull FILE …`: the whole dry-run in one command — the `pull` operation (ingest →
 * completeness → plan → sample → test → evaluate → workbook) with its inputs from flags. The
 * README's main command. Prints what was done; the findings are in the workbook (exit 0 once it
 * is written).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { tickmarkError } from '../../errors.js';
import { CONTROL_NATURES, type ControlNature, type WorkpaperFields } from '../../evaluation/entries.js';
import type { PullResult } from '../../operations/pull.js';
import { grouped } from '../../text/grouped.js';
import { flag, list, printJson, readJsonFile, requireStr, str } from '../args.js';
import { exit, type Command, type CommandContext } from '../command.js';
import { ingestFlags, resolvePopulation, startIngestWorkers, storeFor, workersFlag } from '../population-arg.js';
import { WORKBOOK_FLAGS_USAGE, workbookFlags } from '../workbook-flags.js';
import { isSqlPull, sqlPullFlags } from '../sql-target.js';
import { completenessFlags, completenessFromFlags, readHolidays } from './check.js';
import { sampleFlags, sampleRequestFromFlags } from './sample.js';
import { joinArgs, joinOptions } from './test.js';

/** The lead sheet's workpaper fields given as flags (the rest stay yellow inputs). */
export const workpaperFlags = {
  objective: { type: 'string' },
  owner: { type: 'string' },
  nature: { type: 'string' },
  'key-control': { type: 'string' },
  'population-definition': { type: 'string' },
  'workpaper-ref': { type: 'string' },
  reviewer: { type: 'string' },
} as const;

function workpaperFromFlags(ctx: CommandContext): WorkpaperFields {
  const nature = str(ctx, 'nature');
  if (nature !== undefined && !(CONTROL_NATURES as readonly string[]).includes(nature)) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--nature', expected: `must be one of ${CONTROL_NATURES.join(', ')}`, got: nature });
  }
  const key = str(ctx, 'key-control');
  if (key !== undefined && !['yes', 'no'].includes(key)) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--key-control', expected: 'must be yes or no', got: key });
  const fields: WorkpaperFields = {
    ...(str(ctx, 'objective') ? { objective: str(ctx, 'objective')! } : {}),
    ...(str(ctx, 'owner') ? { owner: str(ctx, 'owner')! } : {}),
    ...(nature ? { nature: nature as ControlNature } : {}),
    ...(str(ctx, 'frequency') ? { frequency: str(ctx, 'frequency')! } : {}),
    ...(key ? { keyControl: key === 'yes' } : {}),
    ...(str(ctx, 'population-definition') ? { populationDefinition: str(ctx, 'population-definition')! } : {}),
    ...(str(ctx, 'workpaper-ref') ? { workpaperRef: str(ctx, 'workpaper-ref')! } : {}),
    ...(str(ctx, 'preparer') ? { preparedBy: str(ctx, 'preparer')! } : {}),
    ...(str(ctx, 'reviewer') ? { reviewedBy: str(ctx, 'reviewer')! } : {}),
  };
  return fields;
}

function summaryOf(r: PullResult) {
  const { population, completeness: { report }, sample, tests, evaluation } = r;
  return {
    workbook: r.output,
    population: { id: population.id, sha256: population.source.sha256, rows: population.rows },
    completeness: { id: r.completeness.id, status: report.status, checks: report.checks.map((c) => ({ id: c.id, status: c.status, summary: c.summary })) },
    sample: { id: sample.id, n: sample.selection.items.length, eligible: sample.manifest.eligible, method: sample.manifest.method, seed: sample.manifest.seed, selectionSha256: sample.manifest.selectionSha256, rationale: sample.plan.rationale },
    tests: { id: tests.id, overall: tests.run.overall, attributes: tests.run.attributes.map((a) => ({ attribute: a.attribute, label: a.label, mode: a.mode, tested: a.tested, deviations: a.deviations })), findings: tests.run.findings },
    evaluation,
    warnings: r.warnings,
  };
}

export const pullCommand: Command = {
  name: 'pull',
  summary: 'The whole dry-run in one command: ingest, completeness, plan, sample, test, evaluate, workbook',
  usage: `tickmark pull FILE --kind KIND --period A..B --seed S (--size N | plan flags) [--method random|systematic|stratified] [--strata month|quarter] [--key-items EXPR] [--filter EXPR] [--rules F.json] [--param k=v …] [--holidays F] [--calendar business|all] [--expect-count N] [--expect-sum FIELD=AMOUNT] [--tie-out FILE:theirKey=ourKey [--other-kind KIND]] [--join accounts=FILE|POPULATION_ID [--join-map accounts=F] [--join-source accounts=PROFILE]] ${WORKBOOK_FLAGS_USAGE} [--objective T] [--owner T] [--nature manual|automated|"it-dependent manual"] [--key-control yes|no] [--population-definition T] [--workpaper-ref T] [--reviewer NAME] -o OUT.xlsx [--recompute] [--json]`,
  options: {
    ...ingestFlags,
    ...sampleFlags,
    ...completenessFlags,
    rules: { type: 'string' },
    param: { type: 'string', multiple: true },
    join: { type: 'string', multiple: true },
    'join-map': { type: 'string', multiple: true },
    'join-source': { type: 'string', multiple: true },
    ...workbookFlags,
    ...workpaperFlags,
    output: { type: 'string', short: 'o' },
    recompute: { type: 'boolean' },
    ...sqlPullFlags,
  },
  prepare: startIngestWorkers,
  async run(ctx) {
    // A population in SQL (postgres://…, .parquet, --from-results DIR) is pulled where it lives.
    if (isSqlPull(ctx)) return (await import('../sql-pull.js')).sqlPullCommand(ctx, workpaperFromFlags(ctx));
    const out = resolve(requireStr(ctx, 'output'));
    if (!out.toLowerCase().endsWith('.xlsx')) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '-o', expected: 'must name an .xlsx file', got: out });
    const period = requireStr(ctx, 'period');
    const sample = await sampleRequestFromFlags(ctx);
    const holidays = str(ctx, 'holidays') ? readHolidays(str(ctx, 'holidays')!) : undefined;
    const workers = workersFlag(ctx);
    const opts = { ...(workers !== undefined ? { workers } : {}), reuse: !flag(ctx, 'recompute') };
    const step = (text: string) => { if (ctx.io.isTTY) ctx.io.err(`• ${text}`); };
    const store = storeFor(ctx);
    try {
      step('ingest');
      const { population } = await resolvePopulation(ctx, store, ctx.positionals[0]);
      const completeness = await completenessFromFlags(ctx, store);
      // Second populations the rules read (terminations → accounts): files are ingested as their own kind, with their own mapping.
      const joins = list(ctx, 'join').length ? await (await import('../../operations/joins.js')).resolveJoins(store, joinArgs(list(ctx, 'join'), '--join', 'accounts'), joinOptions(ctx)) : {};
      step(`completeness across ${period}, sample, tests, workbook`);
      const rulesFile = str(ctx, 'rules');
      const control = {
        ...(str(ctx, 'control-id') ? { id: str(ctx, 'control-id')! } : {}),
        ...(str(ctx, 'control') ? { description: str(ctx, 'control')! } : {}),
        ...(str(ctx, 'tsc') ? { tsc: str(ctx, 'tsc')! } : {}),
        ...(str(ctx, 'frequency') ? { frequency: str(ctx, 'frequency')! } : {}),
        ...(str(ctx, 'procedure') ? { procedure: str(ctx, 'procedure')! } : {}),
      };
      const extraction = {
        ...(str(ctx, 'system') ? { system: str(ctx, 'system')! } : {}),
        ...(str(ctx, 'query') ? { query: str(ctx, 'query')! } : {}),
        ...(str(ctx, 'extracted-by') ? { extractedBy: str(ctx, 'extracted-by')! } : {}),
        ...(str(ctx, 'extracted-at') ? { extractedAt: str(ctx, 'extracted-at')! } : {}),
      };
      if (str(ctx, 'engagement') && !str(ctx, 'client')) throw tickmarkError('TM_ERR_USAGE', { message: '--engagement needs --client (the lead sheet names both)' });
      mkdirSync(dirname(out), { recursive: true });
      const { pull } = await import('../../operations/pull.js'); // loaded once the population is in: an ingest's workers start sooner
      const result = await pull(store, {
        populationId: population.id,
        period,
        ...(str(ctx, 'tz') ? { timeZone: str(ctx, 'tz')! } : {}),
        sample,
        ...(completeness.params || completeness.otherPopulationId ? { completeness } : {}),
        tests: {
          ...(rulesFile && rulesFile !== 'builtin' ? { rules: readJsonFile(rulesFile, '--rules') } : {}),
          ...(list(ctx, 'param').length ? { params: list(ctx, 'param') } : {}),
          ...(holidays ? { holidays } : {}),
          ...(Object.keys(joins).length ? { joins } : {}),
        },
        workbook: {
          control,
          workpaper: workpaperFromFlags(ctx),
          ...(str(ctx, 'client') ? { engagement: { client: str(ctx, 'client')!, name: str(ctx, 'engagement') ?? '' } } : {}),
          ...(Object.keys(extraction).length ? { extraction } : {}),
          ...(str(ctx, 'preparer') ? { preparer: str(ctx, 'preparer')! } : {}),
          ...(flag(ctx, 'include-population') ? { includePopulation: true } : {}),
        },
        output: out,
      }, opts);
      if (flag(ctx, 'json')) printJson(ctx, summaryOf(result));
      else {
        const { completeness: { report }, sample: s, tests, evaluation } = result;
        ctx.io.out([
          `workbook ${out}`,
          `  population ${population.id}: ${grouped(population.rows.total)} rows, sha256 ${population.source.sha256}`,
          `  completeness ${report.status.toUpperCase()}: ${report.checks.filter((c) => c.status !== 'pass' && c.status !== 'not_run').map((c) => `${c.id} ${c.status}`).join(', ') || 'every check that ran passed'}`,
          `  sample ${s.id}: ${s.selection.items.length} of ${grouped(s.manifest.eligible)} (${s.manifest.method}, seed ${s.manifest.seed}), selection sha256 ${s.manifest.selectionSha256}`,
          `  tests ${tests.id}: ${tests.run.overall.deviations} item(s) with exceptions, ${tests.run.findings.length} finding(s)${tests.run.attributes.some((a) => a.mode === 'manual') ? '; manual attributes left to tick in the workbook' : ''}`,
          `  conclusion: ${evaluation.conclusion.sentence}`,
          ...result.warnings.map((w) => `  warning: ${w}`),
        ].join('\n'));
      }
      return exit.ok;
    } finally {
      store.close();
    }
  },
};
