/**
 * `tickmark export SAMPLE_ID|TESTRUN_ID --format xlsx|csv|json -o OUT`: write a stored sample (or
 * test run) as the auditor-ready workbook, a CSV or JSON. The control, engagement and extraction
 * details are flags; defaults come from the population kind.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, extname } from 'node:path';
import { tickmarkError } from '../../errors.js';
import { exportSample, EXPORT_FORMATS, type ExportFormat } from '../../export/export-sample.js';
import { workbookInputFor } from '../../operations/workbook-input.js';
import { writeWorkbook } from '../../export/workbook/write.js';
import { flag, requireStr, str } from '../args.js';
import { exit, type Command, type CommandContext } from '../command.js';
import { storeFor } from '../population-arg.js';
import { WORKBOOK_FLAGS_USAGE, workbookFlags } from '../workbook-flags.js';

/** The format asked for, or implied by the -o extension; a format that contradicts the extension is refused. */
function formatOf(ctx: CommandContext, out: string): ExportFormat {
  const extension = out === '-' ? '' : extname(out).slice(1).toLowerCase();
  const given = str(ctx, 'format') ?? extension;
  if (!(EXPORT_FORMATS as readonly string[]).includes(given)) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--format', expected: `must be one of ${EXPORT_FORMATS.join(', ')} (or implied by the -o extension)`, got: given || '(none)' });
  }
  if (extension && (EXPORT_FORMATS as readonly string[]).includes(extension) && extension !== given) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '-o', expected: `must end in .${given} for --format ${given}`, got: out });
  }
  if (out === '-' && given === 'xlsx') throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '-o', expected: 'must name a file for an xlsx workbook (- writes csv or json to standard output)', got: out });
  return given as ExportFormat;
}

function given<T extends Record<string, string | undefined>>(fields: T): Partial<Record<keyof T, string>> | undefined {
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined && v !== '');
  return entries.length ? (Object.fromEntries(entries) as Partial<Record<keyof T, string>>) : undefined;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Write a stored sample or test run as the auditor-ready workbook (xlsx), CSV or JSON',
  usage: `tickmark export SAMPLE_ID|TESTRUN_ID --format xlsx|csv|json -o OUT ${WORKBOOK_FLAGS_USAGE} [--period A..B] [--tz ZONE] [--data-dir D]`,
  options: {
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    ...workbookFlags,
    period: { type: 'string' },
    tz: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(ctx) {
    const id = ctx.positionals[0];
    if (!id) throw tickmarkError('TM_ERR_USAGE', { message: 'name a stored sample or test run id' });
    const out = requireStr(ctx, 'output');
    const format = formatOf(ctx, out);
    const client = str(ctx, 'client');
    const engagementName = str(ctx, 'engagement');
    if ((client === undefined) !== (engagementName === undefined)) throw tickmarkError('TM_ERR_USAGE', { message: 'give --client and --engagement together' });
    const control = given({ id: str(ctx, 'control-id'), description: str(ctx, 'control'), tsc: str(ctx, 'tsc'), frequency: str(ctx, 'frequency'), procedure: str(ctx, 'procedure') });
    const extraction = given({ system: str(ctx, 'system'), query: str(ctx, 'query'), extractedBy: str(ctx, 'extracted-by'), extractedAt: str(ctx, 'extracted-at') });
    const store = storeFor(ctx);
    try {
      const input = await workbookInputFor(store, {
        id,
        ...(control ? { control } : {}),
        ...(client && engagementName ? { engagement: { client, name: engagementName } } : {}),
        ...(extraction ? { extraction } : {}),
        ...(str(ctx, 'preparer') ? { preparer: str(ctx, 'preparer')! } : {}),
        ...(str(ctx, 'period') ? { period: str(ctx, 'period')! } : {}),
        ...(str(ctx, 'tz') ? { timeZone: str(ctx, 'tz')! } : {}),
        includePopulation: flag(ctx, 'include-population') && format === 'xlsx',
      });
      if (out === '-') {
        ctx.io.out((await exportSample(format, input)).body.toString('utf8'));
        return exit.ok;
      }
      mkdirSync(dirname(out) || '.', { recursive: true });
      if (format === 'xlsx') await writeWorkbook(input, out);
      else {
        const exported = await exportSample(format, input);
        const temp = `${out}.tmp-${randomBytes(6).toString('hex')}`;
        writeFileSync(temp, exported.body);
        renameSync(temp, out);
      }
      store.log({ actor: 'cli', action: 'sample.export', target: input.sample.id, params: { format, output: out, selectionSha256: input.sample.manifest.selectionSha256 } });
      const summary = { output: out, format, sampleId: input.sample.id, items: input.sample.manifest.selected, tested: !!input.tests, selectionSha256: input.sample.manifest.selectionSha256 };
      if (flag(ctx, 'json')) ctx.io.out(JSON.stringify(summary, null, 2));
      else ctx.io.out(`wrote ${out} (${format}, ${summary.items} items${summary.tested ? ', with test results' : ''}; selection sha256 ${summary.selectionSha256})`);
      return exit.ok;
    } finally {
      store.close();
    }
  },
};
