/**
 * The evaluation the workbook shows, derived from the plan and the test run when the caller did
 * not give one: per attribute and overall — items tested, deviations, the deviations the plan
 * allowed, and for a statistical plan the upper deviation limit against the tolerable rate
 * (`evaluateSample`); a non-statistical plan says so and has no limit. Plus the lead sheet's
 * one-sentence conclusion (effective / effective with exceptions / not effective).
 *
 * @example
 * const evaluation = evaluateForWorkbook(sample.plan, testRun)
 * evaluation.overall.conclusion // 'no_deviations' (fixed-size plan, no exception found)
 */
import type { AttributeSummary, TestRun } from '../../rules/types.js';
import { evaluateSample } from '../../stats/evaluate.js';
import type { SamplePlan } from '../../stats/plan.js';
import type { SampleEvaluation } from '../../stats/evaluate.js';
import type { AttributeEvaluation, RecordedEvaluation, WorkbookEvaluation } from './input.js';
import { grouped } from '../../text/grouped.js';

const count = (n: number, word: string): string => `${grouped(n)} ${word}${n === 1 ? '' : 's'}`;
const pct = (rate: number): string => `${Number((rate * 100).toFixed(2))}%`;

interface Counts {
  attribute: string;
  label: string;
  mode: AttributeEvaluation['mode'];
  n: number;
  deviations: number;
}

function evaluateCounts(plan: SamplePlan, c: Counts): AttributeEvaluation {
  const base = {
    attribute: c.attribute, label: c.label, mode: c.mode, n: c.n, deviations: c.deviations, allowedDeviations: plan.allowedDeviations,
    sampleRate: c.n > 0 ? c.deviations / c.n : null, upperLimit: null, upperLimitPct: null,
    tolerable: plan.statistical ? plan.parameters.tolerable : null, confidence: plan.statistical ? plan.parameters.confidence : null,
  };
  if (c.mode === 'manual') {
    return { ...base, sampleRate: null, conclusion: 'pending_manual', rationale: 'Manual attribute: evaluate once every item is ticked on the test matrix.' };
  }
  if (c.n === 0) return { ...base, conclusion: 'not_tested', rationale: 'No item was tested on this attribute (not applicable to every item).' };
  if (plan.statistical) {
    const population = plan.parameters.population ?? undefined;
    const e = evaluateSample({
      n: c.n, deviations: c.deviations, confidence: plan.parameters.confidence, tolerable: plan.parameters.tolerable,
      distribution: plan.distribution, allowedDeviations: plan.allowedDeviations,
      ...(population !== undefined && population >= c.n ? { population } : {}),
      ...(plan.distribution === 'hypergeometric' && (population === undefined || population < c.n) ? { distribution: 'binomial' as const } : {}),
    });
    return { ...base, upperLimit: e.upperLimit, upperLimitPct: e.upperLimitPct, conclusion: e.conclusion, rationale: e.rationale };
  }
  const found = `${count(c.deviations, 'deviation')} in ${count(c.n, 'item')} tested (${pct(c.deviations / c.n)})`;
  return c.deviations === 0
    ? { ...base, conclusion: 'no_deviations', rationale: `${found}. Non-statistical sample: no upper deviation limit is computed.` }
    : { ...base, conclusion: 'deviations_found', rationale: `${found}. Non-statistical sample: no upper deviation limit is computed; conclude on the nature and cause of each exception.` };
}

function attributeCounts(a: AttributeSummary): Counts {
  return { attribute: a.attribute, label: a.label, mode: a.mode, n: a.tested, deviations: a.deviations };
}

/**
 * Evaluate every attribute and the items overall under the sample's plan.
 *
 * @example
 * evaluateForWorkbook(statisticalPlan, run).attributes[0].upperLimitPct // 4.9
 */
export function evaluateForWorkbook(plan: SamplePlan, tests: TestRun): WorkbookEvaluation {
  const attributes = tests.attributes.map((a) => evaluateCounts(plan, attributeCounts(a)));
  const overall = evaluateCounts(plan, { attribute: 'overall', label: 'All automated attributes (an item with any exception counts once)', mode: 'overall', n: tests.overall.tested, deviations: tests.overall.deviations });
  return {
    statistical: plan.statistical,
    distribution: plan.distribution,
    attributes,
    overall,
    conventions: plan.statistical
      ? `${plan.conventions} The table-style upper limit rounds the exact limit up to 0.1%; an attribute is supported when its limit ≤ the tolerable rate.`
      : plan.conventions,
  };
}

function fromSample(c: Counts, e: SampleEvaluation, allowed: number): AttributeEvaluation {
  return {
    attribute: c.attribute, label: c.label, mode: c.mode, n: e.n, deviations: e.deviations, allowedDeviations: e.allowedDeviations ?? allowed,
    sampleRate: e.sampleRate, upperLimit: e.upperLimit, upperLimitPct: e.upperLimitPct, tolerable: e.tolerable, confidence: e.confidence,
    conclusion: e.conclusion, rationale: e.rationale,
  };
}

/**
 * The workbook's evaluation from the one `runTests` recorded (statistical: overall and per
 * automated attribute); attributes it did not evaluate are pending (manual) or not tested.
 *
 * @example
 * fromRecordedEvaluation(plan, record.run, record.evaluation).overall.upperLimitPct // 4.9
 */
export function fromRecordedEvaluation(plan: SamplePlan, tests: TestRun, recorded: RecordedEvaluation): WorkbookEvaluation {
  const byAttribute = new Map(recorded.attributes.map((a) => [a.attribute, a.evaluation]));
  const attributes = tests.attributes.map((a) => {
    const counts = attributeCounts(a);
    const e = byAttribute.get(a.attribute);
    return e && a.mode === 'automated' ? fromSample(counts, e, plan.allowedDeviations) : evaluateCounts({ ...plan, statistical: false } as SamplePlan, counts);
  });
  const overall = fromSample({ attribute: 'overall', label: 'All automated attributes (an item with any exception counts once)', mode: 'overall', n: 0, deviations: 0 }, recorded.overall, plan.allowedDeviations);
  const planned = plan.statistical ? '' : ' The sample was selected non-statistically; it is evaluated here at the confidence and tolerable rate the auditor gave.';
  return { statistical: true, distribution: recorded.overall.distribution, attributes, overall, conventions: `${recorded.overall.conventions}${planned}` };
}

/** Words for a conclusion code (evaluation sheet and legend). */
export const CONCLUSION_WORDS: Record<AttributeEvaluation['conclusion'], string> = {
  supported: 'Supported: upper deviation limit ≤ tolerable rate',
  not_supported: 'Not supported: upper deviation limit > tolerable rate',
  no_deviations: 'No deviations (non-statistical)',
  deviations_found: 'Deviations found (non-statistical): auditor judgement',
  pending_manual: 'Pending: manual attribute to inspect',
  not_tested: 'Not tested: not applicable to every item',
};

/**
 * The lead sheet's conclusion sentence.
 *
 * @example
 * leadConclusion(evaluation, ['H']) // 'Effective: no deviations in 25 items tested … Provisional: manual attribute H still to be inspected.'
 */
export function leadConclusion(evaluation: WorkbookEvaluation | undefined, manualAttributes: readonly string[]): string {
  if (!evaluation) return 'Not yet concluded: the attributes have not been tested.';
  const automated = evaluation.attributes.filter((a) => a.mode === 'automated');
  const o = evaluation.overall;
  const pending = manualAttributes.length
    ? ` Provisional: manual attribute${manualAttributes.length === 1 ? '' : 's'} ${manualAttributes.join(', ')} still to be inspected.`
    : '';
  let sentence: string;
  if (o.n === 0) sentence = automated.length ? 'Not concluded: no item was tested on the automated attributes.' : 'Not concluded: every attribute is manual.';
  else if (evaluation.statistical) {
    const failing = automated.filter((a) => a.conclusion === 'not_supported').map((a) => a.attribute);
    if (failing.length || o.conclusion === 'not_supported') {
      sentence = `Not effective: the upper deviation limit exceeds the tolerable rate${failing.length ? ` on attribute${failing.length === 1 ? '' : 's'} ${failing.join(', ')}` : ' overall'} (${count(o.deviations, 'item')} with deviations in ${count(o.n, 'item')} tested).`;
    } else if (o.deviations > 0) {
      sentence = `Effective with exceptions: ${count(o.deviations, 'item')} with deviations in ${count(o.n, 'item')} tested, within the tolerable rate on every attribute.`;
    } else sentence = `Effective: no deviations in ${count(o.n, 'item')} tested; every attribute within the tolerable rate.`;
  } else if (o.deviations > 0) {
    sentence = `Exceptions noted: ${count(o.deviations, 'item')} with deviations in ${count(o.n, 'item')} tested (non-statistical sample): conclude on the nature and cause of each exception.`;
  } else sentence = `Effective: no deviations in ${count(o.n, 'item')} tested (non-statistical sample).`;
  return sentence + pending;
}
