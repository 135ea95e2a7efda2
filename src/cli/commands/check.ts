/** `tickmark check FILE|POPULATION_ID --period A..B`: completeness & accuracy across the period. */
import { readFileSync } from 'node:fs';
import type { CompletenessParams } from '../../completeness/index.js';
import { tickmarkError } from '../../errors.js';
import { flag, int, list, printJson, requireStr, str } from '../args.js';
import { exit, type Command, type CommandContext } from '../command.js';
import { ingestFlags, ingestOptions, resolvePopulation, startIngestWorkers, storeFor, workersFlag } from '../population-arg.js';
import { progressBar } from '../progress.js';
import type { Store } from '../../store/store.js';

export function parseExpectSum(text: string): { field: string; amount: string } {
  const eq = text.indexOf('=');
  const field = text.slice(0, eq).trim();
  const amount = text.slice(eq + 1).trim();
  if (eq <= 0 || !/^-?\d+(\.\d+)?$/.test(amount)) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--expect-sum', expected: 'must be FIELD=AMOUNT (e.g. amount=1234.56)', got: text });
  return { field, amount };
}

export function readHolidays(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw tickmarkError('TM_ERR_FILE_NOT_FOUND', { path });
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as string[];
  return trimmed.split(/[\s,]+/).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
}

/** The completeness flags `check` and `pull` share: calendar, holidays, control totals, tie-out, required fields. */
export const completenessFlags = {
  calendar: { type: 'string' },
  holidays: { type: 'string' },
  'expect-count': { type: 'string' },
  'expect-sum': { type: 'string' },
  'tie-out': { type: 'string' },
  'other-kind': { type: 'string' },
  'sequence-restart': { type: 'string' },
  required: { type: 'string', multiple: true },
} as const;

/**
 * The completeness parameters the flags give; a `--tie-out FILE:theirKey=ourKey` file is
 * ingested (as `--other-kind`, generic by default) and named as the second population.
 */
export async function completenessFromFlags(ctx: CommandContext, store: Store): Promise<{ params?: CompletenessParams; otherPopulationId?: string }> {
  const params = completenessParamsFromFlags(ctx).params ?? {};
  let otherPopulationId: string | undefined;
  const tie = str(ctx, 'tie-out');
  if (tie) {
    const m = /^(.*):([^:=]+)=([^:=]+)$/.exec(tie);
    if (!m) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--tie-out', expected: 'must be FILE:theirKey=ourKey', got: tie });
    const otherKind = str(ctx, 'other-kind') ?? 'generic';
    // The other file is read on its own: the tested file's map, profile and multi-value cells are not its.
    const { map: _map, source: _source, multiValue: _multiValue, ...base } = ingestOptions(ctx);
    const { ingestFile } = await import('../../ingest/ingest.js');
    const other = await ingestFile(store, m[1]!, { ...base, kind: otherKind, ...(otherKind === 'generic' ? { key: [m[2]!] } : {}) });
    otherPopulationId = other.population.id;
    params.tieOut = { theirKey: otherKind === 'generic' ? 'key' : m[2]!, ourKey: m[3]! };
  }
  return { ...(Object.keys(params).length ? { params } : {}), ...(otherPopulationId ? { otherPopulationId } : {}) };
}

/** The completeness parameters of the flags that need no file read. */
export function completenessParamsFromFlags(ctx: CommandContext): { params?: CompletenessParams } {
  const params: CompletenessParams = {};
  const calendar = str(ctx, 'calendar');
  if (calendar) {
    if (calendar !== 'business' && calendar !== 'all') throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--calendar', expected: 'must be business or all', got: calendar });
    params.calendar = calendar;
  }
  if (str(ctx, 'holidays')) params.holidays = readHolidays(str(ctx, 'holidays')!);
  const expectCount = int(ctx, 'expect-count');
  if (expectCount !== undefined) params.expectCount = expectCount;
  if (str(ctx, 'expect-sum')) params.expectSum = parseExpectSum(str(ctx, 'expect-sum')!);
  const restart = str(ctx, 'sequence-restart');
  if (restart) {
    if (restart !== 'none' && restart !== 'yearly') throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--sequence-restart', expected: 'must be none or yearly', got: restart });
    params.sequenceRestart = restart;
  }
  if (list(ctx, 'required').length) params.requiredFields = list(ctx, 'required');
  return Object.keys(params).length ? { params } : {};
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'Completeness & accuracy of a population across the audit period (exit 1 when a check fails)',
  usage: 'tickmark check FILE|POPULATION_ID --kind KIND --period 2025-01-01..2025-12-31 [--tz Z] [--calendar business|all] [--holidays F] [--expect-count N] [--expect-sum FIELD=AMOUNT] [--tie-out FILE:theirKey=ourKey] [--other-kind KIND] [--recompute] [--json]',
  options: {
    ...ingestFlags,
    period: { type: 'string' },
    ...completenessFlags,
    recompute: { type: 'boolean' },
  },
  prepare: startIngestWorkers,
  async run(ctx) {
    const [{ renderReportText }, { checkCompleteness }] = await Promise.all([import('../../completeness/index.js'), import('../../operations/completeness.js')]);
    const store = storeFor(ctx);
    try {
      const period = requireStr(ctx, 'period');
      const { population } = await resolvePopulation(ctx, store, ctx.positionals[0]);
      const { params, otherPopulationId } = await completenessFromFlags(ctx, store);
      const bar = progressBar(ctx.io, 'check', population.rows.accepted);
      const { id, report } = await checkCompleteness(store, population.id, {
        period, ...(str(ctx, 'tz') ? { timeZone: str(ctx, 'tz')! } : {}), ...(params ? { params } : {}), ...(otherPopulationId ? { otherPopulationId } : {}),
      }, { ...(workersFlag(ctx) !== undefined ? { workers: workersFlag(ctx)! } : {}), reuse: !flag(ctx, 'recompute'), onProgress: (p) => bar.update(p.rows) });
      bar.done();
      if (flag(ctx, 'json')) printJson(ctx, { id, ...report });
      else ctx.io.out(renderReportText(report));
      return report.status === 'fail' ? exit.findings : exit.ok;
    } finally {
      store.close();
    }
  },
};
