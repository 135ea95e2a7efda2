/**
 * `tickmark ls [populations|samples|runs|reports|results|pulls|log]`: what the data directory
 * holds, newest last, with the ids the other commands take. `tickmark show ID` prints one of them.
 */
import { tickmarkError } from '../../errors.js';
import type { CompletenessReport } from '../../completeness/types.js';
import type { SampleRecord } from '../../operations/sample.js';
import type { TestRunRecord } from '../../operations/test.js';
import type { Store } from '../../store/store.js';
import { grouped } from '../../text/grouped.js';
import { closestName } from '../../text/closest.js';
import { flag, int, printJson } from '../args.js';
import { exit, type Command } from '../command.js';
import { storeFor } from '../population-arg.js';

export const LISTS = ['populations', 'samples', 'runs', 'reports', 'results', 'pulls', 'log'] as const;
type List = (typeof LISTS)[number];

type Row = Record<string, string | number | null>;

function rows(store: Store, what: List, limit: number): Row[] {
  switch (what) {
    case 'populations':
      return store.listPopulations().map((p) => ({ id: p.id, kind: p.kind, file: p.source.name, rows: p.rows.total, sha256: p.source.sha256.slice(0, 12), created: p.createdAt }));
    case 'samples':
      return store.artefactsOfType<Omit<SampleRecord, 'id'>>('sample').map((a) => ({ id: a.id, population: a.populationId, seed: a.body.manifest.seed, method: a.body.manifest.method, items: a.body.manifest.selected, selectionSha256: a.body.manifest.selectionSha256.slice(0, 12), created: a.createdAt }));
    case 'runs':
      return store.artefactsOfType<Omit<TestRunRecord, 'id'>>('testrun').map((a) => ({ id: a.id, population: a.populationId, sample: a.body.sampleId, items: a.body.run.overall.items, deviations: a.body.run.overall.deviations, created: a.createdAt }));
    case 'reports':
      return store.artefactsOfType<CompletenessReport>('completeness').map((a) => ({ id: a.id, population: a.populationId, period: `${a.body.period.start}..${a.body.period.end}`, status: a.body.status, created: a.createdAt }));
    case 'results':
      return store.artefactsOfType<{ testRunId: string; version: number; by: string }>('results').map((a) => ({ id: a.id, run: a.body.testRunId, version: a.body.version, by: a.body.by, created: a.createdAt }));
    case 'pulls':
      return store.artefactsOfType<{ sampleId: string; testRunId: string; conclusion: string }>('pull').map((a) => ({ id: a.id, population: a.populationId, sample: a.body.sampleId, run: a.body.testRunId, created: a.createdAt }));
    case 'log':
      return store.auditLog(limit).reverse().map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, target: e.target }));
  }
}

function table(list: Row[]): string {
  if (!list.length) return '(none)';
  const columns = Object.keys(list[0]!);
  const text = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? grouped(v) : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...list.map((r) => text(r[c]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns), ...list.map((r) => line(columns.map((c) => text(r[c]))))].join('\n');
}

export const lsCommand: Command = {
  name: 'ls',
  summary: 'List what the data directory holds: populations, samples, test runs, reports, results, pulls, or the audit log',
  usage: `tickmark ls [${LISTS.join('|')}] [--limit N] [--json]`,
  options: { limit: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx) {
    const asked = ctx.positionals[0] ?? 'populations';
    if (!(LISTS as readonly string[]).includes(asked)) {
      const near = closestName(asked, LISTS);
      throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'list', expected: `must be one of ${LISTS.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`, got: asked });
    }
    const limit = int(ctx, 'limit', { min: 1 }) ?? 100;
    const store = storeFor(ctx);
    try {
      const list = rows(store, asked as List, limit).slice(-limit);
      if (flag(ctx, 'json')) printJson(ctx, { [asked]: list });
      else ctx.io.out(table(list));
      return exit.ok;
    } finally {
      store.close();
    }
  },
};

export const showCommand: Command = {
  name: 'show',
  summary: 'Show one stored population, sample, test run, report, results version or pull by its id',
  usage: 'tickmark show ID [--json]',
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx) {
    const id = ctx.positionals[0];
    if (!id) throw tickmarkError('TM_ERR_USAGE', { message: 'name the id to show (tickmark ls lists them)' });
    const store = storeFor(ctx);
    try {
      const population = id.startsWith('pop_') ? store.population(id) : undefined;
      const artefact = population ? undefined : store.artefact<unknown>(id);
      if (!population && !artefact) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'population or artefact', id });
      const value = population ? { type: 'population', ...population } : { ...artefact!, body: artefact!.body };
      ctx.io.out(JSON.stringify(value, null, 2));
      return exit.ok;
    } finally {
      store.close();
    }
  },
};
