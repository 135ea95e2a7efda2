/**
 * Test results per sampling unit: a sampled item whose unit has several rows (a key repeated in
 * the population, a review of many account lines) is one item of the test matrix. Each of its
 * rows is tested; per attribute the item is an exception when any row is (the first such row's
 * outcome, its message naming the row), else a pass when any row passes, else still manual, else
 * not applicable. Findings stay one per row. Counts are recomputed over the items.
 *
 * @example
 * resultsPerUnit(run, [{ key: 'CHG1', record: 3, rows: [3, 9] }]).items // one item for CHG1
 */
import { countItem } from './partial.js';
import type { AttributeSummary, ItemResult, Outcome, TestRun } from '../types.js';

export interface UnitRef {
  key: string;
  /** The representative record (the one drawn). */
  record: number;
  /** Every record of the unit, when it has more than one. */
  rows?: readonly number[];
}

const rank: Record<Outcome['status'], number> = { exception: 3, pass: 2, manual: 1, not_applicable: 0 };

function combine(results: readonly ItemResult[], attribute: number): Outcome {
  let best = results[0]!.outcomes[attribute]!;
  let from = results[0]!;
  for (const r of results) {
    const o = r.outcomes[attribute]!;
    if (rank[o.status] > rank[best.status]) {
      best = o;
      from = r;
    }
  }
  if (best.status === 'exception' && results.length > 1) return { ...best, message: `${best.message} (row at line ${from.line}, 1 of ${results.length} rows of the item)` };
  return best;
}

export function resultsPerUnit(run: TestRun, units: readonly UnitRef[]): TestRun {
  if (!run.items || !units.some((u) => (u.rows?.length ?? 1) > 1)) return run;
  const byRecord = new Map(run.items.map((i) => [i.record, i]));
  const overall = { items: 0, tested: 0, deviations: 0, notApplicable: 0, manual: 0 };
  const width = run.attributes.length;
  const counts = run.attributes.map(() => ({ pass: 0, exception: 0, notApplicable: 0, manual: 0 }));
  const items: ItemResult[] = [];
  for (const unit of units) {
    const results = (unit.rows ?? [unit.record]).map((r) => byRecord.get(r)).filter((r): r is ItemResult => !!r);
    if (!results.length) continue;
    const first = byRecord.get(unit.record) ?? results[0]!;
    const outcomes = Array.from({ length: width }, (_, a) => combine(results, a));
    outcomes.forEach((o, a) => {
      const c = counts[a]!;
      if (o.status === 'pass') c.pass++;
      else if (o.status === 'exception') c.exception++;
      else if (o.status === 'not_applicable') c.notApplicable++;
      else c.manual++;
    });
    const deviation = countItem(overall, outcomes);
    items.push({ key: unit.key, record: first.record, line: first.line, outcomes, deviation, ...(results.length > 1 ? { rows: results.length } : {}) });
  }
  items.sort((x, y) => x.record - y.record);
  const attributes: AttributeSummary[] = run.attributes.map((a, i) => ({
    ...a, tested: counts[i]!.pass + counts[i]!.exception, passed: counts[i]!.pass, deviations: counts[i]!.exception, notApplicable: counts[i]!.notApplicable, manual: counts[i]!.manual,
  }));
  return { ...run, attributes, overall: { ...overall, missing: run.overall.missing }, items };
}
