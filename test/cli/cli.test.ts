/**
 * The command line as a newcomer meets it: help that describes every flag, did-you-mean for
 * commands, flags and kinds, every missing required flag at once, extra arguments refused, JSON
 * errors under --json, the engagement file, and each footgun replaced by a clear error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandNames, loadCommand, loadCommands } from '../../src/cli/commands/index.js';
import { COMMAND_DOCS } from '../../src/cli/help/commands.js';
import { flagDoc } from '../../src/cli/help/flags.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const CHANGES = join(process.cwd(), 'fixtures/change/changes-2025.csv');
const PERIOD = '2025-01-01..2025-12-31';

const run = runCli;

describe('help', () => {
  it('loads each command by its own name, and no command for an unknown or inherited name', async () => {
    expect(commandNames).toContain('pull');
    for (const name of commandNames) expect((await loadCommand(name))?.name).toBe(name);
    expect(await loadCommand('pul')).toBeUndefined();
    expect(await loadCommand('constructor')).toBeUndefined();
    expect((await loadCommands()).map((c) => c.name)).toEqual(commandNames);
  });

  it('describes every flag of every command, with usage, examples, environment and exit codes', async () => {
    for (const c of await loadCommands()) {
      const doc = COMMAND_DOCS[c.name];
      expect(doc, c.name).toBeDefined();
      expect(doc!.examples.length, `${c.name} examples`).toBeGreaterThanOrEqual(2);
      for (const flag of Object.keys(c.options)) expect(flagDoc(c.name, flag)?.description, `${c.name} --${flag}`).toBeTruthy();
      for (const flag of doc!.required) expect(Object.keys(c.options), `${c.name} requires --${flag}`).toContain(flag);
      const { code, out } = await run([c.name, '--help']);
      expect(code).toBe(0);
      for (const flag of Object.keys(c.options)) expect(out, `${c.name} --help lists --${flag}`).toContain(`--${flag}`);
      expect(out).toContain('Examples:');
      expect(out).toContain('TICKMARK_DATA_DIR');
      expect(out).toContain('70  internal error');
    }
  });

  it('`tickmark help CMD` is the command\'s help, not the list of commands', async () => {
    const { code, out } = await run(['help', 'pull']);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('Usage: tickmark pull FILE|POPULATION_ID --period A..B --seed S -o FILE [options]');
    expect(out).toContain('--method M\n      How items are drawn. One of: random, systematic, stratified. Default: random.');
  });
});

describe('mistakes get a clear answer', () => {
  it('suggests the command, flag or kind meant', async () => {
    expect((await run(['sampel'])).err).toContain('unknown command "sampel" (did you mean sample?)');
    const flag = await run(['sample', CHANGES, '--kind', 'change', '--seed', '1', '--sise', '5']);
    expect(flag.code).toBe(2);
    expect(flag.err).toContain('unknown flag --sise for sample (did you mean --size?)');
    const kind = await run(['ingest', CHANGES, '--kind', 'chnage', '--data-dir', tempDir()]);
    expect(kind.err).toContain('unknown population kind "chnage" (did you mean change?)');
  });

  it('reports every missing required flag at once, and refuses extra arguments', async () => {
    const missing = await run(['pull', CHANGES, '--kind', 'change']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('missing flags --period, --seed, -o (--output)');
    const extra = await run(['evaluate', '--n', '60', '--deviations', '1', 'deviations=2']);
    expect(extra.code).toBe(2);
    expect(extra.err).toContain('evaluate takes no arguments; unexpected: "deviations=2" (a flag needs -- before its name)');
  });

  it('a mistyped filter is an error naming the fix, not an empty sample', async () => {
    const dir = tempDir();
    const typo = await run(['sample', CHANGES, '--kind', 'change', '--seed', '1', '--size', '5', '--filter', 'type==emergency', '--data-dir', dir]);
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('"==" is not an operator: write type=emergency (one "=")');
    const field = await run(['sample', CHANGES, '--kind', 'change', '--seed', '1', '--size', '5', '--filter', 'tpye=emergency', '--data-dir', dir]);
    expect(field.err).toContain('unknown field "tpye" (did you mean type?)');
    const none = await run(['sample', CHANGES, '--kind', 'change', '--seed', '1', '--size', '5', '--filter', 'type=urgent', '--data-dir', dir]);
    expect(none.code).toBe(3);
    expect(none.err).toContain('no item can be drawn: of 500 record(s), 2 travel with another row\'s unit, 498 are excluded by the filter "type=urgent"');
  });

  it('says when a size is more than the eligible items, and writes the selection to standard output with -o -', async () => {
    const dir = tempDir();
    const big = await run(['sample', CHANGES, '--kind', 'change', '--seed', '1', '--size', '5000', '--period', PERIOD, '--data-dir', dir]);
    expect(big.code).toBe(0);
    expect(big.out).toContain('warning: 5,000 items were asked for but only 493 are eligible: every eligible item is selected (100% of the eligible population)');
    const piped = await run(['sample', CHANGES, '--kind', 'change', '--seed', '1', '--size', '3', '-o', '-', '--data-dir', dir]);
    expect(piped.out.split('\n')[0]).toBe('order,key,prn,prn_hex,stratum,source_record,source_line,key_item');
    expect(piped.out.trim().split('\n')).toHaveLength(4);
    expect(existsSync('-')).toBe(false);
  });

  it('refuses an engagement without a client, a directory as a file, a stored population of another kind, an export whose name contradicts its format', async () => {
    const dir = tempDir();
    const out = join(dir, 'x.xlsx');
    expect((await run(['pull', CHANGES, '--kind', 'change', '--period', PERIOD, '--seed', '1', '--size', '3', '--engagement', 'FY25', '-o', out, '--data-dir', dir])).err).toContain('--engagement needs --client');
    expect((await run(['ingest', dir, '--kind', 'change', '--data-dir', dir])).err).toContain('must be a file (CSV or XLSX), not a directory');
    const ingested = JSON.parse((await run(['ingest', CHANGES, '--kind', 'change', '--data-dir', dir, '--json'])).out);
    const wrongKind = await run(['check', ingested.population?.id ?? ingested.id, '--kind', 'ticket', '--period', PERIOD, '--data-dir', dir]);
    expect(wrongKind.code).toBe(2);
    expect(wrongKind.err).toContain('which is change (a stored population needs no --kind)');
    const sample = JSON.parse((await run(['sample', ingested.population?.id ?? ingested.id, '--seed', '1', '--size', '3', '--data-dir', dir, '--json'])).out);
    const mismatch = await run(['export', sample.id, '--format', 'xlsx', '-o', join(dir, 'x.csv'), '--data-dir', dir]);
    expect(mismatch.code).toBe(2);
    expect(mismatch.err).toContain('must end in .xlsx for --format xlsx');
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });

  it('under --json, an error is JSON on standard output with its code, and the exit code is the code\'s', async () => {
    const { code, out } = await run(['evaluate', '--n', '60', '--deviations', '99', '--json']);
    expect(code).toBe(2);
    expect(JSON.parse(out)).toEqual({ error: { code: 'TM_ERR_BAD_PLAN', message: 'deviations (99) cannot exceed the items tested (60)', hint: expect.any(String), details: expect.any(Object) } });
  });
});

describe('the engagement file', () => {
  it('gives period, seed, client and data directory to every command run beside it; flags win', async () => {
    const dir = tempDir();
    const cwd = process.cwd();
    mkdirSync(join(dir, 'work'));
    process.chdir(join(dir, 'work'));
    try {
      const init = await run(['init', '--client', 'Acme', '--engagement', 'SOC 2 2025', '--period', PERIOD, '--seed', '20251231', '--data-dir', join(dir, 'data')]);
      expect(init.code).toBe(0);
      const config = JSON.parse(readFileSync('tickmark.json', 'utf8'));
      expect(config).toMatchObject({ client: 'Acme', engagement: 'SOC 2 2025', period: { start: '2025-01-01', end: '2025-12-31' }, timeZone: 'UTC', seed: '20251231' });
      config.populations = { 'changes-2025.csv': { kind: 'change' } };
      writeFileSync('tickmark.json', JSON.stringify(config));
      const pulled = await run(['pull', CHANGES, '--size', '5', '-o', 'CC8.1.xlsx', '--json']);
      expect(pulled.code, pulled.err).toBe(0);
      const summary = JSON.parse(pulled.out);
      expect(summary.sample.seed).toBe('20251231');
      expect(existsSync(join(dir, 'data', 'catalog.sqlite'))).toBe(true);
      const overridden = JSON.parse((await run(['sample', CHANGES, '--size', '5', '--seed', '7', '--json'])).out);
      expect(overridden.manifest.seed).toBe('7');
      expect((await run(['init', '--client', 'X', '--engagement', 'Y', '--period', PERIOD])).err).toContain('tickmark.json already exists here; --force replaces it');
      writeFileSync('tickmark.json', JSON.stringify({ clinet: 'Acme' }));
      expect((await run(['ls'])).err).toContain('has no setting "clinet"');
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('the process', () => {
  it('ends quietly when its output pipe closes', () => {
    const r = spawnSync('bash', ['-c', 'node bin/tickmark.js completion bash | head -1'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('# tickmark bash completion\n');
    expect(r.stderr).toBe('');
  });
});
