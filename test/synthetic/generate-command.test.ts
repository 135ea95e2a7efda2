/**
 * `tickmark generate`: flags → file + manifest, a one-line summary (or the manifest as JSON), and
 * coded errors for bad flags.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CommandContext } from '../../src/cli/command.js';
import { generateCommand } from '../../src/cli/commands/generate.js';
import type { TickmarkError } from '../../src/errors.js';
import { sha256File, tempDir } from './helpers.js';

vi.setConfig({ testTimeout: 60_000 });
const dir = tempDir();
afterAll(() => dir.remove());

async function run(args: string[]) {
  const { values, positionals } = parseArgs({ args, options: generateCommand.options, allowPositionals: true, strict: true });
  let out = '';
  let err = '';
  const code = await generateCommand.run({ values: values as CommandContext['values'], positionals, io: { out: (t) => (out += t), err: (t) => (err += t), isTTY: false } });
  return { code, out, err };
}

describe('tickmark generate', () => {
  it('writes the file and its manifest and prints one summary line', async () => {
    const file = dir.path('c.csv');
    const r = await run(['--kind', 'change', '--rows', '2,000', '--seed', '7', '--period', '2025-01-01..2025-12-31', '--defects-default', '-o', file]);
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8'));
    expect(manifest.totals.dataRows).toBe(2000);
    expect(manifest.file.sha256).toBe(sha256File(file));
    expect(manifest.defects.deviations.selfApproval).toHaveLength(3);
    expect(r.out.split('\n')).toHaveLength(2);
    expect(r.out).toContain(`generated 2,000 change rows`);
    expect(r.out).toContain(`sha256 ${manifest.file.sha256.slice(0, 12)}`);
    expect(r.out).toContain(`${manifest.totals.listedRows} rows carry injected defects`);
    expect(r.err).toBe('');
  });

  it('reads a defects file, honours format flags, and prints the manifest with --json', async () => {
    const defects = dir.path('defects.json');
    writeFileSync(defects, JSON.stringify({ lateDisable: 4, duplicateKeys: 1 }));
    const file = dir.path('t.csv');
    const r = await run(['--kind', 'termination', '--rows', '900', '--seed', 'x', '--defects', defects, '--delimiter', 'semicolon', '--crlf', '--timestamp-format', 'space', '--tz', 'Europe/Paris', '-o', file, '--json']);
    const manifest = JSON.parse(r.out);
    expect(manifest.defects.deviations.lateDisable).toHaveLength(4);
    expect(manifest.defects.duplicateKeys).toHaveLength(1);
    expect(manifest.format).toMatchObject({ delimiter: ';', lineEnding: '\r\n', timestampFormat: 'space' });
    expect(manifest.period.timeZone).toBe('Europe/Paris');
    expect(readFileSync(file, 'utf8').startsWith('Employee Number;Employee Name;Termination Date;')).toBe(true);
  });

  it('the same flags write the same bytes', async () => {
    await run(['--kind', 'ticket', '--rows', '500', '--seed', '9', '-o', dir.path('t1.csv')]);
    await run(['--kind', 'ticket', '--rows', '500', '--seed', '9', '-o', dir.path('t2.csv')]);
    expect(sha256File(dir.path('t1.csv'))).toBe(sha256File(dir.path('t2.csv')));
  });

  it('fails with coded errors on bad flags and writes nothing', async () => {
    const file = dir.path('bad.csv');
    const codes: string[] = [];
    for (const args of [
      ['--rows', '10', '-o', file],
      ['--kind', 'payroll', '--rows', '10', '-o', file],
      ['--kind', 'change', '--rows', 'ten', '-o', file],
      ['--kind', 'change', '--rows', '10'],
      ['--kind', 'change', '--rows', '10', '--defects', dir.path('missing.json'), '-o', file],
      ['--kind', 'change', '--rows', '10', '--defects', dir.path('defects.json'), '--defects-default', '-o', file],
      ['--kind', 'change', '--rows', '10', '--delimiter', 'colon', '-o', file],
      ['--kind', 'change', '--rows', '10', '--quoted-newline-rate', '5', '-o', file],
    ]) {
      try {
        await run(args);
        codes.push('none');
      } catch (err) {
        codes.push((err as TickmarkError).code);
      }
    }
    expect(codes).toEqual([
      'TM_ERR_INVALID_OPTION', 'TM_ERR_UNKNOWN_KIND', 'TM_ERR_INVALID_OPTION', 'TM_ERR_INVALID_OPTION',
      'TM_ERR_FILE_NOT_FOUND', 'TM_ERR_INVALID_OPTION', 'TM_ERR_INVALID_OPTION', 'TM_ERR_INVALID_OPTION',
    ]);
    expect(existsSync(file)).toBe(false);
  });
});
