/**
 * One contract, run against every sampling method: the selection is a pure function of the
 * population content, the design and the seed — not of the chunking, the merge order, the row
 * order, or whether partials crossed a worker boundary (structured clone).
 */
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/period/period.js';
import type { PopulationChunk } from '../../src/population/types.js';
import {
  checkSelectionSpec, mapSelection, mergeSelection, finishSelection, selectionSha256, selectSample,
  type Selection, type SelectionPartial, type SelectionSpec,
} from '../../src/sampling/index.js';
import type { RandomPartial } from '../../src/sampling/methods/random.js';
import { permutation, shuffledRows, splitChunk } from './helpers/chunk-of.js';
import { baseSpec, changeChunk, changeRows } from './helpers/population.js';

const period = parsePeriod('2025-01-01..2025-12-31', 'UTC');
const rows = changeRows(600);
const whole = changeChunk(rows);

interface MethodCase {
  name: string;
  spec: SelectionSpec;
  stratified: boolean;
  /** Nested: a larger n keeps the earlier items by itself; extendFrom: needs spec.extendFrom. */
  extension: 'nested' | 'extendFrom';
}

const cases: MethodCase[] = [
  { name: 'random', spec: baseSpec({ method: 'random' }), stratified: false, extension: 'nested' },
  { name: 'random, production in period', spec: baseSpec({ method: 'random', filter: 'environment=production', period }), stratified: false, extension: 'nested' },
  { name: 'systematic', spec: baseSpec({ method: 'systematic' }), stratified: false, extension: 'extendFrom' },
  { name: 'systematic, in period', spec: baseSpec({ method: 'systematic', period }), stratified: false, extension: 'extendFrom' },
  {
    name: 'stratified by month, proportional, in period',
    spec: baseSpec({ method: 'stratified', stratify: { by: 'month', allocation: 'proportional', timeZone: 'UTC' }, period }),
    stratified: true, extension: 'nested',
  },
  {
    name: 'stratified by quarter (New York), equal',
    spec: baseSpec({ method: 'stratified', n: 13, stratify: { by: 'quarter', allocation: 'equal', timeZone: 'America/New_York' } }),
    stratified: true, extension: 'nested',
  },
  {
    name: 'key items (emergency) + random',
    spec: baseSpec({ method: 'key-items', keyItems: { condition: 'type=emergency', rest: 'random' } }),
    stratified: false, extension: 'nested',
  },
  {
    name: 'key items (emergency) + stratified by month, production only',
    spec: baseSpec({ method: 'key-items', filter: 'environment=production', keyItems: { condition: 'type=emergency', rest: 'stratified' }, stratify: { by: 'month', allocation: 'proportional', timeZone: 'UTC' } }),
    stratified: true, extension: 'nested',
  },
];

/** Map each chunk (through a structured clone, as a worker would return it), merge in `order`, finish. */
function run(chunks: PopulationChunk[], spec: SelectionSpec, order: number[] = chunks.map((_, i) => i)): Selection {
  const checked = checkSelectionSpec(spec);
  const partials: SelectionPartial[] = chunks.map((c) => structuredClone(mapSelection(c, checked)));
  const merged = order.map((i) => partials[i]!).reduce((a, b) => mergeSelection(a, b, checked));
  return finishSelection(merged, checked);
}

/** Map the chunks in order, each with the partial merged from the chunks before it (as a scan in one thread does). */
function runWithBefore(chunks: PopulationChunk[], spec: SelectionSpec): Selection {
  const checked = checkSelectionSpec(spec);
  let merged: SelectionPartial | undefined;
  for (const c of chunks) {
    const part = mapSelection(c, checked, merged);
    merged = merged ? mergeSelection(merged, part, checked) : part;
  }
  return finishSelection(merged, checked);
}

/** Merge as a balanced tree instead of left to right. */
function runTree(chunks: PopulationChunk[], spec: SelectionSpec): Selection {
  let level: SelectionPartial[] = chunks.map((c) => mapSelection(c, spec));
  while (level.length > 1) {
    const next: SelectionPartial[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? mergeSelection(level[i + 1]!, level[i]!, spec) : level[i]!);
    level = next;
  }
  return finishSelection(level[0], spec);
}

const hashOf = (s: Selection): string => selectionSha256(s.items);
const keysOf = (s: Selection): string[] => s.items.map((i) => `${i.order}\t${i.key}\t${i.prnHex}\t${i.stratum ?? ''}`);
const keyItemCount = (s: Selection): number => s.keyItems?.count ?? 0;

describe.each(cases)('sampling contract: $name', ({ spec, stratified, extension }) => {
  const reference = run([whole], spec);

  it('draws a non-trivial sample', () => {
    expect(reference.items.length).toBe(keyItemCount(reference) + Math.min(spec.n, reference.eligible - keyItemCount(reference)));
    expect(reference.items.length).toBeGreaterThan(10);
    expect(reference.allSelected).toBe(false);
  });

  it.each([2, 5])('gives the same selection hash for %i chunks merged in any order', (parts) => {
    const chunks = splitChunk(whole, parts);
    const forward = run(chunks, spec);
    const backward = run(chunks, spec, chunks.map((_, i) => parts - 1 - i));
    const shuffled = run(chunks, spec, permutation(parts, `merge-${parts}`));
    const tree = runTree(chunks, spec);
    for (const s of [forward, backward, shuffled, tree]) {
      expect(hashOf(s)).toBe(hashOf(reference));
      expect(s.items).toEqual(reference.items);
      expect(s.counts).toEqual(reference.counts);
      expect(s.strata).toEqual(reference.strata);
    }
  });

  it.each([2, 5])('gives the same selection when each of %i chunks is mapped with the partial merged before it', (parts) => {
    const s = runWithBefore(splitChunk(whole, parts), spec);
    expect(s.items).toEqual(reference.items);
    expect(s.counts).toEqual(reference.counts);
    expect(s.strata).toEqual(reference.strata);
  });

  it('gives the same selection hash for a row-shuffled copy of the population', () => {
    const copy = changeChunk(shuffledRows(rows, 'shuffle'));
    const again = run(splitChunk(copy, 3), spec, [2, 0, 1]);
    expect(hashOf(again)).toBe(hashOf(reference));
    expect(keysOf(again)).toEqual(keysOf(reference));
    // the same records, found at their new positions
    const byKey = new Map(rows.map((r, i) => [r.change_id, i + 1]));
    expect(again.items.map((i) => i.record)).not.toEqual(reference.items.map((i) => i.record));
    expect(reference.items.every((i) => byKey.has(i.key))).toBe(true);
  });

  it('keeps every earlier item, in the same order, when extended with the same seed', () => {
    const small = run([whole], { ...spec, n: 11 });
    const grown = run(splitChunk(whole, 2), extension === 'nested' ? { ...spec, n: 29 } : { ...spec, n: 29, extendFrom: 11 });
    const K = keyItemCount(small);
    expect(grown.items.length).toBe(K + 29);
    expect(keysOf(grown).slice(0, K + 11)).toEqual(keysOf(small));
    const extended = run([whole], { ...spec, n: 29, extendFrom: 11 });
    expect(extended.items.filter((i) => i.addedByExtension).map((i) => i.order)).toEqual(Array.from({ length: 18 }, (_, i) => K + 12 + i));
    expect(keysOf(extended).slice(0, K + 11)).toEqual(keysOf(small));
    const earlier = new Set(small.items.map((i) => i.key));
    expect(extended.items.filter((i) => i.addedByExtension).some((i) => earlier.has(i.key))).toBe(false);
  });

  it('draws a different sample with a different seed', () => {
    const other = run([whole], { ...spec, seed: '20251230' });
    expect(hashOf(other)).not.toBe(hashOf(reference));
    const drawn = (s: Selection) => new Set(s.items.filter((i) => !i.keyItem).map((i) => i.key));
    const a = drawn(reference);
    const shared = [...drawn(other)].filter((k) => a.has(k)).length;
    expect(shared).toBeLessThan(a.size / 2);
  });

  if (stratified) it('covers every non-empty stratum', () => {
    const strata = reference.strata!;
    const nonEmpty = strata.filter((s) => s.population > 0);
    expect(nonEmpty.length).toBeGreaterThanOrEqual(4);
    for (const s of nonEmpty) expect(s.selected).toBeGreaterThanOrEqual(1);
    expect(strata.reduce((sum, s) => sum + s.selected, 0)).toBe(spec.n);
    const perStratum = new Map<string, number>();
    for (const item of reference.items.filter((i) => !i.keyItem)) perStratum.set(item.stratum!, (perStratum.get(item.stratum!) ?? 0) + 1);
    for (const s of strata) expect(perStratum.get(s.id) ?? 0).toBe(s.selected);
  });

  it('selects every eligible record when n is at least the eligible population', () => {
    const all = run(splitChunk(whole, 2), { ...spec, n: 5000 });
    expect(all.allSelected).toBe(true);
    expect(all.items.length).toBe(all.eligible);
    expect(new Set(all.items.map((i) => i.record)).size).toBe(all.eligible);
    expect(all.eligible).toBe(all.counts.considered - all.counts.excludedByFilter - all.counts.excludedByPeriod);
  });

  it('matches selectSample (the one-thread runner)', () => {
    expect(selectSample(splitChunk(whole, 4), spec).items).toEqual(reference.items);
  });
});

describe('sampling contract: properties over seeds and sizes', () => {
  const small = changeRows(150, 'small');
  const chunk = changeChunk(small);
  const chunks = splitChunk(chunk, 3);
  const seeds = Array.from({ length: 10 }, (_, i) => `seed-${i * 7919}`);
  const sizes = [0, 1, 2, 7, 25, 80, 151, 400];

  it.each(cases.map((c) => [c.name, c.spec] as const))('%s: count = min(n, eligible), no duplicates, orders 1..count', (_name, spec) => {
    for (const seed of seeds) {
      for (const n of sizes) {
        const s = run(chunks, { ...spec, seed, n });
        const K = keyItemCount(s);
        expect(s.items.length).toBe(K + Math.min(n, s.eligible - K));
        expect(new Set(s.items.map((i) => i.record)).size).toBe(s.items.length);
        expect(s.items.map((i) => i.order)).toEqual(Array.from({ length: s.items.length }, (_, i) => i + 1));
        expect(s.allSelected).toBe(n >= s.eligible - K);
        expect(s.items.every((i) => i.prn >= 0 && i.prn < 1 && parseInt(i.prnHex, 16) / 2 ** 52 === i.prn)).toBe(true);
        if (spec.filter) expect(s.items.every((i) => small[i.record - 1]!.environment === 'production')).toBe(true);
        if (spec.period) expect(s.items.every((i) => i.eventTime! >= period.startMs && i.eventTime! < period.endExclusiveMs)).toBe(true);
      }
    }
  });

  it.each(cases.map((c) => [c.name, c.spec] as const))('%s: mapping each chunk with the partial before it changes no selection', (_name, spec) => {
    for (const seed of seeds) {
      for (const n of sizes) expect(runWithBefore(chunks, { ...spec, seed, n }).items).toEqual(run(chunks, { ...spec, seed, n }).items);
    }
  });

  it('a chunk mapped with the partial before it keeps only candidates at or below that partial\'s n-th PRN', () => {
    const spec = checkSelectionSpec(baseSpec({ n: 10 }));
    const [first, second] = splitChunk(changeChunk(changeRows(400, 'before')), 2);
    const before = mapSelection(first!, spec) as RandomPartial;
    const alone = mapSelection(second!, spec) as RandomPartial;
    const after = mapSelection(second!, spec, before) as RandomPartial;
    const ceiling = before.candidates[9]!.prn;
    expect(after.candidates.length).toBeLessThan(alone.candidates.length);
    expect(after.candidates).toEqual(alone.candidates.filter((c) => c.prn <= ceiling));
  });

  it('random is the n smallest PRNs of the eligible records', () => {
    for (const seed of seeds) {
      const s = run(chunks, baseSpec({ seed, n: 20 }));
      const all = run(chunks, baseSpec({ seed, n: 1000 }));
      const sorted = [...all.items].sort((a, b) => a.prn - b.prn || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.record - b.record));
      expect(s.items.map((i) => i.record)).toEqual(sorted.slice(0, 20).map((i) => i.record));
    }
  });
});
