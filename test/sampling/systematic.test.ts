import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { selectSample, systematicPositions, systematicStart } from '../../src/sampling/index.js';
import { chunkOf } from './helpers/chunk-of.js';
import { baseSpec, changeChunk, changeRows } from './helpers/population.js';

describe('systematic selection', () => {
  it('steps N/n from the random start r: position floor((r + i·N)/n)', () => {
    expect(systematicPositions(10, 3, 5)).toEqual([1, 5, 8]);
    expect(systematicPositions(10, 3, 0)).toEqual([0, 3, 6]);
    expect(systematicPositions(10, 3, 9)).toEqual([3, 6, 9]);
    expect(systematicPositions(7, 7, 6)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('draws the start from seedrandom(seed ␟ systematic-start)', () => {
    expect(systematicStart('20251231', 1000)).toBe(Math.floor(seedrandom('20251231\u001fsystematic-start')() * 1000));
    expect(systematicStart('20251231', 1000)).not.toBe(systematicStart('20251230', 1000));
  });

  it('orders by event time, ties by key, records without a time last', () => {
    const chunk = chunkOf([
      { change_id: 'CHG4', deployed_at: null },
      { change_id: 'CHG2', deployed_at: '2025-05-01T10:00:00Z' },
      { change_id: 'CHG3', deployed_at: '2025-01-01T10:00:00Z' },
      { change_id: 'CHG1', deployed_at: '2025-05-01T10:00:00Z' },
    ], 'change');
    const s = selectSample([chunk], { ...baseSpec({ method: 'systematic', n: 4 }), headers: ['change_id', 'deployed_at'] });
    expect(s.items.map((i) => i.key)).toEqual(['CHG3', 'CHG1', 'CHG2', 'CHG4']);
    expect(s.items.map((i) => i.record)).toEqual([3, 4, 2, 1]);
    expect(s.allSelected).toBe(true);
  });

  it('picks exactly the records at the computed positions of the ordered population', () => {
    const rows = changeRows(300, 'sys');
    const s = selectSample([changeChunk(rows)], baseSpec({ method: 'systematic', n: 12 }));
    const N = s.eligible;
    const ordered = rows
      .map((r, i) => ({ key: r.change_id!, record: i + 1, t: r.deployed_at ? Date.parse(r.deployed_at) : Infinity }))
      .sort((a, b) => a.t - b.t || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.record - b.record));
    const r = systematicStart('20251231', N);
    expect(s.systematic).toEqual({ ordered: N, drawn: 12, interval: N / 12, start: r });
    expect(s.items.map((i) => i.record)).toEqual(systematicPositions(N, 12, r).map((p) => ordered[p]!.record));
    const times = s.items.map((i) => i.eventTime ?? Infinity);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('extends by the smallest PRNs among the unselected records', () => {
    const rows = changeRows(300, 'sys');
    const chunk = changeChunk(rows);
    const base = selectSample([chunk], baseSpec({ method: 'systematic', n: 10 }));
    const extended = selectSample([chunk], baseSpec({ method: 'systematic', n: 15, extendFrom: 10 }));
    const everything = selectSample([chunk], baseSpec({ method: 'random', n: 1000 }));
    const unselected = everything.items.filter((i) => !base.items.some((b) => b.record === i.record));
    expect(extended.items.slice(0, 10)).toEqual(base.items);
    expect(extended.items.slice(10).map((i) => i.record)).toEqual(unselected.slice(0, 5).map((i) => i.record));
    expect(extended.systematic!.drawn).toBe(10);
  });
});
