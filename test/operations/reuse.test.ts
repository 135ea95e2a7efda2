/**
 * A completeness report is read back, not recomputed, when the same population is checked again
 * with the same period and parameters; anything that changes the report's inputs misses, and
 * `reuse: false` always scans. The sample is drawn afresh either way.
 */
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { checkAndSample } from '../../src/operations/check-and-sample.js';
import { checkCompleteness, completenessInput } from '../../src/operations/completeness.js';
import { reportKey } from '../../src/operations/reuse.js';
import { drawSample } from '../../src/operations/sample.js';
import { changeLogCsv } from '../helpers/csv.js';
import { tempDir, tempStore, writeTemp } from '../helpers/tmp.js';

const period = '2025-01-01..2025-12-31';

describe('reusing a completeness report', () => {
  it('reads the kept report back for the same inputs, draws the sample afresh, and scans again when asked', async () => {
    const store = tempStore();
    const path = writeTemp(tempDir(), 'changes.csv', changeLogCsv(800, 'reuse'));
    const { population: meta } = await ingestFile(store, path, { kind: 'change', workers: 0 });
    const request = { seed: 'first', size: 20, period };
    const first = await checkAndSample(store, meta.id, { period }, request, { workers: 0 });
    const key = reportKey(completenessInput(store, meta, { period }));
    expect(store.derived(key)).toEqual(first.completeness.report);

    // Mark the kept report: a later request that reads it back shows the mark.
    store.saveDerived(key, meta.id, { ...first.completeness.report, status: 'marked' });
    const second = await checkAndSample(store, meta.id, { period }, { ...request, seed: 'second' }, { workers: 0 });
    expect(second.completeness.report.status).toBe('marked');
    expect(second.completeness.id).not.toBe(first.completeness.id); // the request still gets its own artefact
    expect(store.listArtefacts(meta.id, 'completeness')).toHaveLength(2);
    const fresh = await drawSample(store, meta.id, { ...request, seed: 'second' }, { workers: 0 });
    expect(second.sample.manifest.selectionSha256).toBe(fresh.manifest.selectionSha256);
    expect(second.sample.manifest.selectionSha256).not.toBe(first.sample.manifest.selectionSha256);

    const recomputed = await checkCompleteness(store, meta.id, { period }, { workers: 0, reuse: false });
    expect(recomputed.report).toEqual(first.completeness.report);
    expect(store.derived(key)).toEqual(first.completeness.report); // the recomputed report replaces the mark
  });

  it('keys the report by everything it depends on', async () => {
    const store = tempStore();
    const { population: meta } = await ingestFile(store, writeTemp(tempDir(), 'keys.csv', changeLogCsv(50, 'keys')), { kind: 'change', workers: 0 });
    const input = (req: Parameters<typeof completenessInput>[2], m = meta) => completenessInput(store, m, req);
    const base = reportKey(input({ period }));
    expect(reportKey(input({ period }))).toBe(base);
    expect(reportKey(input({ period: '2025-01-01..2025-06-30' }))).not.toBe(base);
    expect(reportKey(input({ period, timeZone: 'America/New_York' }))).not.toBe(base);
    expect(reportKey(input({ period, params: { expectCount: 10 } }))).not.toBe(base);
    expect(reportKey(input({ period }, { ...meta, id: 'pop_0000000000000000000000bb' }))).not.toBe(base);
  });
});
