import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { rowStrataSlots, stratumOf, type ChunkScan, type SelectionSpec } from '../../../src/sampling/index.js';

/** The two fields of a scan `rowStrataSlots` reads. */
const scanOf = (times: number[]): ChunkScan => ({ times: Float64Array.from(times), chunk: { rows: times.length } }) as unknown as ChunkScan;

describe('stratum of every row', () => {
  it('gives each row the stratum its own event time falls in, for sorted, shuffled and undated rows, in any zone', () => {
    const rng = seedrandom('row-strata');
    const start = Date.UTC(2024, 10, 1);
    for (let round = 0; round < 40; round++) {
      const by = rng() < 0.5 ? 'month' : 'quarter';
      const timeZone = ['UTC', 'America/New_York', 'Asia/Tokyo'][Math.floor(rng() * 3)]!;
      const rows = Math.floor(rng() * 400);
      const times = Array.from({ length: rows }, () => (rng() < 0.05 ? NaN : start + Math.floor(rng() * 500 * 86_400_000)));
      if (rng() < 0.6) times.sort((a, b) => (Number.isNaN(a) ? 1 : Number.isNaN(b) ? -1 : a - b)); // the usual export: in time order
      const spec = { stratify: { by, allocation: 'proportional', timeZone } } as SelectionSpec;
      const { slot, ids } = rowStrataSlots(scanOf(times), spec);
      expect(Array.from(slot, (k) => ids[k])).toEqual(times.map((t) => stratumOf(t, by, timeZone)));
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('cuts a run of rows exactly at the month boundary', () => {
    const edge = Date.UTC(2025, 2, 1);
    const { slot, ids } = rowStrataSlots(scanOf([edge - 2, edge - 1, edge, edge + 1, NaN, edge - 1]), { stratify: { by: 'month', allocation: 'proportional', timeZone: 'UTC' } } as SelectionSpec);
    expect(Array.from(slot, (k) => ids[k])).toEqual(['2025-02', '2025-02', '2025-03', '2025-03', 'undated', '2025-02']);
  });
});
