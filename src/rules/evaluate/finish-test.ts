/**
 * Finish step: decide the population-level attributes of the pending items from the merged group
 * tallies, add missing-item findings (expected groups that never occurred), order findings and
 * items by source record (so the result does not depend on chunking), and summarise per attribute
 * and overall for the evaluation (src/stats): `tested` items and `deviations` per attribute, and
 * items with at least one deviation overall.
 *
 * @example
 * const run = finishTest(set, partials.reduce(mergeTestPartials), ctx)
 * run.attributes.map((a) => [a.attribute, a.tested, a.deviations])
 */
import type { AttributeSummary, Finding, GroupRule, ItemResult, Outcome, TestContext, TestRun } from '../types.js';
import { countItem, countOutcome, type TestPartial } from './partial.js';
import type { RuleSet } from './rule-set.js';

export function finishTest(set: RuleSet, partial: TestPartial, ctx: TestContext): TestRun {
  const counts = { pass: [...partial.counts.pass], exception: [...partial.counts.exception], notApplicable: [...partial.counts.notApplicable], manual: [...partial.counts.manual] };
  const overall = { ...partial.overall };
  const findings: Finding[] = [...partial.findings];
  const items: ItemResult[] | null = partial.items ? [...partial.items] : null;
  const missing = new Array<number>(set.rules.length).fill(0);
  const emptyTallies = new Map();

  for (const p of partial.pending) {
    const outcomes = [...p.outcomes];
    for (const [i, group] of p.groups) {
      const rule = set.rules[i] as GroupRule;
      const outcome = rule.decide(group, partial.tallies[i] ?? emptyTallies, ctx);
      outcomes[i] = outcome;
      countOutcome(counts, i, outcome);
      if (outcome.status === 'exception') {
        findings.push({ type: 'item', key: p.key, record: p.record, line: p.line, attribute: set.attributes[i]!.attribute, rule: rule.id, status: 'exception', observed: outcome.observed, message: outcome.message });
      }
    }
    const done = outcomes as Outcome[];
    const deviation = countItem(overall, done);
    if (items) items.push({ key: p.key, record: p.record, line: p.line, outcomes: done, deviation });
  }

  set.rules.forEach((rule, i) => {
    if (rule.level !== 'population' || !rule.missing) return;
    for (const m of rule.missing(partial.tallies[i] ?? emptyTallies, ctx)) {
      missing[i]!++;
      findings.push({ type: 'missing', key: m.key, record: null, line: null, attribute: set.attributes[i]!.attribute, rule: rule.id, status: 'exception', observed: m.observed, message: m.message });
    }
  });

  const order = new Map(set.attributes.map((a, i) => [a.attribute, i]));
  findings.sort((x, y) => {
    if (x.record === null || y.record === null) {
      if (x.record !== y.record) return x.record === null ? 1 : -1;
      return order.get(x.attribute)! - order.get(y.attribute)! || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
    }
    return x.record - y.record || order.get(x.attribute)! - order.get(y.attribute)!;
  });
  items?.sort((x, y) => x.record - y.record);

  const attributes: AttributeSummary[] = set.attributes.map((a, i) => ({
    attribute: a.attribute,
    label: a.label,
    rule: a.rule,
    mode: a.mode,
    tested: counts.pass[i]! + counts.exception[i]!,
    passed: counts.pass[i]!,
    deviations: counts.exception[i]!,
    notApplicable: counts.notApplicable[i]!,
    manual: counts.manual[i]!,
    missing: missing[i]!,
  }));

  const run: TestRun = {
    scope: partial.scope,
    kind: partial.kind,
    attributes,
    overall: { ...overall, missing: missing.reduce((s, v) => s + v, 0) },
    findings,
  };
  if (items) run.items = items;
  if (partial.scope === 'sample') {
    const found = new Set(partial.found);
    run.unmatchedSample = [...new Set(ctx.sample ?? [])].filter((r) => !found.has(r)).sort((a, b) => a - b);
  }
  return run;
}
