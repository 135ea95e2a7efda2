/**
 * `tickmark prune [ID…] [--older-than DAYS] [--force] [--apply]`: what could go from the data
 * directory — populations with their sources, chunks and reports; samples, test runs, results and
 * pulls — and what stays because a kept record refers to it. Prints the plan and deletes nothing
 * unless `--apply`; `--force` takes the records that refer to what is pruned along.
 */
import { tickmarkError } from '../../errors.js';
import { prune, type PrunePlan } from '../../operations/prune.js';
import { grouped } from '../../text/grouped.js';
import { flag, printJson, str } from '../args.js';
import { exit, type Command } from '../command.js';
import { storeFor } from '../population-arg.js';

/** `--older-than 90` or `90d`: whole days. */
function days(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)d?$/.exec(value.trim());
  if (!m) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--older-than', expected: 'must be a whole number of days (90 or 90d)', got: value });
  return Number(m[1]);
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${grouped(Math.ceil(bytes / 1024))} KB`;
}

export function renderPrune(plan: PrunePlan): string {
  const lines = [plan.applied ? 'pruned:' : 'prune — dry run, nothing deleted (--apply deletes):'];
  lines.push(`  populations ${plan.populations.length}${plan.populations.length ? ` (${megabytes(plan.bytes)} of sources and chunks)` : ''}`);
  for (const p of plan.populations) lines.push(`    ${p.id}  ${p.kind}  ${p.file}  ${grouped(p.rows)} rows  ${p.createdAt}`);
  lines.push(`  records     ${plan.records.length}`);
  for (const r of plan.records) lines.push(`    ${r.id}  ${r.type}  of ${r.populationId}  ${r.createdAt}`);
  if (plan.kept.length) {
    lines.push(`  kept        ${plan.kept.length} (--force takes what refers to them along)`);
    for (const k of plan.kept) lines.push(`    ${k.id}  ${k.type}: ${k.reason}`);
  }
  return lines.join('\n');
}

export const pruneCommand: Command = {
  name: 'prune',
  summary: 'Remove stored populations (sources, chunks, reports) and records by id or age; a dry run unless --apply',
  usage: 'tickmark prune [ID…] [--older-than DAYS] [--force] [--apply] [--data-dir D] [--json]',
  options: { 'older-than': { type: 'string' }, force: { type: 'boolean' }, apply: { type: 'boolean' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx) {
    const olderThanDays = days(str(ctx, 'older-than'));
    if (!ctx.positionals.length && olderThanDays === undefined) {
      throw tickmarkError('TM_ERR_USAGE', { message: 'name what to prune: ids (tickmark ls lists them) or --older-than DAYS' });
    }
    const store = storeFor(ctx);
    try {
      const plan = prune(store, { ids: ctx.positionals, olderThanDays, force: flag(ctx, 'force'), apply: flag(ctx, 'apply'), actor: 'cli' });
      if (flag(ctx, 'json')) printJson(ctx, plan);
      else ctx.io.out(renderPrune(plan));
      return exit.ok;
    } finally {
      store.close();
    }
  },
};
