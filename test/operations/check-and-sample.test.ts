import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/rules/types.js';
import { loadSampledRows, sampledRowsFrom } from '../../src/operations/sampled-rows.js';
import type { PopulationChunk } from '../../src/population/types.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { checkAndSample } from '../../src/operations/check-and-sample.js';
import { checkCompleteness } from '../../src/operations/completeness.js';
import { drawSample } from '../../src/operations/sample.js';
import { runTests } from '../../src/operations/test.js';
import { pickRows } from '../../src/store/pick-rows.js';
import { chunksHolding, readChunk, readChunks } from '../../src/store/read-chunks.js';
import { changeLogCsv } from '../helpers/csv.js';
import { tempDir, tempStore, writeTemp } from '../helpers/tmp.js';

const dir = tempDir();
const period = '2025-01-01..2025-12-31';

async function population() {
  const store = tempStore();
  const path = writeTemp(dir, `changes-${Math.random().toString(36).slice(2)}.csv`, changeLogCsv(3000, 'one-pass'));
  // Small chunks: the population spans many chunk files, as a large one does.
  const { population: meta } = await ingestFile(store, path, { kind: 'change', workers: 0, chunkSize: 40_000, inThreadBelow: 0 });
  expect(meta.chunks.length).toBeGreaterThan(5);
  return { store, meta };
}

describe('a pull reads the population once for completeness and selection', () => {
  it('gives the same report and the same selection as the two operations run apart', async () => {
    const { store, meta } = await population();
    const request = { seed: '20251231', size: 40, method: 'stratified' as const, strata: 'month' as const, period };
    const both = await checkAndSample(store, meta.id, { period }, request, { workers: 0 });
    const report = await checkCompleteness(store, meta.id, { period }, { workers: 0, reuse: false }); // scan again, not the report kept above
    const sample = await drawSample(store, meta.id, request, { workers: 0 });
    expect(both.completeness.report).toEqual(report.report);
    expect(both.sample.manifest.selectionSha256).toBe(sample.manifest.selectionSha256);
    expect(both.sample.selection.items.map((i) => i.record)).toEqual(sample.selection.items.map((i) => i.record));
    expect(both.sample.selection.items).toHaveLength(40);
  });
});

describe('reading only the chunks that hold a sample', () => {
  it('names the chunk of each record by its record range, and every chunk when ranges are unknown', () => {
    const refs = [{ recordOffset: 0 }, { recordOffset: 100 }, { recordOffset: 250 }];
    expect(chunksHolding(refs, [1, 100])).toEqual([0]);
    expect(chunksHolding(refs, [101, 251, 9999])).toEqual([1, 2]);
    expect(chunksHolding(refs, [250, 3])).toEqual([0, 1]);
    expect(chunksHolding([{ recordOffset: 0 }, { recordOffset: 0 }], [5])).toEqual([0, 1]); // XLSX: numbered globally
  });

  it('loads the sampled rows and tests the sample exactly as a full read does', async () => {
    const { store, meta } = await population();
    const sample = await drawSample(store, meta.id, { seed: 'rows', size: 30 }, { workers: 0 });
    const records = sample.selection.items.map((i) => i.record);
    const rows = await loadSampledRows(store, meta, records);
    // The same rows read the long way: every chunk, every column materialised.
    const wanted = new Set(records);
    const expected = [];
    for await (const c of readChunks(store.populationDir(meta.id), meta)) {
      for (let i = 0; i < c.rows; i++) {
        if (!wanted.has(c.record[i]!)) continue;
        expected.push({
          record: c.record[i]!,
          values: Object.fromEntries(Object.entries(c.source).map(([h, v]) => [h, v[i] ?? null])),
          fields: Object.fromEntries(Object.entries(c.fields).map(([f, col]) => { const v = col.values[i]; return [f, v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? null : v]; })),
        });
      }
    }
    expect(rows).toEqual(expected.sort((a, b) => a.record - b.record));
    expect(rows).toHaveLength(30);
    // Sample testing reads only some chunks; its findings are the 100% test's findings on those records.
    const onSample = await runTests(store, meta.id, { sampleId: sample.id }, { workers: 0 });
    const onAll = await runTests(store, meta.id, { all: true }, { workers: 0 });
    const strip = (f: Finding) => ({ record: f.record, rule: f.rule, attribute: f.attribute, status: f.status });
    expect(onSample.run.findings.map(strip)).toEqual(onAll.run.findings.filter((f) => f.record !== null && wanted.has(f.record)).map(strip));
    expect(onSample.run.overall.items).toBe(30);
    expect(onSample.run.findings.length).toBeGreaterThan(0); // the comparison above compares something
  });

  it('keeps the chunks a sample test read in this thread, and they give the rows a fresh read gives', async () => {
    const { store, meta } = await population();
    const sample = await drawSample(store, meta.id, { seed: 'kept', size: 25 }, { workers: 0 });
    const records = sample.selection.items.map((i) => i.record);
    const kept = new Map<string, PopulationChunk>();
    await runTests(store, meta.id, { sampleId: sample.id }, { workers: 0 }, kept);
    expect([...kept.keys()]).toEqual(chunksHolding(meta.chunks, records).map((i) => meta.chunks[i]!.file));
    const rows = sampledRowsFrom(kept, records);
    expect(rows).toHaveLength(25);
    expect(rows).toEqual(await loadSampledRows(store, meta, records));
    // Custom rules run on a worker: nothing is kept, and a pull reads the rows itself.
    const none = new Map<string, PopulationChunk>();
    await runTests(store, meta.id, { sampleId: sample.id, rules: { rules: [{ id: 'short-title', attribute: 'Title under 100 characters', test: { matches: ['title', '^.{1,100}$'] } }] } }, { workers: 1 }, none);
    expect(none.size).toBe(0);
  });

  it('picks rows of a stored chunk cell by cell, equal to the same rows of the materialised chunk', async () => {
    const { store, meta } = await population();
    const dir = store.populationDir(meta.id);
    const lazy = await readChunk(dir, meta.chunks[2]!);
    const full = await readChunk(dir, meta.chunks[2]!);
    const rows = [lazy.rows - 1, 0, 7, 3];
    const picked = pickRows(lazy, rows);
    expect(picked.rows).toBe(4);
    expect([...picked.record]).toEqual(rows.map((i) => full.record[i]));
    expect([...picked.line]).toEqual(rows.map((i) => full.line[i]));
    for (const [h, values] of Object.entries(full.source)) expect(picked.source[h], h).toEqual(rows.map((i) => values[i]));
    expect(Object.keys(picked.fields).sort()).toEqual(Object.keys(full.fields).sort());
    for (const [f, col] of Object.entries(full.fields)) {
      expect(picked.fields[f]!.type, f).toBe(col.type);
      expect([...picked.fields[f]!.values], f).toEqual(rows.map((i) => col.values[i]));
    }
  });
});
