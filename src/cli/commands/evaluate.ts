/**
 * `tickmark evaluate`: the upper deviation limit and conclusion for k deviations found in a
 * sample of n, at the plan's confidence and tolerable rate. Text lines, or JSON with `--json`.
 *
 * @example
 * tickmark evaluate --n 60 --deviations 1 --confidence 0.95 --tolerable 0.05 --json
 */
import { tickmarkError } from '../../errors.js';
import { evaluateSample } from '../../stats/evaluate.js';
import { exit, type Command } from '../command.js';
import { distributionFlag, stringFlag, wholeFlag } from './plan.js';

/** The usual attribute-sampling parameters when the command is not told otherwise (and says so). */
const DEFAULT_CONFIDENCE = '95%';
const DEFAULT_TOLERABLE = '5%';

/** A rate as a percentage without float noise: 0.07 → '7%'. */
const pct = (rate: number): string => `${Number((rate * 100).toFixed(6))}%`;

function required<T>(value: T | undefined, option: string): T {
  if (value === undefined) throw tickmarkError('TM_ERR_INVALID_OPTION', { option, expected: 'is required', got: null });
  return value;
}

/**
 * The `evaluate` command.
 *
 * @example
 * await evaluateCommand.run({ values: { n: '60', deviations: '1', confidence: '0.95', tolerable: '0.05', json: true }, positionals: [], io });
 */
export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'Evaluate an attribute sample: upper deviation limit and whether it supports the control',
  usage:
    'tickmark evaluate --n 60 --deviations 1 [--confidence 0.95] [--tolerable 0.05] ' +
    '[--distribution binomial|poisson|hypergeometric] [--population N] [--allowed-deviations X] [--json]',
  options: {
    n: { type: 'string' },
    deviations: { type: 'string' },
    confidence: { type: 'string' },
    tolerable: { type: 'string' },
    distribution: { type: 'string' },
    population: { type: 'string' },
    'allowed-deviations': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, io }) {
    const confidence = stringFlag(values, 'confidence');
    const tolerable = stringFlag(values, 'tolerable');
    const defaulted = [...(confidence === undefined ? [`confidence ${DEFAULT_CONFIDENCE}`] : []), ...(tolerable === undefined ? [`tolerable rate ${DEFAULT_TOLERABLE}`] : [])];
    const evaluation = evaluateSample({
      n: required(wholeFlag(values, 'n', 1), '--n'),
      deviations: required(wholeFlag(values, 'deviations', 0), '--deviations'),
      confidence: confidence ?? DEFAULT_CONFIDENCE,
      tolerable: tolerable ?? DEFAULT_TOLERABLE,
      distribution: distributionFlag(values),
      population: wholeFlag(values, 'population', 1),
      allowedDeviations: wholeFlag(values, 'allowed-deviations', 0),
    });
    if (values.json === true) {
      io.out(`${JSON.stringify({ ...evaluation, defaults: defaulted })}\n`);
      return exit.ok;
    }
    const lines = [
      ...(defaulted.length ? [`Defaults used (not given): ${defaulted.join(', ')}`] : []),
      `Upper deviation limit: ${evaluation.upperLimitPct}% (exact ${(evaluation.upperLimit * 100).toFixed(3)}%, ${evaluation.distribution}, ${pct(evaluation.confidence)} confidence)`,
      `Sample deviation rate: ${(evaluation.sampleRate * 100).toFixed(1)}% (${evaluation.deviations} of ${evaluation.n})`,
      `Tolerable deviation rate: ${pct(evaluation.tolerable)}`,
      `Conclusion: ${evaluation.conclusion === 'supported' ? 'supported' : 'not supported'}`,
      evaluation.rationale,
    ];
    io.out(`${lines.join('\n')}\n`);
    return exit.ok;
  },
};
