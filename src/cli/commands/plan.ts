/**
 * `tickmark plan`: the sample size for a test of controls, from the firm's frequency table, a
 * statistical attribute plan, a fixed size or the whole population. Prints the plan's size,
 * allowed deviations, rationale and conventions, or the SamplePlan as JSON with `--json`.
 *
 * @example
 * tickmark plan --confidence 0.95 --tolerable 0.05 --expected-count 1 --json
 */
import { readFile } from 'node:fs/promises';
import { tickmarkError } from '../../errors.js';
import { DISTRIBUTIONS, planSample, type Distribution, type PlanInput } from '../../stats/plan.js';
import { exit, type Command, type CommandContext } from '../command.js';

type Values = CommandContext['values'];

/**
 * A string flag's value (the last one when repeated), or undefined.
 *
 * @example
 * stringFlag({ risk: 'higher' }, 'risk'); // 'higher'
 */
export function stringFlag(values: Values, name: string): string | undefined {
  const v = values[name];
  if (Array.isArray(v)) return v[v.length - 1];
  if (typeof v === 'string') return v;
  if (v === true) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: `--${name}`, expected: 'needs a value', got: true });
  return undefined;
}

/**
 * A whole-number flag (digits, optional thousands separators) of at least `min`, or undefined
 * when absent; TM_ERR_INVALID_OPTION otherwise.
 *
 * @example
 * wholeFlag({ population: '12,000' }, 'population', 1); // 12000
 */
export function wholeFlag(values: Values, name: string, min: number): number | undefined {
  const text = stringFlag(values, name);
  if (text === undefined) return undefined;
  const trimmed = text.trim().replace(/[,_]/g, '');
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: `--${name}`, expected: `must be a whole number of at least ${min}`, got: text });
  }
  return value;
}

/**
 * The --distribution flag, checked against the known distributions.
 *
 * @example
 * distributionFlag({ distribution: 'Poisson' }); // 'poisson'
 */
export function distributionFlag(values: Values): Distribution | undefined {
  const text = stringFlag(values, 'distribution');
  if (text === undefined) return undefined;
  const name = text.trim().toLowerCase();
  if (!(DISTRIBUTIONS as readonly string[]).includes(name)) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--distribution', expected: `must be one of ${DISTRIBUTIONS.join(', ')}`, got: text });
  }
  return name as Distribution;
}

function notWith(values: Values, names: string[], basis: string): void {
  for (const name of names) {
    if (values[name] !== undefined) {
      throw tickmarkError('TM_ERR_INVALID_OPTION', { option: `--${name}`, expected: `does not apply to ${basis}`, got: values[name] });
    }
  }
}

async function readTable(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw tickmarkError('TM_ERR_FILE_NOT_FOUND', { path });
    throw err;
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw tickmarkError('TM_ERR_BAD_PLAN', { message: `frequency table ${path} is not valid JSON: ${(err as Error).message}` });
  }
}

const STATISTICAL = ['confidence', 'tolerable', 'expected', 'expected-count', 'distribution'];

/**
 * Turn the flags into a PlanInput (reading the --table file); coded errors for bad flags.
 *
 * @example
 * await planInputFromFlags({ frequency: 'daily', risk: 'higher' }); // { basis: 'frequency', … }
 */
export async function planInputFromFlags(values: Values): Promise<PlanInput> {
  const bases = [
    values.frequency !== undefined && '--frequency',
    (values.confidence !== undefined || values.tolerable !== undefined) && '--confidence/--tolerable',
    values.size !== undefined && '--size',
    values.all === true && '--all',
  ].filter((b): b is string => typeof b === 'string');
  if (bases.length !== 1) {
    throw tickmarkError('TM_ERR_USAGE', {
      message:
        bases.length === 0
          ? 'choose one basis: --frequency F --risk lower|higher, --confidence C --tolerable T, --size N, or --all --population N'
          : `choose one basis, not ${bases.join(' and ')}`,
    });
  }
  const population = wholeFlag(values, 'population', 1);
  if (values.frequency !== undefined) {
    notWith(values, [...STATISTICAL, 'size'], '--frequency');
    const frequency = stringFlag(values, 'frequency') as string;
    const risk = stringFlag(values, 'risk');
    if (risk === undefined) {
      throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--risk', expected: 'is required with --frequency (lower or higher)', got: null });
    }
    const tablePath = stringFlag(values, 'table');
    const table = tablePath === undefined ? undefined : await readTable(tablePath);
    return { basis: 'frequency', frequency, risk, population, table };
  }
  notWith(values, ['risk', 'table'], bases[0] as string);
  if (values.size !== undefined) {
    notWith(values, STATISTICAL, '--size');
    return { basis: 'fixed', n: wholeFlag(values, 'size', 1) as number, population };
  }
  if (values.all === true) {
    notWith(values, STATISTICAL, '--all');
    if (population === undefined) {
      throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--population', expected: 'is required with --all', got: null });
    }
    return { basis: 'all', population };
  }
  const confidence = stringFlag(values, 'confidence');
  const tolerable = stringFlag(values, 'tolerable');
  if (confidence === undefined || tolerable === undefined) {
    const missing = confidence === undefined ? '--confidence' : '--tolerable';
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: missing, expected: 'is required for a statistical plan', got: null });
  }
  const expected = stringFlag(values, 'expected');
  const expectedCount = wholeFlag(values, 'expected-count', 0);
  if (expected !== undefined && expectedCount !== undefined) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--expected-count', expected: 'cannot be combined with --expected', got: values['expected-count'] });
  }
  return { basis: 'statistical', confidence, tolerable, expected, expectedCount, distribution: distributionFlag(values), population };
}

/**
 * The `plan` command.
 *
 * @example
 * await planCommand.run({ values: { confidence: '0.95', tolerable: '0.05', json: true }, positionals: [], io });
 */
export const planCommand: Command = {
  name: 'plan',
  summary: 'Compute a sample size for a test of controls (frequency table or statistical attribute plan)',
  usage:
    'tickmark plan (--frequency daily --risk higher [--table firm.json] | --confidence 0.95 --tolerable 0.05 ' +
    '[--expected 0.01 | --expected-count 1] [--distribution binomial|poisson|hypergeometric] | --size N | --all) ' +
    '[--population N] [--json]',
  options: {
    frequency: { type: 'string' },
    risk: { type: 'string' },
    table: { type: 'string' },
    confidence: { type: 'string' },
    tolerable: { type: 'string' },
    expected: { type: 'string' },
    'expected-count': { type: 'string' },
    distribution: { type: 'string' },
    population: { type: 'string' },
    size: { type: 'string' },
    all: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values, io }) {
    const plan = planSample(await planInputFromFlags(values));
    if (values.json === true) {
      io.out(`${JSON.stringify(plan)}\n`);
      return exit.ok;
    }
    const allowed =
      plan.allowedDeviations === 0 ? 'no deviations allowed' : `up to ${plan.allowedDeviations} deviation${plan.allowedDeviations === 1 ? '' : 's'} allowed`;
    const lines = [
      `Sample size: ${plan.n}${plan.statistical ? ` (${allowed})` : ''}`,
      `Basis: ${plan.statistical ? `statistical, ${plan.distribution}` : `non-statistical (${plan.basis})`}`,
      plan.rationale,
      `Conventions: ${plan.conventions}`,
    ];
    io.out(`${lines.join('\n')}\n`);
    return exit.ok;
  },
};
