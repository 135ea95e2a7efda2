/** `tickmark test POPULATION|FILE (--sample ID|MANIFEST | --all)`: attribute tests and findings. */
import { existsSync } from 'node:fs';
import { tickmarkError } from '../../errors.js';
import { runTests, type TestRunRecord } from '../../operations/test.js';
import { flag, list, printJson, readJsonFile, str } from '../args.js';
import { exit, type Command } from '../command.js';
import { ingestFlags, ingestOptions, resolvePopulation, storeFor, workersFlag } from '../population-arg.js';
import { readHolidays } from './check.js';
import { grouped } from '../../text/grouped.js';

export function testRunJson(t: TestRunRecord) {
  return {
    id: t.id,
    populationId: t.populationId,
    sampleId: t.sampleId,
    scope: t.run.scope,
    attributes: t.run.attributes,
    overall: t.run.overall,
    findings: t.run.findings,
    items: t.run.items ?? [],
    evaluation: t.evaluation,
  };
}

export function renderTestRun(t: TestRunRecord): string {
  const lines = [`test run ${t.id}: ${t.run.scope === 'sample' ? `sample ${t.sampleId}` : 'whole population (100%)'}, ${grouped(t.run.overall.items)} item(s), ${grouped(t.run.overall.deviations)} with a deviation`];
  for (const a of t.run.attributes) {
    lines.push(`  ${a.label.padEnd(52)} ${a.mode === 'manual' ? `manual (${a.manual} to inspect)` : `${a.deviations} deviation(s) in ${a.tested} tested, ${a.notApplicable} n/a`}`);
  }
  for (const f of t.run.findings.slice(0, 20)) lines.push(`  X ${f.key ?? '(missing)'} [${f.attribute}] ${f.message}`);
  if (t.run.findings.length > 20) lines.push(`  … ${t.run.findings.length - 20} more findings (--json lists them all)`);
  if (t.evaluation) lines.push(`  evaluation: ${t.evaluation.conclusion.sentence}`);
  return lines.join('\n');
}

export const testCommand: Command = {
  name: 'test',
  summary: 'Test a sample or the whole population against the control attributes (exit 1 when there are findings)',
  usage: 'tickmark test POPULATION|FILE --kind KIND (--sample SAMPLE_ID|MANIFEST.json | --all) [--rules builtin|F.json] [--param name=value …] [--holidays F] [--period A..B] [--join accounts=FILE] [--json]',
  options: {
    ...ingestFlags,
    sample: { type: 'string' },
    all: { type: 'boolean' },
    rules: { type: 'string' },
    'no-builtin': { type: 'boolean' },
    param: { type: 'string', multiple: true },
    holidays: { type: 'string' },
    period: { type: 'string' },
    join: { type: 'string', multiple: true },
    confidence: { type: 'string' },
    tolerable: { type: 'string' },
  },
  async run(ctx) {
    const store = storeFor(ctx);
    try {
      const { population } = await resolvePopulation(ctx, store, ctx.positionals[0]);
      let sampleId = str(ctx, 'sample');
      if (sampleId && existsSync(sampleId)) {
        const raw = readJsonFile(sampleId, '--sample') as { id?: string };
        if (!raw?.id) throw tickmarkError('TM_ERR_MANIFEST', { reason: 'the file has no sample id; pass the JSON printed by `tickmark sample --json`' });
        sampleId = raw.id;
      }
      const rulesArg = str(ctx, 'rules');
      const joins: Record<string, string> = {};
      for (const j of list(ctx, 'join')) {
        const [name, file] = j.split('=');
        if (!name || !file) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--join', expected: 'must be name=FILE (e.g. accounts=accounts.csv)', got: j });
        const { ingestFile } = await import('../../ingest/ingest.js');
        const kind = name === 'accounts' ? 'termination' : name === 'deployments' ? 'change' : 'generic';
        joins[name] = (await ingestFile(store, file, { ...ingestOptions(ctx), kind })).population.id;
      }
      const confidence = str(ctx, 'confidence');
      const tolerable = str(ctx, 'tolerable');
      const workers = workersFlag(ctx);
      const run = await runTests(store, population.id, {
        ...(sampleId ? { sampleId } : {}),
        ...(flag(ctx, 'all') ? { all: true } : {}),
        ...(rulesArg && rulesArg !== 'builtin' ? { rules: readJsonFile(rulesArg, '--rules') } : {}),
        ...(flag(ctx, 'no-builtin') ? { builtins: false } : {}),
        ...(list(ctx, 'param').length ? { params: list(ctx, 'param') } : {}),
        ...(str(ctx, 'holidays') ? { holidays: readHolidays(str(ctx, 'holidays')!) } : {}),
        ...(str(ctx, 'period') ? { period: str(ctx, 'period')! } : {}),
        ...(str(ctx, 'tz') ? { timeZone: str(ctx, 'tz')! } : {}),
        ...(Object.keys(joins).length ? { joins } : {}),
        ...(confidence && tolerable ? { evaluation: { confidence, tolerable } } : {}),
      }, workers !== undefined ? { workers } : {});
      if (flag(ctx, 'json')) printJson(ctx, testRunJson(run));
      else ctx.io.out(renderTestRun(run));
      return run.run.findings.length ? exit.findings : exit.ok;
    } finally {
      store.close();
    }
  },
};
