/**
 * One contract, every built-in rule: well described, never throws on odd rows, returns a well-formed
 * outcome, and never passes an item when the evidence it reads is not in the population.
 */
import { describe, expect, it } from 'vitest';
import { kindSpec, kinds } from '../../src/population/kinds.js';
import { buildJoinIndex, builtinJoins, builtinRules, ruleSet, testPopulation, type Outcome, type Rule } from '../../src/rules/index.js';
import { chunkOf, ctxOf, type Row } from './helpers/chunk.js';

function wellFormed(o: Outcome): void {
  switch (o.status) {
    case 'pass': expect(o.note === undefined || typeof o.note === 'string').toBe(true); break;
    case 'exception': expect(o.message.length).toBeGreaterThan(10); expect(typeof o.observed).toBe('object'); break;
    case 'not_applicable': expect(o.reason.length).toBeGreaterThan(5); break;
    case 'manual': expect(o.evidence.length).toBeGreaterThan(5); break;
    default: throw new Error(`bad status ${(o as { status: string }).status}`);
  }
}

const testedKinds = kinds.filter((k) => k !== 'generic');

function randomRows(kind: string, n: number, seed: number): Row[] {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const junk = ['', ' ', 'n/a', 'P1', 'critical', '0', '3', 'emergency', 'standard', 'J.Smith', 'j.smith ', '2025-02-30', 'yesterday', '9.8', 'x'.repeat(300)];
  return Array.from({ length: n }, () => {
    const row: Row = {};
    for (const f of kindSpec(kind).fields) {
      const r = rand();
      row[f.name] = f.type === 'timestamp' && r < 0.6 ? new Date(Date.UTC(2025, 0, 1) + Math.floor(rand() * 400 * 86_400_000)).toISOString() : junk[Math.floor(rand() * junk.length)]!;
    }
    return row;
  });
}

describe.each(testedKinds)('built-in rules of %s', (kind) => {
  const joins = [...builtinJoins[kind]];
  const rules = builtinRules(kind, {}, { joins });
  const set = ruleSet(kind, rules);
  const emptyJoins = Object.fromEntries(set.joins.map((j) => [j.name, buildJoinIndex([], j.keyField, { fields: j.fields })]));

  it('are described for the matrix', () => {
    expect(rules.length).toBeGreaterThan(1);
    for (const r of rules as Rule[]) {
      expect(r.id.startsWith(`${kind}.`)).toBe(true);
      expect(r.kinds).toContain(kind);
      expect(r.name.length).toBeGreaterThan(3);
      expect(r.description.length).toBeGreaterThan(10);
      expect(r.origin).toBe('builtin');
    }
    expect(rules.some((r) => r.mode === 'manual')).toBe(true);
  });

  it('return well-formed outcomes for random and malformed rows, in every zone', () => {
    for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      const run = testPopulation(set, [chunkOf(randomRows(kind, 60, zone.length), kind, { zone })], ctxOf({ joins: emptyJoins }, zone, ['2025-07-04']));
      expect(run.items).toHaveLength(60);
      for (const item of run.items!) item.outcomes.forEach(wellFormed);
      expect(structuredClone(run)).toEqual(run);
    }
  });

  it('never pass an item whose evidence is not in the population', () => {
    const keyOnly = Object.fromEntries(kindSpec(kind).key.map((k) => [k, 'K1']));
    const run = testPopulation(set, [chunkOf([keyOnly], kind)], ctxOf({ joins: emptyJoins }));
    const statuses = run.items![0]!.outcomes.map((o, i) => `${set.attributes[i]!.rule}:${o.status}`);
    expect(statuses.filter((s) => s.endsWith(':pass'))).toEqual([]);
  });
});
