/**
 * One part of a sample evaluated attribute by attribute on the items each attribute was tested
 * on (pass or exception; not-applicable items are left out of n, pending items keep it open):
 * key items (taken in full — no sampling risk, never a statistical evaluation), or the sampled
 * part under its plan (statistical: the upper deviation limit against the tolerable rate; else
 * the deviations found, for the auditor's judgement).
 *
 * @example
 * evaluatePart('sample', effectiveItems, run.attributes, plan, { population: 900 }).attributes[0].upperLimitPct // 4.9
 */
import type { AttributeSummary } from '../rules/types.js';
import { evaluateSample, type SamplePlan } from '../stats/index.js';
import { grouped } from '../text/grouped.js';
import type { EffectiveItem } from './effective.js';
import type { AttributeResult, PartEvaluation } from './types.js';

const count = (n: number, word: string): string => `${grouped(n)} ${word}${n === 1 ? '' : 's'}`;
const pct = (rate: number): string => `${Number((rate * 100).toFixed(2))}%`;

interface Tally {
  items: number;
  tested: number;
  notApplicable: number;
  pending: number;
  deviations: number;
}

function tally(items: readonly EffectiveItem[], attribute: number | 'overall'): Tally {
  const t: Tally = { items: items.length, tested: 0, notApplicable: 0, pending: 0, deviations: 0 };
  for (const item of items) {
    const statuses = attribute === 'overall' ? item.outcomes.map((o) => o.status) : [item.outcomes[attribute]!.status];
    if (statuses.includes('exception')) {
      t.deviations++;
      t.tested++;
    } else if (statuses.includes('pending')) t.pending++;
    else if (statuses.includes('pass')) t.tested++;
    else t.notApplicable++;
  }
  return t;
}

export interface PartContext {
  /** Items of the population the part stands for (hypergeometric N; key items: how many the condition matched). */
  population?: number;
  condition?: string;
}

function resultOf(part: PartEvaluation['part'], basis: PartEvaluation['basis'], plan: SamplePlan, label: { attribute: string; label: string; mode: AttributeResult['mode'] }, t: Tally, ctx: PartContext): AttributeResult {
  const statistical = basis === 'statistical' && plan.basis === 'statistical';
  const base: AttributeResult = {
    ...label, items: t.items, tested: t.tested, notApplicable: t.notApplicable, pending: t.pending, deviations: t.deviations,
    sampleRate: t.tested ? t.deviations / t.tested : null, upperLimit: null, upperLimitPct: null,
    tolerable: statistical ? plan.parameters.tolerable : null, confidence: statistical ? plan.parameters.confidence : null,
    allowedDeviations: statistical ? plan.allowedDeviations : 0, conclusion: 'pending', rationale: '', warnings: [],
  };
  const na = t.notApplicable ? `; ${count(t.notApplicable, 'item')} not applicable` : '';
  if (t.pending) return { ...base, conclusion: 'pending', rationale: `${count(t.pending, 'item')} still to mark${t.tested ? ` (${count(t.tested, 'item')} tested so far)` : ''}.` };
  if (t.tested === 0) return { ...base, conclusion: 'not_tested', rationale: `Not applicable to any of the ${count(t.items, 'item')} of this part.` };
  const found = `${count(t.deviations, 'deviation')} in ${count(t.tested, 'item')} tested (${pct(t.deviations / t.tested)})${na}`;
  if (part === 'key_items') {
    return t.deviations === 0
      ? { ...base, conclusion: 'no_deviations', rationale: `${found}. Key items are tested in full: no sampling risk.` }
      : { ...base, conclusion: 'deviations_found', rationale: `${found}. Key items are tested in full: each exception is a deviation of the control on that item (no sampling risk, no projection).` };
  }
  if (statistical && plan.basis === 'statistical') {
    const population = ctx.population;
    const hyper = plan.distribution === 'hypergeometric' && population !== undefined && population >= t.tested;
    const e = evaluateSample({
      n: t.tested, deviations: t.deviations, confidence: plan.parameters.confidence, tolerable: plan.parameters.tolerable,
      distribution: hyper ? 'hypergeometric' : plan.distribution === 'hypergeometric' ? 'binomial' : plan.distribution,
      allowedDeviations: plan.allowedDeviations, ...(hyper ? { population } : {}),
    });
    const warnings = t.tested < plan.n
      ? [`Tested on ${count(t.tested, 'applicable item')}, fewer than the ${grouped(plan.n)} the plan needs${t.notApplicable ? ` (${count(t.notApplicable, 'item')} not applicable)` : ''}: the limit is computed on ${grouped(t.tested)}. Extend the sample, or plan on the applicable part (--filter).`]
      : [];
    return { ...base, upperLimit: e.upperLimit, upperLimitPct: e.upperLimitPct, conclusion: e.conclusion, rationale: `${e.rationale}${na ? ` (${na.slice(2)})` : ''}`, warnings };
  }
  return t.deviations === 0
    ? { ...base, conclusion: 'no_deviations', rationale: `${found}. Non-statistical sample: no upper deviation limit is computed.` }
    : { ...base, conclusion: 'deviations_found', rationale: `${found}. Non-statistical sample: no upper deviation limit is computed; conclude on the nature and cause of each exception.` };
}

/** Evaluate one part (its items) on every attribute and overall. */
export function evaluatePart(part: PartEvaluation['part'], items: readonly EffectiveItem[], attributes: readonly AttributeSummary[], plan: SamplePlan, ctx: PartContext = {}): PartEvaluation {
  const basis: PartEvaluation['basis'] = part === 'key_items' ? 'all_items' : plan.statistical ? 'statistical' : 'non_statistical';
  return {
    part,
    basis,
    items: items.length,
    ...(ctx.condition !== undefined ? { condition: ctx.condition } : {}),
    ...(basis === 'statistical' ? { planned: plan.n } : {}),
    attributes: attributes.map((a, i) => resultOf(part, basis, plan, { attribute: a.attribute, label: a.label, mode: a.mode }, tally(items, i), ctx)),
    overall: resultOf(part, basis, plan, { attribute: 'overall', label: 'Any attribute (an item with any exception counts once)', mode: 'overall' }, tally(items, 'overall'), ctx),
  };
}
