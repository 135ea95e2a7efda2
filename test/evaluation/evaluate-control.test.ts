/**
 * The evaluation a CPA would sign, on hand-built samples whose figures are checked by hand:
 * key items apart from the statistical part, attributes on their applicable items, manual marks,
 * overrides and added exceptions, completeness qualifying the conclusion, and the extension a
 * practitioner can choose after deviations.
 */
import { describe, expect, it } from 'vitest';
import { emptyEntries, evaluateControl, extensionSize, type TeamEntries } from '../../src/evaluation/index.js';
import type { AttributeSummary, ItemResult, Outcome, TestRun } from '../../src/rules/types.js';
import type { SelectedItem } from '../../src/sampling/selection.js';
import { planSample } from '../../src/stats/index.js';

const statistical = planSample({ basis: 'statistical', confidence: 0.95, tolerable: 0.05 });
const fixed = planSample({ basis: 'fixed', n: 25 });

const pass: Outcome = { status: 'pass' };
const exception: Outcome = { status: 'exception', observed: {}, message: 'approved after deployment' };
const na: Outcome = { status: 'not_applicable', reason: 'standard change' };
const manual: Outcome = { status: 'manual', evidence: 'inspect the CAB minutes' };

/** A sample of `keyItems` key items then `drawn` drawn items, outcomes per attribute from `outcome(order, attribute)`. */
function sample(keyItems: number, drawn: number, attributes: ('automated' | 'manual')[], outcome: (order: number, a: number) => Outcome) {
  const items: SelectedItem[] = [];
  const results: ItemResult[] = [];
  for (let order = 1; order <= keyItems + drawn; order++) {
    const key = `CHG${order}`;
    items.push({ order, key, prn: order / 1000, prnHex: '0', record: order, line: order + 1, keyItem: order <= keyItems, addedByExtension: false });
    const outcomes = attributes.map((_, a) => outcome(order, a));
    results.push({ key, record: order, line: order + 1, outcomes, deviation: outcomes.some((o) => o.status === 'exception') });
  }
  const summaries: AttributeSummary[] = attributes.map((mode, a) => ({ attribute: String.fromCharCode(65 + a), label: `${String.fromCharCode(65 + a)} — attribute`, rule: `rule.${a}`, mode, tested: 0, passed: 0, deviations: 0, notApplicable: 0, manual: 0, missing: 0 }));
  const run: TestRun = { scope: 'sample', kind: 'change', attributes: summaries, overall: { items: items.length, tested: 0, deviations: 0, notApplicable: 0, manual: 0, missing: 0 }, findings: [], items: results };
  return { items, run, selection: { items, eligible: 1000, ...(keyItems ? { keyItems: { condition: 'type=emergency', count: keyItems } } : {}) } };
}

describe('evaluateControl', () => {
  it('evaluates key items apart from the statistical sample, never pooled', () => {
    // 3 emergency changes taken in full (one with an exception) + the 59 random items of a 95%/5% plan, all passing.
    const s = sample(3, 59, ['automated'], (order) => (order === 2 ? exception : pass));
    const e = evaluateControl({ plan: statistical, selection: s.selection, run: s.run });
    expect(e.parts.map((p) => [p.part, p.basis, p.items])).toEqual([['key_items', 'all_items', 3], ['sample', 'statistical', 59]]);
    const [key, drawn] = e.parts;
    expect(key!.attributes[0]).toMatchObject({ tested: 3, deviations: 1, conclusion: 'deviations_found', upperLimit: null });
    // 0 deviations in 59: UL = 1 − 0.05^(1/59), by hand 0.049507…; the table figure rounds up to 5.0%.
    expect(drawn!.attributes[0]!.tested).toBe(59);
    expect(drawn!.attributes[0]!.upperLimit).toBeCloseTo(1 - 0.05 ** (1 / 59), 10);
    expect(drawn!.attributes[0]!.upperLimitPct).toBe(5);
    expect(drawn!.attributes[0]!.conclusion).toBe('supported');
    expect(e.conclusion.status).toBe('exceptions_noted');
    expect(e.conclusion.reasons[0]).toBe('Key items (type=emergency), tested in full: 1 item with deviations in 3 items tested; conclude on the nature and cause of each exception.');
    expect(e.conclusion.reasons[1]).toBe('Statistical sample: no deviations in 59 items tested.');
    expect(e.options).toEqual([]);
  });

  it('evaluates an attribute on the items it applies to, and warns when they fall below the plan', () => {
    // 10 of 59 items are standard changes: not applicable to attribute A.
    const s = sample(0, 59, ['automated'], (order) => (order <= 10 ? na : pass));
    const e = evaluateControl({ plan: statistical, selection: s.selection, run: s.run });
    const a = e.parts[0]!.attributes[0]!;
    expect([a.tested, a.notApplicable, a.deviations]).toEqual([49, 10, 0]);
    // 0 deviations in 49: UL = 1 − 0.05^(1/49) ≈ 5.93% > 5%: not supported on 49 items.
    expect(a.upperLimit).toBeCloseTo(1 - 0.05 ** (1 / 49), 10);
    expect(a.conclusion).toBe('not_supported');
    expect(a.warnings[0]).toMatch(/^Tested on 49 applicable items, fewer than the 59 the plan needs \(10 items not applicable\)/);
    expect(e.conclusion.status).toBe('not_effective');
    // 10 more applicable items reach 59; at this sample's rate (49 applicable in 59) that is ceil(10·59/49) = 13 drawn.
    expect(e.options[0]).toMatchObject({ kind: 'extend', extendBy: 13, extendedSize: 72 });
    expect(e.options[1]!.kind).toBe('not_effective');
  });

  it('offers the AICPA extension after a deviation: 1 in 59 needs 93 at 95%/5%', () => {
    expect(extensionSize({ n: 59, deviations: 1, confidence: 0.95, tolerable: 0.05 })).toBe(93);
    expect(extensionSize({ n: 59, deviations: 2, confidence: 0.95, tolerable: 0.05 })).toBe(124);
    expect(extensionSize({ n: 59, deviations: 9, confidence: 0.95, tolerable: 0.05 })).toBeNull(); // beyond 4 × 59
    const s = sample(0, 59, ['automated'], (order) => (order === 7 ? exception : pass));
    const e = evaluateControl({ plan: statistical, selection: s.selection, run: s.run });
    expect(e.parts[0]!.attributes[0]!.conclusion).toBe('not_supported');
    expect(e.options[0]).toMatchObject({ kind: 'extend', extendBy: 34, extendedSize: 93 });
  });

  it('stays incomplete until every manual attribute is marked, then takes the marks', () => {
    const s = sample(0, 3, ['automated', 'manual'], (_, a) => (a === 0 ? pass : manual));
    const open = evaluateControl({ plan: fixed, selection: s.selection, run: s.run });
    expect(open.conclusion.status).toBe('incomplete');
    expect(open.parts[0]!.attributes[1]).toMatchObject({ pending: 3, conclusion: 'pending' });
    expect(open.conclusion.sentence).toBe('Incomplete — Non-statistical sample: attribute B has 3 items to mark.');
    const entries: TeamEntries = { ...emptyEntries(), items: [
      { order: 1, key: 'CHG1', marks: { B: '✓' }, overrides: {} },
      { order: 2, key: 'CHG2', marks: { B: 'N/A' }, overrides: {} },
      { order: 3, key: 'CHG3', marks: { B: 'X' }, overrides: {}, evidence: 'CAB-17' },
    ] };
    const done = evaluateControl({ plan: fixed, selection: s.selection, run: s.run, entries });
    expect(done.parts[0]!.attributes[1]).toMatchObject({ tested: 2, notApplicable: 1, deviations: 1, pending: 0, conclusion: 'deviations_found' });
    expect(done.conclusion.status).toBe('exceptions_noted');
  });

  it('applies overrides (the rule result kept visible) and exceptions the team added', () => {
    const s = sample(0, 4, ['automated', 'automated'], (order, a) => (a === 0 && order === 1 ? exception : pass));
    const entries: TeamEntries = {
      ...emptyEntries(),
      items: [{ order: 1, key: 'CHG1', marks: {}, overrides: { A: { mark: '✓', reason: 'approval in the CAB minutes of 3 March' } } }],
      addedExceptions: [{ order: 4, key: 'CHG4', attribute: 'B', description: 'tested in production' }],
    };
    const e = evaluateControl({ plan: fixed, selection: s.selection, run: s.run, entries });
    expect(e.parts[0]!.attributes.map((a) => a.deviations)).toEqual([0, 1]);
    expect(e.conclusion.status).toBe('exceptions_noted');
  });

  it('refuses entries for items or attributes the sample does not have', () => {
    const s = sample(0, 2, ['automated', 'manual'], (_, a) => (a === 0 ? pass : manual));
    const bad = (entries: Partial<TeamEntries>) => () => evaluateControl({ plan: fixed, selection: s.selection, run: s.run, entries: { ...emptyEntries(), ...entries } });
    expect(bad({ items: [{ order: 9, key: 'CHG9', marks: { B: '✓' }, overrides: {} }] })).toThrow(/item 9 \("CHG9"\) is not in the sample/);
    expect(bad({ items: [{ order: 1, key: 'CHG1', marks: { A: '✓' }, overrides: {} }] })).toThrow(/attribute A is automated/);
    expect(bad({ items: [{ order: 1, key: 'CHG1', marks: {}, overrides: { A: { mark: 'X', reason: ' ' } } }] })).toThrow(/needs a reason/);
    expect(bad({ addedExceptions: [{ order: 2, key: 'CHG2', attribute: 'Q', description: 'x' }] })).toThrow(/attribute Q is not one/);
  });

  it('a failed completeness check qualifies the conclusion', () => {
    const s = sample(0, 59, ['automated'], () => pass);
    const report = { status: 'fail' as const, checks: [{ id: 'duplicate_keys', status: 'fail', ran: true }, { id: 'tie_out', status: 'pass', ran: false }] } as never;
    const e = evaluateControl({ plan: statistical, selection: s.selection, run: s.run, completeness: report });
    expect(e.completeness).toEqual({ status: 'fail', qualifies: true, failing: ['duplicate_keys'] });
    expect(e.conclusion.status).toBe('effective');
    expect(e.conclusion.qualified).toBe(true);
    expect(e.conclusion.sentence).toBe('Qualified — the population was not shown complete (duplicate_keys failed), so the sample cannot support "effective". On the items tested: Effective — Statistical sample: no deviations in 59 items tested.');
  });
});
