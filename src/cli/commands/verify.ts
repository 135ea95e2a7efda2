/** `tickmark verify POPULATION --manifest F` (or a workbook): re-perform the selection. */
import { tickmarkError } from '../../errors.js';
import { verifySample } from '../../operations/sample.js';
import { flag, printJson, readJsonFile, str } from '../args.js';
import { exit, type Command } from '../command.js';
import { ingestFlags, resolvePopulation, storeFor } from '../population-arg.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Re-derive a sample from the population and its manifest (or workbook): identical, or each difference',
  usage: 'tickmark verify FILE|POPULATION_ID --manifest F [--kind KIND] [--json]   |   tickmark verify OUT.xlsx FILE',
  options: { ...ingestFlags, manifest: { type: 'string' } },
  async run(ctx) {
    const [first, second] = ctx.positionals;
    if (first && /\.xlsx$/i.test(first) && second && /\.parquet$/i.test(second)) {
      // A population read in place (SQL): pulled again where it lies, compared the same way.
      const [{ verifySqlWorkbook }, { verificationText }] = await Promise.all([import('../../operations/sql-verify.js'), import('../../export/verify-workbook.js')]);
      const result = await verifySqlWorkbook(first, second);
      ctx.io.out(flag(ctx, 'json') ? JSON.stringify(result, null, 2) : verificationText(result));
      return result.identical ? exit.ok : exit.findings;
    }
    if (first && /\.xlsx$/i.test(first) && second) {
      const { verifyWorkbook } = await import('../../export/verify-workbook.js');
      return verifyWorkbook(ctx, first, second);
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
