import { readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { checkAndSample } from '../../src/operations/check-and-sample.js';
import { drawSample, planFor, selectionSpec, type SampleRequest } from '../../src/operations/sample.js';
import { recordKeys } from '../../src/population/key.js';
import type { PopulationMeta } from '../../src/population/types.js';
import { closePools, poolStarted } from '../../src/pool/pool.js';
import { selectSample } from '../../src/sampling/index.js';
import { columnsOf } from '../../src/population/vectors.js';
import { loadProjection } from '../../src/scan/projection-file.js';
import { PROJECTED_KEY, projectionColumns, projectionRef, projectionTag } from '../../src/scan/selection-projection.js';
import { loadChunk, readChunks } from '../../src/store/read-chunks.js';
import type { Store } from '../../src/store/store.js';
import { changeLogCsv } from '../helpers/csv.js';
import { tempDir, tempStore, writeTemp } from '../helpers/tmp.js';

const period = '2025-01-01..2025-12-31';
const HEADER = 'Number,Type,Short Description,Requested By,Approved By,Approved On,Implemented By,Deployed On';

/** A change log whose keys take every path: plain, padded, quoted (literal), Latin-1, blank (content key), optionally beyond Latin-1. */
function awkwardKeys(rows: number, wide: boolean): string {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++) {
    const month = String(1 + (i % 12)).padStart(2, '0');
    const key = i % 97 === 0 ? '' : i % 31 === 0 ? `"CHG,${i}"` : i % 17 === 0 ? `  CHG${i}  ` : i % 13 === 0 ? `CHGé${i}` : wide && i % 11 === 0 ? `CHGΩ${i}` : `CHG${String(i).padStart(7, '0')}`;
    lines.push(`${key},Normal,row ${i},alice,bob,2025-${month}-02 10:00,carol,2025-${month}-${String(1 + (i % 27)).padStart(2, '0')}T10:00:00Z`);
  }
  return lines.join('\n') + '\n';
}

async function stored(csv: string) {
  const store = tempStore();
  const file = writeTemp(tempDir(), `p-${Math.random().toString(36).slice(2)}.csv`, csv);
  const { population } = await ingestFile(store, file, { kind: 'change', workers: 0, chunkSize: 16_000, inThreadBelow: 0, timeZone: 'UTC' });
  expect(population.chunks.length).toBeGreaterThan(3);
  return { store, meta: population };
}

/** The selection computed the long way: every chunk read whole, in this thread, no projection. */
async function reference(store: Store, meta: PopulationMeta, request: SampleRequest) {
  const spec = selectionSpec(meta, request, planFor(meta, request).n);
  const chunks = [];
  for await (const c of readChunks(store.populationDir(meta.id), meta)) chunks.push(c);
  return selectSample(chunks, spec).items;
}

const selectionFiles = (store: Store, meta: PopulationMeta) => readdirSync(store.populationDir(meta.id)).filter((f) => f.endsWith('.sel'));

/** Move the chunk files away: a selection that still works read only the projections. */
function hideChunks(store: Store, meta: PopulationMeta): () => void {
  const dir = store.populationDir(meta.id);
  for (const ref of meta.chunks) renameSync(join(dir, ref.file), join(dir, `${ref.file}.away`));
  return () => { for (const ref of meta.chunks) renameSync(join(dir, `${ref.file}.away`), join(dir, ref.file)); };
}

describe('selection projections', () => {
  it("hold every row's record key exactly as recordKeys gives it, its numbers and its event time", async () => {
    for (const wide of [false, true]) {
      const { store, meta } = await stored(awkwardKeys(900, wide));
      const request = { seed: '1', size: 10, method: 'random' as const, period, timeZone: 'UTC' };
      const spec = selectionSpec(meta, request, 10);
      const first = await drawSample(store, meta.id, request, { workers: 0 }); // the first selection writes them
      expect(first.selection.items).toEqual(await reference(store, meta, request));
      const tag = projectionTag(spec)!;
      expect(selectionFiles(store, meta)).toHaveLength(meta.chunks.length);
      let wideChunks = 0;
      for (const ref of meta.chunks) {
        const chunk = loadChunk(store.populationDir(meta.id), ref);
        const keys = recordKeys(chunk, spec.key, spec.headers);
        const projection = loadProjection(store.populationDir(meta.id), projectionRef(ref, tag));
        const isWide = keys.some((k) => /Ω/.test(k));
        if (isWide) wideChunks++;
        expect(projectionColumns(chunk, spec).encoding).toBe(isWide ? 'utf8' : 'latin1');
        expect(projection.rows).toBe(chunk.rows);
        const projected = columnsOf(projection).field(PROJECTED_KEY);
        expect(projected?.kind === 'text' && projected.values()).toEqual(keys);
        expect(projected?.kind === 'text' && Array.from({ length: chunk.rows }, (_, i) => projected.cell(i))).toEqual(keys);
        expect(keys.filter((k) => k.startsWith('#')).length + keys.filter((k) => k.includes(',')).length).toBeGreaterThan(0);
        expect(Array.from(projection.record)).toEqual(Array.from(chunk.record));
        expect(Array.from(projection.line)).toEqual(Array.from(chunk.line));
        const times = columnsOf(projection).field('deployed_at');
        expect(times?.kind === 'number' && Array.from(times.values)).toEqual(Array.from(chunk.fields.deployed_at!.values as Float64Array));
      }
      expect(wideChunks > 0).toBe(wide);
    }
  });

  it('give every method the selection a full read gives, in this thread and with workers, without the chunk files', async () => {
    const { store, meta } = await stored(awkwardKeys(1500, false));
    const requests: SampleRequest[] = [
      { seed: 'a', size: 24, method: 'stratified', strata: 'month', period, timeZone: 'UTC' },
      { seed: 'b', size: 15, method: 'random', period, timeZone: 'UTC' },
      { seed: 'c', size: 12, method: 'systematic', period, timeZone: 'UTC' },
    ];
    const expected = [];
    for (const r of requests) expected.push(await reference(store, meta, r));
    // First selection: reads the chunks and writes the projections.
    const first = await drawSample(store, meta.id, requests[0]!, { workers: 0 });
    expect(first.selection.items).toEqual(expected[0]);
    expect(selectionFiles(store, meta)).toHaveLength(meta.chunks.length);
    const restore = hideChunks(store, meta);
    try {
      for (const workers of [0, 2]) {
        for (let i = 0; i < requests.length; i++) {
          // inThreadBelow: 0: workers start beside this thread even for these few rows.
          const again = await drawSample(store, meta.id, requests[i]!, { workers, inThreadBelow: 0 });
          expect(again.selection.items, `${requests[i]!.method}, ${workers} workers`).toEqual(expected[i]);
        }
      }
      expect(poolStarted(1)).toBe(true); // the worker beside this thread ran
      await closePools();
      // By default a projected selection this small starts no worker at all.
      expect((await drawSample(store, meta.id, requests[1]!, { workers: 2 })).selection.items).toEqual(expected[1]);
      expect(poolStarted(1)).toBe(false);
    } finally {
      restore();
      await closePools();
    }
  });

  it('are written by the pull\'s one pass, and not used by a filter or key items (they read other fields)', async () => {
    const { store, meta } = await stored(changeLogCsv(1200, 'proj'));
    await checkAndSample(store, meta.id, { period }, { seed: '5', size: 20, method: 'stratified', strata: 'month', period }, { workers: 0 });
    expect(selectionFiles(store, meta)).toHaveLength(meta.chunks.length);
    const base = selectionSpec(meta, { seed: '5', size: 5 }, 5);
    expect(projectionTag({ ...base, filter: 'type=normal' })).toBeUndefined();
    expect(projectionTag({ ...base, method: 'key-items', keyItems: { condition: 'type=emergency', rest: 'random' } })).toBeUndefined();
    expect(projectionTag({ ...base, eventTime: 'approved_at' })).not.toBe(projectionTag(base)); // another event time: other files
    const filtered: SampleRequest = { seed: 'f', size: 10, filter: 'type=emergency', period };
    const expected = await reference(store, meta, filtered);
    const restore = hideChunks(store, meta);
    try {
      await expect(drawSample(store, meta.id, filtered, { workers: 0 })).rejects.toThrow(); // it needs the chunks
    } finally {
      restore();
    }
    expect((await drawSample(store, meta.id, filtered, { workers: 0 })).selection.items).toEqual(expected);
  });

  it('serve XLSX populations too (column strings, no chunk text): the same keys and selection', async () => {
    const store = tempStore();
    const file = new URL('../../fixtures/xlsx/changes.xlsx', import.meta.url).pathname;
    const { population: meta } = await ingestFile(store, file, { kind: 'generic', key: ['Number'], eventTime: 'Approved', workers: 0, timeZone: 'UTC' });
    expect(meta.source.format).toBe('xlsx');
    expect(meta.eventTime).toBeDefined();
    const request: SampleRequest = { seed: 'x', size: 6, method: 'random' };
    const expected = await reference(store, meta, request);
    expect((await drawSample(store, meta.id, request, { workers: 0 })).selection.items).toEqual(expected);
    const spec = selectionSpec(meta, request, 6);
    const chunk = loadChunk(store.populationDir(meta.id), meta.chunks[0]!);
    expect(projectionColumns(chunk, spec).encoding).toBe('latin1'); // XLSX chunks keep strings: the joined path
    const projected = columnsOf(loadProjection(store.populationDir(meta.id), projectionRef(meta.chunks[0]!, projectionTag(spec)!))).field(PROJECTED_KEY);
    expect(projected?.kind === 'text' && projected.values()).toEqual(recordKeys(chunk, spec.key, spec.headers));
    const restore = hideChunks(store, meta);
    try {
      expect((await drawSample(store, meta.id, { ...request, seed: 'y' }, { workers: 0 })).selection.items).toHaveLength(6);
    } finally {
      restore();
    }
    expect((await drawSample(store, meta.id, { ...request, seed: 'y' }, { workers: 0 })).selection.items).toEqual(await reference(store, meta, { ...request, seed: 'y' }));
  });
});
