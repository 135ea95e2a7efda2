/**
 * The sampling unit: on random populations with repeated keys (duplicate change ids, identical
 * rows, blank keys, keys spread over several months), no selection — any method, any size, any
 * chunking, extended or not — holds a unit twice; an item unit has one PRN per key (the PRN of
 * seed ␟ key); every row of a repeated unit is listed with the item; and the selection does not
 * depend on the row order or the chunking.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/period/period.js';
import { prnHex, selectionSha256, type MethodName, type SelectionSpec } from '../../src/sampling/index.js';
import { unitIndex, membersBetween, unitRecords } from '../../src/sampling/units.js';
import { selectByUnit } from '../../src/scan/select-by-unit.js';
import { chunkOf, sliceChunk, type Row } from './helpers/chunk-of.js';

const HEADERS = ['change_id', 'type', 'environment', 'requester', 'deployed_at'];

/** A population whose keys repeat: about a third of the rows reuse an earlier key, some rows are exact copies, a few keys are blank. */
function repeatedRows(rng: () => number, count: number): Row[] {
  const start = Date.UTC(2025, 0, 1);
  const year = Date.UTC(2026, 0, 1) - start;
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rng();
    if (rows.length && roll < 0.1) {
      rows.push({ ...rows[Math.floor(rng() * rows.length)]! }); // an identical row
      continue;
    }
    const reuse = rows.length && roll < 0.4;
    const key = reuse ? (rows[Math.floor(rng() * rows.length)]!.change_id ?? null) : rng() < 0.04 ? null : `CHG${String(Math.floor(rng() * 1e6)).padStart(7, '0')}`;
    rows.push({
      change_id: key,
      type: rng() < 0.15 ? 'emergency' : rng() < 0.5 ? 'normal' : 'standard',
      environment: rng() < 0.7 ? 'production' : 'staging',
      requester: `user${Math.floor(rng() * 9)}`,
      deployed_at: rng() < 0.05 ? null : new Date(start + Math.floor(rng() * year)).toISOString(),
    });
  }
  return rows;
}

function shuffled<T>(rng: () => number, list: T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The population cut into `parts` chunks at random places. */
function chunked(rows: Row[], rng: () => number, parts: number) {
  const whole = chunkOf(rows, 'change', HEADERS);
  const cuts = [...new Set(Array.from({ length: parts - 1 }, () => Math.floor(rng() * rows.length)))].sort((a, b) => a - b);
  const bounds = [0, ...cuts, rows.length];
  return bounds.slice(1).map((to, i) => sliceChunk(whole, bounds[i]!, to)).filter((c) => c.rows > 0);
}

function specFor(method: MethodName, rng: () => number, n: number): SelectionSpec {
  const period = parsePeriod('2025-01-01..2025-12-31', 'UTC');
  const base: SelectionSpec = { method, seed: `s${Math.floor(rng() * 1000)}`, n, key: ['change_id'], unit: { by: 'item', key: ['change_id'] }, headers: HEADERS, eventTime: 'deployed_at' };
  const stratify = { by: rng() < 0.5 ? 'month' as const : 'quarter' as const, allocation: rng() < 0.7 ? 'proportional' as const : 'equal' as const, timeZone: 'UTC' };
  const withPeriod = rng() < 0.5 ? { period } : {};
  if (method === 'stratified') return { ...base, ...withPeriod, stratify };
  if (method === 'key-items') return rng() < 0.5 ? { ...base, keyItems: { condition: 'type=emergency', rest: 'random' } } : { ...base, ...withPeriod, stratify, keyItems: { condition: 'type=emergency', rest: 'stratified' } };
  return { ...base, ...withPeriod };
}

const METHODS: MethodName[] = ['random', 'stratified', 'systematic', 'key-items'];

describe('sampling unit (property)', () => {
  it('never draws a unit twice, and an item unit has the PRN of its key', () => {
    const rng = seedrandom('units-property');
    let cases = 0;
    for (let round = 0; round < 60; round++) {
      const rows = repeatedRows(rng, 5 + Math.floor(rng() * 180));
      for (const method of METHODS) {
        const n = 1 + Math.floor(rng() * (rows.length + 4));
        const spec = specFor(method, rng, n);
        const selection = selectByUnit(chunked(rows, rng, 1 + Math.floor(rng() * 5)), spec);
        const keys = selection.items.map((i) => i.key);
        expect(new Set(keys).size, `${method} n=${n}: ${keys.join(',')}`).toBe(keys.length);
        for (const item of selection.items) expect(item.prnHex).toBe(prnHex(spec.seed, item.key));
        // Every row of a drawn unit is listed with it; the listed rows all carry the item's key.
        for (const item of selection.items) {
          const recs = item.rows ?? [item.record];
          expect(recs).toContain(item.record);
          for (const r of recs) {
            const key = rows[r - 1]!.change_id;
            if (key) expect(key).toBe(item.key);
          }
        }
        cases++;
      }
    }
    expect(cases).toBe(240);
  });

  it('extending a sample keeps every earlier unit and still never repeats one', () => {
    const rng = seedrandom('units-extend');
    for (let round = 0; round < 40; round++) {
      const rows = repeatedRows(rng, 20 + Math.floor(rng() * 150));
      for (const method of ['random', 'stratified', 'systematic'] as MethodName[]) {
        const n = 1 + Math.floor(rng() * 25);
        const more = n + 1 + Math.floor(rng() * 25);
        const spec = specFor(method, rng, n);
        const chunks = chunked(rows, rng, 3);
        const first = selectByUnit(chunks, spec);
        const extended = selectByUnit(chunks, { ...spec, n: more, extendFrom: n });
        const keys = extended.items.map((i) => i.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(first.items.every((i) => keys.includes(i.key))).toBe(true);
        if (method !== 'systematic') expect(extended.items.slice(0, first.items.length).map((i) => i.key)).toEqual(first.items.map((i) => i.key));
      }
    }
  });

  it('does not depend on the row order or the chunking', () => {
    const rng = seedrandom('units-order');
    for (let round = 0; round < 30; round++) {
      const rows = repeatedRows(rng, 10 + Math.floor(rng() * 150));
      for (const method of METHODS) {
        const spec = specFor(method, rng, 1 + Math.floor(rng() * 30));
        const a = selectByUnit(chunked(rows, rng, 1), spec);
        const b = selectByUnit(chunked(shuffled(rng, rows), rng, 4), spec);
        expect(selectionSha256(b.items)).toBe(selectionSha256(a.items));
        expect(b.eligible).toBe(a.eligible);
      }
    }
  });

  it('row units: each distinct row is a unit (identical rows are one), keyed by its content', () => {
    const rows: Row[] = [
      { change_id: 'CHG1', type: 'normal', environment: 'production', requester: 'a', deployed_at: '2025-02-01T00:00:00Z' },
      { change_id: 'CHG1', type: 'normal', environment: 'production', requester: 'b', deployed_at: '2025-02-02T00:00:00Z' },
      { change_id: 'CHG1', type: 'normal', environment: 'production', requester: 'b', deployed_at: '2025-02-02T00:00:00Z' },
      { change_id: 'CHG2', type: 'normal', environment: 'production', requester: 'c', deployed_at: '2025-03-01T00:00:00Z' },
    ];
    const selection = selectByUnit([chunkOf(rows, 'change', HEADERS)], { method: 'random', seed: '1', n: 10, key: [], unit: { by: 'row' }, headers: HEADERS, eventTime: 'deployed_at' });
    expect(selection.items).toHaveLength(3);
    expect(selection.items.every((i) => i.key.startsWith('#'))).toBe(true);
    const twice = selection.items.find((i) => i.rows);
    expect(twice?.rows).toEqual([2, 3]);
    expect(selection.units).toEqual({ unit: { by: 'row' }, repeated: 1, memberRows: 1 });
  });

  it('item units: the rows of a key travel together, represented by the earliest event', () => {
    const rows: Row[] = [
      { change_id: 'CHG1', type: 'normal', environment: 'production', requester: 'a', deployed_at: '2025-05-01T00:00:00Z' },
      { change_id: 'CHG2', type: 'normal', environment: 'production', requester: 'b', deployed_at: '2025-01-02T00:00:00Z' },
      { change_id: 'CHG1', type: 'normal', environment: 'production', requester: 'c', deployed_at: '2025-02-01T00:00:00Z' },
    ];
    const selection = selectByUnit([chunkOf(rows, 'change', HEADERS)], { method: 'stratified', seed: '1', n: 5, key: ['change_id'], headers: HEADERS, eventTime: 'deployed_at', stratify: { by: 'month', allocation: 'proportional', timeZone: 'UTC' } });
    const chg1 = selection.items.find((i) => i.key === 'CHG1')!;
    expect(chg1.record).toBe(3); // February is CHG1's earliest row
    expect(chg1.stratum).toBe('2025-02');
    expect(chg1.rows).toEqual([1, 3]);
    expect(selection.counts.unitMembers).toBe(1);
    expect(selection.strata?.map((s) => [s.id, s.population])).toEqual([['2025-01', 1], ['2025-02', 1]]);
  });
});

describe('unit index', () => {
  it('represents a unit by its earliest event, rows without one last, ties by lowest record', () => {
    const index = unitIndex({ by: 'item', key: ['k'] }, [
      { key: 'A', records: [7, 2, 5], times: [NaN, 30, 10] },
      { key: 'B', records: [9, 4], times: [NaN, NaN] },
      { key: 'C', records: [11], times: [1] },
    ]);
    expect(index.groups).toEqual([
      { key: 'B', records: [4, 9], representative: 4 },
      { key: 'A', records: [2, 5, 7], representative: 5 },
    ]);
    expect(index.members).toEqual([2, 7, 9]);
    expect(unitRecords(index)(5)).toEqual([2, 5, 7]);
    expect(unitRecords(index)(11)).toEqual([11]);
  });

  it('gives each chunk the members in its record range', () => {
    expect([...membersBetween({ members: [4, 9, 12, 20] }, 4, 12)]).toEqual([9, 12]);
    expect([...membersBetween({ members: [4, 9, 12, 20] }, 20, 99)]).toEqual([]);
    expect([...membersBetween({ members: [4, 9, 12, 20] }, 0, 4)]).toEqual([4]);
  });
});
