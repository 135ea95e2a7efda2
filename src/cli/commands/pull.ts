/**
 * `tickmark pull FILE …`: the whole dry-run in one command — ingest → completeness → plan →
 * sample → test → evaluate → workbook. The README's main command.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { tickmarkError } from '../../errors.js';
import { loadSampledRows } from '../../export/sampled-rows.js';
import { preloadWorkbookWriter, writeWorkbook } from '../../export/workbook/write.js';
import { checkAndSample } from '../../operations/check-and-sample.js';
import { runTests } from '../../operations/test.js';
import { ENGINE_VERSION } from '../../version.js';
import { flag, list, printJson, readJsonFile, requireStr, str } from '../args.js';
import { exit, type Command } from '../command.js';
import { ingestFlags, ingestOptions, resolvePopulation, storeFor } from '../population-arg.js';
import { readHolidays } from './check.js';
import { sampleFlags, sampleRequestFromFlags } from './sample.js';
import { WORKBOOK_FLAGS_USAGE, workbookFlags } from '../workbook-flags.js';
import { grouped } from '../../text/grouped.js';

const TSC_BY_KIND: Record<string, string> = { change: 'CC8.1', access_grant: 'CC6.2', termination: 'CC6.2', access_review: 'CC6.3', ticket: 'CC7.4', vulnerability: 'CC7.1' };

export const pullCommand: Command = {
  name: 'pull',
  summary: 'The whole dry-run in one command: ingest, completeness, plan, sample, test, evaluate, workbook',
  usage: `tickmark pull FILE --kind KIND --period A..B --seed S (--size N | plan flags) [--method random|systematic|stratified] [--strata month|quarter] [--key-items EXPR] [--filter EXPR] [--rules F.json] [--param k=v …] [--holidays F] ${WORKBOOK_FLAGS_USAGE} -o OUT.xlsx [--recompute] [--json]`,
  options: {
    ...ingestFlags,
    ...sampleFlags,
    rules: { type: 'string' },
    param: { type: 'string', multiple: true },
    holidays: { type: 'string' },
    ...workbookFlags,
    output: { type: 'string', short: 'o' },
    recompute: { type: 'boolean' },
  },
  async run(ctx) {
    const out = resolve(requireStr(ctx, 'output'));
    if (!out.toLowerCase().endsWith('.xlsx')) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '-o', expected: 'must name an .xlsx file', got: out });
    const period = requireStr(ctx, 'period');
    const request = await sampleRequestFromFlags(ctx);
    const holidays = str(ctx, 'holidays') ? readHolidays(str(ctx, 'holidays')!) : undefined;
    const workers = ingestOptions(ctx).workers;
    const opts = { ...(workers !== undefined ? { workers } : {}), reuse: !flag(ctx, 'recompute') };
    const step = (text: string) => { if (ctx.io.isTTY) ctx.io.err(`• ${text}`); };
    const store = storeFor(ctx);
    try {
      step('ingest');
      const { population } = await resolvePopulation(ctx, store, ctx.positionals[0]);
      const timeZone = str(ctx, 'tz') ?? population.typing.timeZone;
      step(`completeness across ${period} and sample (one pass)`);
      preloadWorkbookWriter(); // while the scan's workers start
      const { completeness: { report }, sample } = await checkAndSample(store, population.id, { period, timeZone, ...(holidays ? { params: { holidays } } : {}) }, { ...request, period, timeZone }, opts);
      step(`test ${sample.selection.items.length} item(s)`);
      const rulesFile = str(ctx, 'rules');
      const tests = await runTests(store, population.id, {
        sampleId: sample.id,
        ...(rulesFile && rulesFile !== 'builtin' ? { rules: readJsonFile(rulesFile, '--rules') } : {}),
        ...(list(ctx, 'param').length ? { params: list(ctx, 'param') } : {}),
        ...(holidays ? { holidays } : {}),
        period,
        timeZone,
      }, opts);
      step('workbook');
      const sampledRows = await loadSampledRows(store, population, sample.selection.items.map((i) => i.record));
      const controlId = str(ctx, 'control-id') ?? `${TSC_BY_KIND[population.kind] ?? 'CTRL'}-01`;
      const extraction = {
        ...(str(ctx, 'system') ? { system: str(ctx, 'system')! } : {}),
        ...(str(ctx, 'query') ? { query: str(ctx, 'query')! } : {}),
        ...(str(ctx, 'extracted-by') ? { extractedBy: str(ctx, 'extracted-by')! } : {}),
        ...(str(ctx, 'extracted-at') ? { extractedAt: str(ctx, 'extracted-at')! } : {}),
      };
      mkdirSync(dirname(out), { recursive: true });
      await writeWorkbook({
        ...(str(ctx, 'client') ? { engagement: { client: str(ctx, 'client')!, name: str(ctx, 'engagement') ?? '' } } : {}),
        control: {
          id: controlId,
          description: str(ctx, 'control') ?? `${population.kind} control tested by tickmark`,
          ...(str(ctx, 'tsc') || TSC_BY_KIND[population.kind] ? { tsc: str(ctx, 'tsc') ?? TSC_BY_KIND[population.kind]! } : {}),
          ...(str(ctx, 'frequency') ? { frequency: str(ctx, 'frequency')! } : {}),
          ...(str(ctx, 'procedure') ? { procedure: str(ctx, 'procedure')! } : {}),
        },
        period: { start: report.period.start, end: report.period.end, timeZone: report.period.timeZone },
        population,
        ...(Object.keys(extraction).length ? { extraction } : {}),
        completeness: report,
        sample,
        sampledRows,
        tests: tests.run,
        testJob: tests.job,
        evaluation: tests.evaluation,
        ...(str(ctx, 'preparer') ? { preparer: str(ctx, 'preparer')! } : {}),
        engineVersion: ENGINE_VERSION,
        ...(flag(ctx, 'include-population') ? { populationData: (await import('../../store/read-chunks.js')).readChunks(store.populationDir(population.id), population) } : {}),
      }, out);
      store.log({ action: 'pull.workbook', target: sample.id, params: { workbook: out, testRun: tests.id, completeness: report.status } });
      const summary = {
        workbook: out,
        population: { id: population.id, sha256: population.source.sha256, rows: population.rows },
        completeness: { status: report.status, checks: report.checks.map((c) => ({ id: c.id, status: c.status, summary: c.summary })) },
        sample: { id: sample.id, n: sample.selection.items.length, eligible: sample.manifest.eligible, method: sample.manifest.method, seed: sample.manifest.seed, selectionSha256: sample.manifest.selectionSha256, rationale: sample.plan.rationale },
        tests: { id: tests.id, overall: tests.run.overall, attributes: tests.run.attributes.map((a) => ({ attribute: a.attribute, label: a.label, mode: a.mode, tested: a.tested, deviations: a.deviations })), findings: tests.run.findings },
        evaluation: tests.evaluation,
      };
      if (flag(ctx, 'json')) printJson(ctx, summary);
      else {
        ctx.io.out([
          `workbook ${out}`,
          `  population ${population.id}: ${grouped(population.rows.total)} rows, sha256 ${population.source.sha256}`,
          `  completeness ${report.status.toUpperCase()}: ${report.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id} ${c.status}`).join(', ') || 'every check passed'}`,
          `  sample ${sample.id}: ${sample.selection.items.length} of ${grouped(sample.manifest.eligible)} (${sample.manifest.method}, seed ${sample.manifest.seed}), selection sha256 ${sample.manifest.selectionSha256}`,
          `  tests: ${tests.run.overall.deviations} item(s) with exceptions, ${tests.run.findings.length} finding(s); manual attributes left to tick in the workbook`,
        ].join('\n'));
      }
      return exit.ok;
    } finally {
      store.close();
    }
  },
};
