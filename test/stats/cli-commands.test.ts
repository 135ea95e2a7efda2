import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { planCommand } from '../../src/cli/commands/plan.js';
import { evaluateCommand } from '../../src/cli/commands/evaluate.js';
import type { Command, CommandContext } from '../../src/cli/command.js';
import { TickmarkError } from '../../src/errors.js';
import { tempDir } from '../helpers/tmp.js';

/** Run a command the way main() would: parseArgs with its options, captured output. */
async function run(command: Command, args: string[]) {
  const { values, positionals } = parseArgs({ args, options: command.options, allowPositionals: true, strict: true });
  const out: string[] = [];
  const err: string[] = [];
  const code = await command.run({ values: values as CommandContext['values'], positionals, io: { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false } });
  return { code, out: out.join(''), err: err.join('') };
}

async function errorOf(command: Command, args: string[]): Promise<TickmarkError> {
  try {
    await run(command, args);
  } catch (e) {
    if (e instanceof TickmarkError) return e;
    throw e;
  }
  throw new Error('expected a TickmarkError');
}

describe('tickmark plan', () => {
  it('--json prints one SamplePlan object', async () => {
    const { code, out, err } = await run(planCommand, ['--confidence', '0.95', '--tolerable', '0.05', '--expected-count', '1', '--json']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out.trim().split('\n')).toHaveLength(1);
    const plan = JSON.parse(out);
    expect(plan).toMatchObject({ basis: 'statistical', n: 93, allowedDeviations: 1, distribution: 'binomial', statistical: true });
    expect(plan.rationale).toContain('→ n = 93, up to 1 deviation allowed.');
  });

  it('takes percentages, distributions and a population', async () => {
    const hyper = JSON.parse((await run(planCommand, ['--confidence', '95%', '--tolerable', '5%', '--distribution', 'hypergeometric', '--population', '1000', '--json'])).out);
    expect([hyper.n, hyper.allowedDeviations, hyper.distribution]).toEqual([57, 0, 'hypergeometric']);
    const trap = JSON.parse((await run(planCommand, ['--confidence', '0.90', '--tolerable', '0.05', '--expected', '0.035', '--json'])).out);
    expect([trap.n, trap.allowedDeviations]).toEqual([400, 14]);
  });

  it('prints readable lines without --json', async () => {
    const { code, out } = await run(planCommand, ['--confidence', '0.95', '--tolerable', '0.05']);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('Sample size: 59 (no deviations allowed)');
    expect(lines[1]).toBe('Basis: statistical, binomial');
    expect(lines[3]).toMatch(/^Conventions: Binomial distribution/);
  });

  it('plans from the frequency table, a firm table file, a fixed size or all items', async () => {
    expect(JSON.parse((await run(planCommand, ['--frequency', 'daily', '--risk', 'higher', '--json'])).out)).toMatchObject({ n: 40, distribution: null, statistical: false });
    const dir = tempDir('tickmark-plan-');
    const table = join(dir, 'firm.json');
    writeFileSync(table, JSON.stringify({ daily: [25, 45] }));
    expect(JSON.parse((await run(planCommand, ['--frequency', 'daily', '--risk', 'higher', '--table', table, '--json'])).out).n).toBe(45);
    expect(JSON.parse((await run(planCommand, ['--size', '25', '--population', '10', '--json'])).out)).toMatchObject({ basis: 'fixed', n: 10 });
    expect(JSON.parse((await run(planCommand, ['--all', '--population', '312', '--json'])).out)).toMatchObject({ basis: 'all', n: 312 });
    const text = (await run(planCommand, ['--frequency', 'weekly', '--risk', 'lower'])).out;
    expect(text).toContain('Basis: non-statistical (frequency)');

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ daily: ');
    expect((await errorOf(planCommand, ['--frequency', 'daily', '--risk', 'higher', '--table', bad])).code).toBe('TM_ERR_BAD_PLAN');
    expect((await errorOf(planCommand, ['--frequency', 'daily', '--risk', 'higher', '--table', join(dir, 'missing.json')])).code).toBe('TM_ERR_FILE_NOT_FOUND');
  });

  it('throws coded errors for bad flags', async () => {
    expect((await errorOf(planCommand, [])).code).toBe('TM_ERR_USAGE');
    expect((await errorOf(planCommand, ['--frequency', 'daily', '--risk', 'lower', '--size', '5'])).code).toBe('TM_ERR_USAGE');
    expect((await errorOf(planCommand, ['--frequency', 'daily'])).code).toBe('TM_ERR_INVALID_OPTION');
    expect((await errorOf(planCommand, ['--confidence', '0.95'])).message).toBe('option --tolerable is required for a statistical plan; got null');
    expect((await errorOf(planCommand, ['--confidence', '0.95', '--tolerable', '0.05', '--distribution', 'normal'])).code).toBe('TM_ERR_INVALID_OPTION');
    expect((await errorOf(planCommand, ['--confidence', '0.95', '--tolerable', '0.05', '--population', 'many'])).code).toBe('TM_ERR_INVALID_OPTION');
    expect((await errorOf(planCommand, ['--confidence', '0.95', '--tolerable', '0.05', '--expected', '0.01', '--expected-count', '1'])).code).toBe('TM_ERR_INVALID_OPTION');
    expect((await errorOf(planCommand, ['--confidence', '0.95', '--tolerable', '0.05', '--risk', 'higher'])).code).toBe('TM_ERR_INVALID_OPTION');
    expect((await errorOf(planCommand, ['--all'])).code).toBe('TM_ERR_INVALID_OPTION');
    expect((await errorOf(planCommand, ['--confidence', '1.2', '--tolerable', '0.05'])).code).toBe('TM_ERR_BAD_PLAN');
  });
});

describe('tickmark evaluate', () => {
  it('--json prints the evaluation', async () => {
    const { code, out } = await run(evaluateCommand, ['--n', '60', '--deviations', '1', '--confidence', '0.95', '--tolerable', '0.05', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.upperLimit).toBeCloseTo(0.07664, 5);
    expect(result).toMatchObject({ upperLimitPct: 7.7, conclusion: 'not_supported', n: 60, deviations: 1, distribution: 'binomial' });
    expect(result.sampleRate).toBeCloseTo(1 / 60, 12);
    expect(result.defaults).toEqual([]);
  });

  it('takes 95% confidence and a 5% tolerable rate when they are not given, and says so', async () => {
    const { code, out } = await run(evaluateCommand, ['--n', '60', '--deviations', '1']);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('Defaults used (not given): confidence 95%, tolerable rate 5%');
    expect(out).toContain('Upper deviation limit: 7.7% (exact 7.664%, binomial, 95% confidence)');
    const json = JSON.parse((await run(evaluateCommand, ['--n', '60', '--deviations', '1', '--tolerable', '7%', '--json'])).out);
    expect(json.defaults).toEqual(['confidence 95%']);
    expect(json.conclusion).toBe('not_supported'); // 7.664% > 7%
  });

  it('prints readable lines, with the distribution and population when given', async () => {
    const { out } = await run(evaluateCommand, ['--n', '57', '--deviations', '0', '--confidence', '95%', '--tolerable', '5%', '--distribution', 'hypergeometric', '--population', '1000']);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('Upper deviation limit: 4.9% (exact 4.900%, hypergeometric, 95% confidence)');
    expect(lines[1]).toBe('Sample deviation rate: 0.0% (0 of 57)');
    expect(lines[2]).toBe('Tolerable deviation rate: 5%');
    expect(lines[3]).toBe('Conclusion: supported');
  });

  it('throws coded errors for bad flags', async () => {
    expect((await errorOf(evaluateCommand, ['--deviations', '1', '--confidence', '0.95', '--tolerable', '0.05'])).code).toBe('TM_ERR_INVALID_OPTION');
    expect((await errorOf(evaluateCommand, ['--n', 'sixty', '--deviations', '1', '--confidence', '0.95', '--tolerable', '0.05'])).code).toBe('TM_ERR_INVALID_OPTION');
    expect((await errorOf(evaluateCommand, ['--n', '60', '--deviations=-1', '--confidence', '0.95', '--tolerable', '0.05'])).code).toBe('TM_ERR_INVALID_OPTION');
    expect((await errorOf(evaluateCommand, ['--n', '60', '--deviations', '61', '--confidence', '0.95', '--tolerable', '0.05'])).code).toBe('TM_ERR_BAD_PLAN');
  });
});
