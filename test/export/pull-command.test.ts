/**
 * `tickmark pull FILE …`: the flags that describe the control reach the workbook, as `export`'s do.
 * (`--frequency` is also a planning flag of pull: the firm's frequency table sizes the sample.)
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { pullCommand } from '../../src/cli/commands/pull.js';
import { exportCommand } from '../../src/cli/commands/export.js';
import type { CommandContext } from '../../src/cli/command.js';
import { tempDir } from '../helpers/tmp.js';
import { CHANGES, PERIOD } from './fixture.js';
import { summarizeWorkbook } from './summarize.js';

describe('tickmark pull', () => {
  it('accepts every control flag export accepts and writes them on the Lead sheet', async () => {
    for (const flag of ['control-id', 'control', 'tsc', 'frequency', 'procedure', 'client', 'engagement', 'preparer', 'system', 'query', 'extracted-by', 'extracted-at', 'include-population']) {
      expect(Object.keys(pullCommand.options), flag).toContain(flag);
      expect(Object.keys(exportCommand.options), flag).toContain(flag);
    }
    const dir = tempDir('tickmark-pull-');
    const out = join(dir, 'pull.xlsx');
    const args = [CHANGES, '--kind', 'change', '--period', PERIOD, '--seed', '7', '--size', '5', '--workers', '0', '--data-dir', join(dir, 'data'),
      '--procedure', 'Inspect the approval ticket', '--system', 'ServiceNow change module', '-o', out];
    const { values, positionals } = parseArgs({ args, options: pullCommand.options, allowPositionals: true, strict: true });
    const io = { out: () => undefined, err: () => undefined, isTTY: false };
    expect(await pullCommand.run({ values: values as CommandContext['values'], positionals, io })).toBe(0);
    const { sheets } = await summarizeWorkbook(out);
    expect(JSON.stringify(sheets.find((s) => s.name === 'Lead'))).toContain('Inspect the approval ticket');
    expect(JSON.stringify(sheets.find((s) => s.name === 'Population'))).toContain('ServiceNow change module');
  });
});
