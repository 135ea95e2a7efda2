/**
 * `tickmark verify POPULATION --manifest F`: re-perform a selection from its manifest; or
 * `tickmark verify OUT.xlsx FILE`: re-perform a workbook (operations/verify-workbook.ts) and print
 * it — a population other than the workbook's is said on the first line; then the selection, every
 * cell tickmark wrote (each difference as Sheet!Cell, what tickmark wrote, what is there now),
 * the team's entries, the automated tests; last line `identical` or `DIFFERENT`. Exit 0
 * identical, 1 different.
 */
import { tickmarkError } from '../../errors.js';
import { differenceText } from '../../export/workbook/compare.js';
import { verifySample } from '../../operations/sample.js';
import type { WorkbookVerification } from '../../operations/verify-workbook.js';
import { flag, int, printJson, readJsonFile, str } from '../args.js';
import { exit, type Command } from '../command.js';
import { ingestFlags, resolvePopulation, storeFor } from '../population-arg.js';

/** Lines listed per kind before "… and N more". */
const SHOWN = 50;

function listed<T>(lines: string[], items: readonly T[], text: (item: T) => string): void {
  for (const item of items.slice(0, SHOWN)) lines.push(`  - ${text(item)}`);
  if (items.length > SHOWN) lines.push(`  … and ${items.length - SHOWN} more (--json lists them all)`);
}

/** The verification in words: first line the population when it differs, last line `identical` or `DIFFERENT`. */
export function verificationText(r: WorkbookVerification): string {
  const lines: string[] = [];
  const p = r.population;
  if (!p.identical) lines.push(`population differs: sha256 ${p.workbook.sha256} (${p.workbook.rows} rows) vs ${p.file.sha256} (${p.file.rows} rows)`);
  lines.push(r.selection.identical ? `selection: identical (sha256 ${r.selection.recomputedSha256})` : 'selection: DIFFERENT');
  for (const d of r.selection.differences) lines.push(`  - ${d}`);
  const w = r.workbook;
  lines.push(w.identical ? 'workbook: every cell tickmark wrote is as it wrote it' : `workbook: DIFFERENT — ${w.differences.length} cell(s) tickmark wrote changed`);
  listed(lines, w.differences, differenceText);
  for (const n of w.notes) lines.push(`  note: ${n}`);
  if (w.entries.length) {
    lines.push(`entries by the team: ${w.entries.length} cell(s)`);
    listed(lines, w.entries, (e) => `${e.sheet}!${e.cell} ${e.entry}: ${JSON.stringify(e.value)}`);
  } else lines.push('entries by the team: none');
  for (const pr of w.problems) lines.push(`  ! ${pr.sheet}!${pr.cell}: ${JSON.stringify(pr.value)} cannot be read, expected ${pr.expected}`);
  if (r.tests) {
    if (r.tests.status === 'not_rerun') lines.push(`tests: not re-run: ${r.tests.reason}`);
    else lines.push(r.tests.status === 'identical' ? `tests: identical (${r.tests.compared} automated results)` : 'tests: DIFFERENT');
    for (const d of r.tests.differences) lines.push(`  - ${d}`);
  } else lines.push('tests: none in the workbook');
  if (r.engineVersion.workbook !== r.engineVersion.running) lines.push(`note: the workbook was written by tickmark ${r.engineVersion.workbook}; this is ${r.engineVersion.running}`);
  lines.push(r.identical ? 'identical' : 'DIFFERENT');
  return lines.join('\n');
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Re-derive a sample from the population and its manifest (or workbook): identical, or each difference',
  usage: 'tickmark verify FILE|POPULATION_ID --manifest F [--kind KIND] [--json]   |   tickmark verify OUT.xlsx FILE [--json]',
  options: { ...ingestFlags, manifest: { type: 'string' } },
  async run(ctx) {
    const [first, second] = ctx.positionals;
    if (first && /\.xlsx$/i.test(first) && second) {
      const { verifyWorkbook } = await import('../../operations/verify-workbook.js');
      const workers = int(ctx, 'workers', { min: 0, max: 64 });
      const store = storeFor(ctx);
      try {
        const result = await verifyWorkbook(store, first, second, workers !== undefined ? { workers } : {});
        if (flag(ctx, 'json')) printJson(ctx, result);
        else ctx.io.out(verificationText(result));
        return result.identical ? exit.ok : exit.findings;
      } finally {
        store.close();
      }
    }
    const manifestPath = str(ctx, 'manifest');
    if (!manifestPath) throw tickmarkError('TM_ERR_USAGE', { message: 'give --manifest F (the JSON from `tickmark sample --json` or its manifest), or a workbook and the population file' });
    const raw = readJsonFile(manifestPath, '--manifest') as { manifest?: unknown };
    const manifest = raw && typeof raw === 'object' && 'manifest' in raw ? raw.manifest : raw;
    const store = storeFor(ctx);
    try {
      if (!ctx.values.kind) ctx.values.kind = (manifest as { design?: { kind?: string } })?.design?.kind ?? undefined;
      const { population } = await resolvePopulation(ctx, store, first);
      const result = await verifySample(store, population.id, manifest);
      if (flag(ctx, 'json')) printJson(ctx, result);
      else ctx.io.out(result.identical ? `identical: selection sha256 ${result.recomputedSha256}` : ['DIFFERENT:', ...result.differences.map((d) => `  - ${d}`)].join('\n'));
      return result.identical ? exit.ok : exit.findings;
    } finally {
      store.close();
    }
  },
};
