/**
 * Sampling units through the store: the README's own change log holds CHG0000173 twice (a
 * duplicate key, re-opened) and CHG0000364 twice (an identical row). A sample, a pull's one-pass sample, an extension and a
 * verification all draw it once, listing both rows; the test matrix holds it once, tested on
 * both rows; the answer is the same on 0, 1 and 2 workers.
 */
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { checkAndSample } from '../../src/operations/check-and-sample.js';
import { drawSample, extendSample, verifySample } from '../../src/operations/sample.js';
import { runTests } from '../../src/operations/test.js';
import { recallUnitIndex, samplingUnitOf } from '../../src/operations/units.js';
import { tempStore } from '../helpers/tmp.js';

const CHANGES = 'fixtures/change/changes-2025.csv';
const period = '2025-01-01..2025-12-31';

describe('sampling units over a stored population', () => {
  it('draws the duplicated change once, with both rows, on any worker count', async () => {
    const hashes = new Set<string>();
    for (const workers of [0, 1, 2]) {
      const store = tempStore();
      const { population } = await ingestFile(store, CHANGES, { kind: 'change', workers, chunkSize: 16_384, inThreadBelow: 0 });
      const all = await drawSample(store, population.id, { seed: '20251231', size: 1000, period }, { workers });
      const keys = all.selection.items.map((i) => i.key);
      expect(new Set(keys).size).toBe(keys.length);
      const dup = all.selection.items.find((i) => i.key === 'CHG0000173')!;
      expect(dup.rows).toHaveLength(2);
      expect(all.selection.items.find((i) => i.key === 'CHG0000364')!.rows).toHaveLength(2);
      expect(all.manifest.units).toEqual({ unit: { by: 'item', key: ['change_id'] }, repeated: 2, memberRows: 2 });
      expect(all.manifest.counts.unitMembers).toBe(2);
      expect(all.manifest.eligible).toBe(keys.length);
      hashes.add(all.manifest.selectionSha256);
      const index = recallUnitIndex(store, population, samplingUnitOf(population))!;
      expect(index.groups.find((g) => g.key === 'CHG0000173')).toEqual({ key: 'CHG0000173', records: dup.rows, representative: dup.record });
      store.close();
    }
    expect(hashes.size).toBe(1);
  });

  it('a pull, a sample, an extension and a verification agree, and the matrix tests the item on every row', async () => {
    const store = tempStore();
    const { population } = await ingestFile(store, CHANGES, { kind: 'change', workers: 0 });
    const request = { seed: '20251231', size: 25, method: 'stratified' as const, strata: 'month' as const, period };
    const pulled = await checkAndSample(store, population.id, { period }, request, { workers: 0 }); // builds the index in its pass
    const drawn = await drawSample(store, population.id, request, { workers: 0 });
    expect(pulled.sample.manifest.selectionSha256).toBe(drawn.manifest.selectionSha256);
    const keys = pulled.sample.selection.items.map((i) => i.key);
    expect(new Set(keys).size).toBe(25);
    expect(keys).toContain('CHG0000173'); // the README's sample held it twice before
    const extended = await extendSample(store, drawn.id, 60, { workers: 0 });
    expect(new Set(extended.selection.items.map((i) => i.key)).size).toBe(60);
    expect((await verifySample(store, population.id, extended.manifest, { workers: 0 })).identical).toBe(true);
    const tests = await runTests(store, population.id, { sampleId: pulled.sample.id, period }, { workers: 0 });
    expect(tests.run.items).toHaveLength(25);
    const item = tests.run.items!.find((i) => i.key === 'CHG0000173')!;
    expect(item.rows).toBe(2);
    expect(tests.run.overall.items).toBe(25);
  });
});
