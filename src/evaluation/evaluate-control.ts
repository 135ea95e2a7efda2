/**
 * The evaluation of a tested sample as a CPA would sign it: the team's entries applied to the
 * test run (effective.ts), the key items and the sampled part evaluated apart (parts.ts), one
 * conclusion (conclusion.ts) qualified by completeness, and the practitioner's options after
 * deviations in a statistical sample (options.ts). Pure: the same inputs give the same evaluation.
 *
 * @example
 * const evaluation = evaluateControl({ plan: sample.plan, selection: sample.selection, run: tests.run, entries, completeness: report })
 * evaluation.conclusion.status // 'effective'
 */
import type { CompletenessReport } from '../completeness/types.js';
import type { TestRun } from '../rules/types.js';
import type { Selection } from '../sampling/selection.js';
import type { SamplePlan } from '../stats/index.js';
import { grouped } from '../text/grouped.js';
import { concludeControl } from './conclusion.js';
import { checkEntries, effectiveOutcomes } from './effective.js';
import { emptyEntries, type TeamEntries } from './entries.js';
import { extensionSize } from './options.js';
import { evaluatePart } from './parts.js';
import type { ControlEvaluation, PartEvaluation, PractitionerOption } from './types.js';

export interface EvaluateControlInput {
  plan: SamplePlan;
  selection: Pick<Selection, 'items' | 'keyItems' | 'eligible'>;
  run: TestRun;
  entries?: TeamEntries;
  completeness?: Pick<CompletenessReport, 'status' | 'checks'>;
}

function completenessOf(report: EvaluateControlInput['completeness']): ControlEvaluation['completeness'] {
  if (!report) return { status: 'not_run', qualifies: false, failing: [] };
  const ran = report.checks.filter((c) => c.ran);
  const failing = ran.filter((c) => c.status === 'fail').map((c) => c.id);
  const status = failing.length ? 'fail' : ran.some((c) => c.status === 'warn') ? 'warn' : ran.length ? 'pass' : 'not_run';
  return { status, qualifies: failing.length > 0, failing };
}

function optionsOf(sample: PartEvaluation | undefined, input: EvaluateControlInput, population: number): PractitionerOption[] {
  const plan = input.plan;
  if (!sample || plan.basis !== 'statistical' || sample.basis !== 'statistical') return [];
  const failing = [...sample.attributes, sample.overall].filter((a) => a.conclusion === 'not_supported');
  if (!failing.length) return [];
  const sizes = failing.map((a) => extensionSize({
    n: a.tested, deviations: a.deviations, confidence: plan.parameters.confidence, tolerable: plan.parameters.tolerable,
    distribution: plan.distribution, ...(plan.distribution === 'hypergeometric' ? { population } : {}),
  }));
  const notEffective: PractitionerOption = { kind: 'not_effective', sentence: 'Conclude that the control did not operate effectively, and report the deviations.' };
  if (sizes.some((s) => s === null)) return [notEffective];
  // The attribute needing the most further applicable items decides; drawn items scale by the share that applied.
  const needs = failing.map((a, i) => ({ a, more: sizes[i]! - a.tested }));
  const { a: worst, more } = needs.reduce((x, y) => (y.more > x.more ? y : x));
  const size = worst.tested + more;
  const extendBy = worst.tested < sample.items ? Math.ceil((more * sample.items) / worst.tested) : more;
  const applicable = extendBy === more ? '' : ` (about ${grouped(more)} of them applicable to attribute ${worst.attribute}, at this sample's rate)`;
  return [
    { kind: 'extend', extendBy, extendedSize: sample.items + extendBy, sentence: `Extend the sample by ${grouped(extendBy)} item${extendBy === 1 ? '' : 's'}${applicable}, to ${grouped(sample.items + extendBy)} with the same seed (every item kept): with no further deviation, ${grouped(worst.deviations)} deviation${worst.deviations === 1 ? '' : 's'} in ${grouped(size)} tested would support the control at the same confidence and tolerable rate.` },
    notEffective,
  ];
}

export function evaluateControl(input: EvaluateControlInput): ControlEvaluation {
  const entries = input.entries ?? emptyEntries();
  const { selection, run, plan } = input;
  checkEntries(selection.items, run, entries);
  const effective = effectiveOutcomes(selection.items, run, entries);
  const keyItems = effective.filter((i) => i.keyItem);
  const drawn = effective.filter((i) => !i.keyItem);
  const population = Math.max(drawn.length, selection.eligible - (selection.keyItems?.count ?? 0));
  const parts: PartEvaluation[] = [];
  if (keyItems.length) parts.push(evaluatePart('key_items', keyItems, run.attributes, plan, { population: keyItems.length, ...(selection.keyItems ? { condition: selection.keyItems.condition } : {}) }));
  if (drawn.length || !keyItems.length) parts.push(evaluatePart('sample', drawn, run.attributes, plan, { population }));
  const completeness = completenessOf(input.completeness);
  const sample = parts.find((p) => p.part === 'sample');
  return {
    parts,
    conclusion: concludeControl(parts, completeness),
    completeness,
    options: optionsOf(sample, input, population),
    statistical: plan.statistical,
    distribution: plan.distribution,
    conventions: plan.statistical
      ? `${plan.conventions} The table-style upper limit rounds the exact limit up to 0.1%; an attribute is supported when its limit ≤ the tolerable rate. Each attribute is evaluated on the items it applies to; key items are evaluated apart and never enter the statistical evaluation.`
      : `${plan.conventions} Each attribute is evaluated on the items it applies to; key items are evaluated apart.`,
    ...(entries.workpaper.auditorConclusion ? { auditorConclusion: entries.workpaper.auditorConclusion } : {}),
  };
}
