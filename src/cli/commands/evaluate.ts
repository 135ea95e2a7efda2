/**
 * `tickmark evaluate`: the upper deviation limit and conclusion for k deviations found in a
 * sample of n, at the plan's confidence and tolerable rate — or, with `--workbook`, the round
 * trip: the team's entries read from a filled workbook, stored as a new version of the test run's
 * results, the control evaluated again and the refreshed workbook written. Text, or JSON.
 *
 * @example
 * tickmark evaluate --n 60 --deviations 1 --confidence 0.95 --tolerable 0.05 --json
 * tickmark evaluate --workbook CC8.1-filled.xlsx -o CC8.1-v2.xlsx
 */
import { tickmarkError } from '../../errors.js';
import { evaluateSample } from '../../stats/evaluate.js';
import { exit, type Command, type CommandContext } from '../command.js';
import { storeFor } from '../population-arg.js';
import { printJson } from '../args.js';
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
    'tickmark evaluate --workbook FILLED.xlsx [-o UPDATED.xlsx] [--json]   |   tickmark evaluate --n 60 --deviations 1 [--confidence 0.95] [--tolerable 0.05] ' +
    '[--distribution binomial|poisson|hypergeometric] [--population N] [--allowed-deviations X] [--json]',
  options: {
    workbook: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'data-dir': { type: 'string' },
    n: { type: 'string' },
    deviations: { type: 'string' },
    confidence: { type: 'string' },
    tolerable: { type: 'string' },
    distribution: { type: 'string' },
    population: { type: 'string' },
    'allowed-deviations': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(ctx) {
    const { values, io } = ctx;
    if (typeof values.workbook === 'string') return evaluateFilledWorkbook(ctx, values.workbook);
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

/** `--workbook`: the team's entries in, a new results version, the refreshed workbook out. */
async function evaluateFilledWorkbook(ctx: CommandContext, path: string): Promise<number> {
  const { evaluateWorkbook } = await import('../../operations/evaluate-workbook.js');
  const output = typeof ctx.values.output === 'string' ? ctx.values.output : undefined;
  if (output !== undefined && !/\.xlsx$/i.test(output)) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '-o', expected: 'must name an .xlsx file', got: output });
  const store = storeFor(ctx);
  try {
    const r = await evaluateWorkbook(store, path, { ...(output ? { output } : {}) });
    const e = r.evaluation;
    if (ctx.values.json === true) {
      printJson(ctx, { testRunId: r.results.testRunId, version: r.results.version, workbookSha256: r.results.source.workbookSha256, output: r.output, entries: r.entryCells.length, evaluation: e, notes: r.notes });
      return exit.ok;
    }
    const pending = e.parts.flatMap((p) => p.attributes.filter((a) => a.pending > 0).map((a) => `${a.attribute} (${a.pending} to mark)`));
    ctx.io.out([
      `results ${r.results.testRunId} version ${r.results.version}: ${r.entryCells.length} entr${r.entryCells.length === 1 ? 'y' : 'ies'} read from ${path} (sha256 ${r.results.source.workbookSha256})`,
      ...e.parts.map((p) => `  ${p.part === 'key_items' ? 'key items' : 'sample'}: ${p.overall.deviations} item(s) with deviations in ${p.overall.tested} tested${p.overall.pending ? `, ${p.overall.pending} still to mark` : ''}`),
      `  conclusion: ${e.conclusion.sentence}`,
      ...(pending.length ? [`  still to mark: ${pending.join(', ')}`] : []),
      ...e.options.map((o) => `  option: ${o.sentence}`),
      ...r.notes.map((n) => `  note: ${n}`),
      `refreshed workbook ${r.output}`,
    ].join('\n'));
    return exit.ok;
  } finally {
    store.close();
  }
}
