/** `tickmark test POPULATION|FILE (--sample ID|MANIFEST | --all)`: attribute tests and findings. */
import { existsSync } from 'node:fs';
import { tickmarkError } from '../../errors.js';
import type { JoinOptions } from '../../operations/joins.js';
import type { TestRunRecord } from '../../operations/test.js';
import { readMapFile } from '../../ingest/mapping/map-file.js';
import { flag, list, printJson, readJsonFile, str } from '../args.js';
import { exit, type Command, type CommandContext } from '../command.js';
import { ingestFlags, resolvePopulation, startIngestWorkers, storeFor, workersFlag } from '../population-arg.js';
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
    ...(t.joins ? { joins: t.joins } : {}),
  };
}

/** `name=VALUE` join options → name → value; a bare VALUE is for the one join (`accounts`). */
export function joinArgs(values: readonly string[], option: string, bare?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    const name = eq > 0 ? v.slice(0, eq) : bare;
    const value = eq > 0 ? v.slice(eq + 1) : v;
    if (!name || !value || !/^[a-z_]+$/.test(name)) throw tickmarkError('TM_ERR_INVALID_OPTION', { option, expected: 'must be name=VALUE (e.g. accounts=accounts.csv)', got: v });
    out[name] = value;
  }
  return out;
}

/** The join files' own ingest options: --join-map, --join-source, and the zone of --tz. */
export function joinOptions(ctx: CommandContext): JoinOptions {
  const maps = joinArgs(list(ctx, 'join-map'), '--join-map', 'accounts');
  const sources = joinArgs(list(ctx, 'join-source'), '--join-source', 'accounts');
  const map: NonNullable<JoinOptions['map']> = {};
  for (const [name, file] of Object.entries(maps)) {
    const read = readMapFile(readJsonFile(file, '--join-map'));
    map[name] = read.map;
    if (read.source && !sources[name]) sources[name] = read.source;
  }
  const workers = workersFlag(ctx);
  return {
    ...(Object.keys(map).length ? { map } : {}),
    ...(Object.keys(sources).length ? { source: sources } : {}),
    ...(str(ctx, 'tz') ? { timeZone: str(ctx, 'tz')! } : {}),
    ...(workers !== undefined ? { workers } : {}),
  };
}

function renderJoins(t: TestRunRecord): string[] {
  return Object.entries(t.joins ?? {}).map(([name, j]) => {
    const matched = Object.entries(j.matched).map(([k, n]) => `${n} on ${k}`).join(', ') || 'none';
    return `  join ${name}: population ${j.populationId} (${j.kind}); matched ${matched}; ${j.unmatched} not found${j.orphans.length ? ` (${j.orphans.slice(0, 5).join(', ')}${j.unmatched > 5 ? ', …' : ''})` : ''}`;
  });
}

export function renderTestRun(t: TestRunRecord): string {
  const lines = [`test run ${t.id}: ${t.run.scope === 'sample' ? `sample ${t.sampleId}` : 'whole population (100%)'}, ${grouped(t.run.overall.items)} item(s), ${grouped(t.run.overall.deviations)} with a deviation`, ...renderJoins(t)];
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
  usage: 'tickmark test POPULATION|FILE [--kind KIND] (--sample SAMPLE_ID|MANIFEST.json | --all) [--rules builtin|F.json] [--param name=value …] [--holidays F] [--period A..B] [--join accounts=FILE|POPULATION_ID [--join-map F] [--join-source ID]] [--json]',
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
    'join-map': { type: 'string', multiple: true },
    'join-source': { type: 'string', multiple: true },
    confidence: { type: 'string' },
    tolerable: { type: 'string' },
  },
  prepare: startIngestWorkers,
  async run(ctx) {
    const [{ resolveJoins }, { runTests }] = await Promise.all([import('../../operations/joins.js'), import('../../operations/test.js')]);
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
      const joins = await resolveJoins(store, joinArgs(list(ctx, 'join'), '--join'), joinOptions(ctx));
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
