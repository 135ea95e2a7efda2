/**
 * Merge step: combine two partials of the same rule set (apply in chunk order). Counts add,
 * findings and items concatenate, group tallies add (keeping the smallest record numbers), and
 * pending items wait for `finishTest`. The inputs are not modified.
 *
 * @example
 * const partial = partials.reduce(mergeTestPartials)
 */
import { tickmarkError } from '../../errors.js';
import type { GroupTally } from '../types.js';
import { mergeTally, type TestPartial } from './partial.js';

export function mergeTestPartials(a: TestPartial, b: TestPartial): TestPartial {
  if (a.rules.length !== b.rules.length || a.rules.some((id, i) => id !== b.rules[i]) || a.scope !== b.scope || a.kind !== b.kind) {
    throw tickmarkError('TM_ERR_INTERNAL', { message: 'merging test partials of different rule sets or scopes' });
  }
  const add = (x: number[], y: number[]) => x.map((v, i) => v + y[i]!);
  const tallies = a.tallies.map((t, i) => {
    if (!t) return null;
    const out = new Map<string, GroupTally>();
    for (const [k, v] of t) mergeTally(out, k, v);
    for (const [k, v] of b.tallies[i]!) mergeTally(out, k, v);
    return out;
  });
  return {
    scope: a.scope,
    kind: a.kind,
    rules: a.rules,
    counts: {
      pass: add(a.counts.pass, b.counts.pass),
      exception: add(a.counts.exception, b.counts.exception),
      notApplicable: add(a.counts.notApplicable, b.counts.notApplicable),
      manual: add(a.counts.manual, b.counts.manual),
    },
    overall: {
      items: a.overall.items + b.overall.items,
      tested: a.overall.tested + b.overall.tested,
      deviations: a.overall.deviations + b.overall.deviations,
      notApplicable: a.overall.notApplicable + b.overall.notApplicable,
      manual: a.overall.manual + b.overall.manual,
    },
    findings: [...a.findings, ...b.findings],
    items: a.items && b.items ? [...a.items, ...b.items] : null,
    tallies,
    pending: [...a.pending, ...b.pending],
    found: [...a.found, ...b.found],
  };
}
