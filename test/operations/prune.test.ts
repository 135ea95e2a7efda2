/**
 * Pruning the data directory: a dry run by default; by id or by age; a population goes with its
 * source, chunks and completeness reports; what a kept sample (or test run) refers to stays, named,
 * unless forced; a shared source file stays while a kept population holds it; each deletion and the
 * prune itself in the audit log.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { checkCompleteness } from '../../src/operations/completeness.js';
import { prune } from '../../src/operations/prune.js';
import { drawSample } from '../../src/operations/sample.js';
import { runTests } from '../../src/operations/test.js';
import type { Store } from '../../src/store/store.js';
import { changeLogCsv } from '../helpers/csv.js';
import { tempDir, tempStore, writeTemp } from '../helpers/tmp.js';

const period = '2025-01-01..2025-12-31';

async function world(store: Store) {
  const dir = tempDir();
  const first = await ingestFile(store, writeTemp(dir, 'a.csv', changeLogCsv(120, 'prune-a')), { kind: 'change', workers: 0 });
  const second = await ingestFile(store, writeTemp(dir, 'b.csv', changeLogCsv(80, 'prune-b')), { kind: 'change', workers: 0 });
  const report = await checkCompleteness(store, first.population.id, { period }, { workers: 0 });
  const sample = await drawSample(store, first.population.id, { seed: 's', size: 10, period }, { workers: 0 });
  const run = await runTests(store, first.population.id, { sampleId: sample.id }, { workers: 0 });
  const lonely = await checkCompleteness(store, second.population.id, { period }, { workers: 0 });
  return { a: first.population, b: second.population, report, sample, run, lonely };
}

describe('prune', () => {
  it('plans without deleting, and deletes a population nothing refers to with its source, chunks and report', async () => {
    const store = tempStore();
    const { a, b, lonely } = await world(store);
    const plan = prune(store, { ids: [b.id] });
    expect(plan.applied).toBe(false);
    expect(plan.populations.map((p) => p.id)).toEqual([b.id]);
    expect(plan.records.map((r) => r.id)).toEqual([lonely.id]);
    expect(plan.kept).toEqual([]);
    expect(plan.bytes).toBeGreaterThan(b.source.bytes); // the source and its chunks
    expect(store.population(b.id)).toBeDefined(); // a dry run deletes nothing
    expect(existsSync(store.sourcePath(b.source.sha256))).toBe(true);

    const done = prune(store, { ids: [b.id], apply: true, actor: 'tester' });
    expect(done.applied).toBe(true);
    expect(store.population(b.id)).toBeUndefined();
    expect(store.artefact(lonely.id)).toBeUndefined();
    expect(existsSync(store.sourcePath(b.source.sha256))).toBe(false);
    expect(existsSync(store.populationDir(b.id))).toBe(false);
    expect(store.population(a.id)).toBeDefined();
    const log = store.auditLog(5);
    expect(log[0]).toMatchObject({ actor: 'tester', action: 'prune', params: { ids: [b.id], populations: [b.id], records: 1, force: false } });
    expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['population.delete', 'completeness.delete']));
  });

  it('keeps a population a kept sample refers to, naming the sample, unless forced', async () => {
    const store = tempStore();
    const { a, report, sample, run } = await world(store);
    const plan = prune(store, { ids: [a.id], apply: true });
    expect(plan.populations).toEqual([]);
    expect(plan.records).toEqual([]); // its report stays with it
    expect(plan.kept).toEqual([{ id: a.id, type: 'population', reason: `referred to by ${sample.id}, ${run.id}` }]);
    expect(store.population(a.id)).toBeDefined();

    const forced = prune(store, { ids: [a.id], force: true, apply: true });
    expect(forced.populations.map((p) => p.id)).toEqual([a.id]);
    expect(forced.records.map((r) => r.id).sort()).toEqual([report.id, sample.id, run.id].sort());
    expect(forced.records.map((r) => r.id).indexOf(run.id)).toBeLessThan(forced.records.map((r) => r.id).indexOf(sample.id)); // children first
    expect(store.artefact(sample.id)).toBeUndefined();
    expect(store.population(a.id)).toBeUndefined();
  });

  it('keeps a sample a kept test run was made from; prunes by age what is older than the cutoff', async () => {
    const store = tempStore();
    const { a, b, sample, run } = await world(store);
    expect(prune(store, { ids: [sample.id] }).kept).toEqual([{ id: sample.id, type: 'sample', reason: `referred to by ${run.id}` }]);
    // Nothing is older than a day; everything is older than a day from tomorrow.
    expect(prune(store, { olderThanDays: 1 })).toMatchObject({ populations: [], records: [], kept: [] });
    const tomorrow = Date.now() + 86_400_000 * 1.5;
    const all = prune(store, { olderThanDays: 1, now: tomorrow });
    expect(all.populations.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
    expect(all.kept).toEqual([]);
    expect(all.records).toHaveLength(4);
  });

  it('keeps a source file a kept population was also read from', async () => {
    const store = tempStore();
    const path = writeTemp(tempDir(), 'same.csv', changeLogCsv(50, 'prune-shared'));
    const utc = await ingestFile(store, path, { kind: 'change', workers: 0 });
    const berlin = await ingestFile(store, path, { kind: 'change', workers: 0, timeZone: 'Europe/Berlin' });
    expect(berlin.population.id).not.toBe(utc.population.id);
    // Alone, each frees its chunks only (the other holds the source); together, the source once more.
    const berlinAlone = prune(store, { ids: [berlin.population.id] }).bytes;
    const utcAlone = prune(store, { ids: [utc.population.id] }).bytes;
    expect(prune(store, { ids: [utc.population.id, berlin.population.id] }).bytes).toBe(berlinAlone + utcAlone + utc.population.source.bytes);
    expect(prune(store, { ids: [berlin.population.id], apply: true }).bytes).toBe(berlinAlone);
    expect(existsSync(store.sourcePath(utc.population.source.sha256))).toBe(true);
    expect(store.population(utc.population.id)).toBeDefined();
  });

  it('refuses an unknown id and a request that names nothing', () => {
    const store = tempStore();
    expect(() => prune(store, { ids: ['pop_nothing'] })).toThrow(expect.objectContaining({ code: 'TM_ERR_NOT_FOUND' }));
    expect(() => prune(store, {})).toThrow(expect.objectContaining({ code: 'TM_ERR_INVALID_OPTION' }));
  });
});
