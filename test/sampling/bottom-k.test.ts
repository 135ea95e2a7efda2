import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { ceilingOf } from '../../src/sampling/bottom-k.js';
import { BottomK, compareCandidates, mergeBottomK, type Candidate } from '../../src/sampling/index.js';

const candidate = (prn: number, key: string, record: number): Candidate => ({ prn, key, record, line: record + 1, eventTime: NaN });

function bottomK(list: Candidate[], k: number): Candidate[] {
  const heap = new BottomK(k);
  for (const c of list) if (heap.accepts(c.prn, c.key, c.record)) heap.push(c);
  return heap.sorted();
}

describe('bottom-k', () => {
  it("ceilingOf: the k-th PRN once k are kept, which no larger PRN can beat in any merge", () => {
    const kept = [candidate(0.1, 'A', 1), candidate(0.3, 'B', 2), candidate(0.7, 'C', 3)];
    expect(ceilingOf(kept, 2)).toBe(0.3);
    expect(ceilingOf(kept, 3)).toBe(0.7);
    expect(ceilingOf(kept, 4)).toBe(Number.POSITIVE_INFINITY);
    expect(ceilingOf([], 0)).toBe(Number.NEGATIVE_INFINITY);
    const rng = seedrandom('ceiling');
    for (let round = 0; round < 30; round++) {
      const list = Array.from({ length: 40 + Math.floor(rng() * 200) }, (_, i) => candidate(Math.floor(rng() * 30) / 30, `K${Math.floor(rng() * 25)}`, i + 1));
      const k = 1 + Math.floor(rng() * 20);
      const cut = Math.floor(rng() * list.length);
      const first = bottomK(list.slice(0, cut), k);
      const bound = ceilingOf(first, k);
      // Rows above the bound left out of the rest change nothing merged with `first` (ties at the bound stay in).
      const rest = bottomK(list.slice(cut).filter((c) => c.prn <= bound), k);
      expect(mergeBottomK(first, rest, k)).toEqual([...list].sort(compareCandidates).slice(0, k));
    }
  });

  it('orders ties by key, then record', () => {
    const list = [candidate(0.5, 'B', 1), candidate(0.5, 'A', 9), candidate(0.5, 'A', 3), candidate(0.1, 'Z', 4)];
    expect(bottomK(list, 3).map((c) => `${c.key}${c.record}`)).toEqual(['Z4', 'A3', 'A9']);
    expect(bottomK(list, 0)).toEqual([]);
  });

  it('keeps the k smallest of any stream, and merging chunk results gives the same', () => {
    const rng = seedrandom('bottom-k');
    for (let round = 0; round < 30; round++) {
      const list = Array.from({ length: 1 + Math.floor(rng() * 300) }, (_, i) => candidate(Math.floor(rng() * 50) / 50, `K${Math.floor(rng() * 40)}`, i + 1));
      const k = Math.floor(rng() * 60);
      const expected = [...list].sort(compareCandidates).slice(0, k);
      expect(bottomK(list, k)).toEqual(expected);
      const cut = Math.floor(rng() * list.length);
      expect(mergeBottomK(bottomK(list.slice(cut), k), bottomK(list.slice(0, cut), k), k)).toEqual(expected);
    }
  });

  it('names as its ceiling the largest PRN it can still take: rejects(p) exactly when p > ceiling()', () => {
    const rng = seedrandom('bottom-k-ceiling');
    for (let round = 0; round < 20; round++) {
      const k = Math.floor(rng() * 6);
      const heap = new BottomK(k);
      expect(heap.ceiling()).toBe(k === 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY);
      for (let i = 0; i < 40; i++) {
        const prn = Math.floor(rng() * 20) / 20;
        for (const p of [prn, prn - 0.025, prn + 0.025]) expect(heap.rejects(p), `k ${k}, p ${p}`).toBe(p > heap.ceiling());
        if (heap.accepts(prn, `K${i}`, i + 1)) heap.push(candidate(prn, `K${i}`, i + 1));
        const kept = heap.sorted();
        expect(heap.ceiling()).toBe(kept.length < k ? Number.POSITIVE_INFINITY : k === 0 ? Number.NEGATIVE_INFINITY : kept[kept.length - 1]!.prn);
      }
    }
  });
});
