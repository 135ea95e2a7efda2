/**
 * A stored population as an arquero table holds what the file holds: each source column's cells
 * (blank as null), each canonical field as the store typed it, the source numbering — across
 * several chunks — and arquero's verbs answer over it as over the file.
 */
import { readFileSync } from 'node:fs';
import { op } from 'arquero';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import type { PopulationChunk } from '../../src/population/types.js';
import { readChunks } from '../../src/store/read-chunks.js';
import { populationColumnNames, populationTable } from '../../src/tables/index.js';
import { tempStore } from '../helpers/tmp.js';

const CHANGES = 'fixtures/change/changes-2025.csv';
const parsed = parse(readFileSync(CHANGES), { bom: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
const header = parsed[0]!.record;
const cells = parsed.slice(1).map((r) => r.record);
/** The line each data record starts on: the line after the previous record ends. */
const startLines = parsed.slice(1).map((_, i) => parsed[i]!.info.lines + 1);
const columnOf = (name: string) => cells.map((row) => row[header.indexOf(name)]!);

async function stored() {
  const store = tempStore();
  const { population } = await ingestFile(store, CHANGES, { kind: 'change', workers: 0, chunkSize: 16_384 });
  return { store, population };
}

describe('populationTable', () => {
  it('holds every source cell of the file, blank as null, in file order, across chunks', async () => {
    const { store, population } = await stored();
    expect(population.chunks.length).toBeGreaterThan(2);
    const t = await populationTable(store, population.id, { columns: ['record', 'line', ...header] });
    expect(t.numRows()).toBe(cells.length);
    for (const name of header) {
      expect(t.array(name), name).toEqual(columnOf(name).map((v) => (v === '' ? null : v)));
    }
    expect(Array.from(t.array('record') as Int32Array)).toEqual(cells.map((_, i) => i + 1));
    expect(Array.from(t.array('line') as Int32Array)).toEqual(startLines); // the file has multi-line cells: lines run ahead of records
    expect(startLines.at(-1)).toBeGreaterThan(cells.length + 1);
  });

  it('gives each canonical field as the store typed it: timestamps as UTC epoch ms, enums lower-cased', async () => {
    const { store, population } = await stored();
    const t = await populationTable(store, population.id);
    expect(t.columnNames()).toEqual(populationColumnNames(population));
    const chunks: PopulationChunk[] = [];
    for await (const c of readChunks(store.populationDir(population.id), population)) chunks.push(c);
    for (const [field, headerName] of Object.entries(population.mapping)) {
      const fromStore = chunks.flatMap((c) => Array.from(c.fields[field]!.values as ArrayLike<string | number | null>).slice(0, c.rows));
      expect(Array.from(t.array(field) as ArrayLike<unknown>), field).toEqual(fromStore);
      expect(t.columnNames()).not.toContain(headerName); // a mapped header is reached through its field
    }
    const deployed = population.mapping.deployed_at!;
    expect(Array.from(t.array('deployed_at') as Float64Array)).toEqual(columnOf(deployed).map((v) => (v === '' ? Number.NaN : Date.parse(v))));
  });

  it("answers arquero's verbs as the file does", async () => {
    const { store, population } = await stored();
    const t = await populationTable(store, population.id, { columns: ['type', 'deployed_at', 'Approved By'] });
    const byType = Object.fromEntries((t.groupby('type').count().objects() as Record<string, unknown>[]).map((r) => [r.type, r.count]));
    const expected: Record<string, number> = {};
    for (const v of columnOf(population.mapping.type!)) expected[v.toLowerCase()] = (expected[v.toLowerCase()] ?? 0) + 1;
    expect(byType).toEqual(expected);
    const unapproved = t.filter((d: Record<string, unknown>) => d['Approved By'] === null).numRows();
    expect(unapproved).toBeGreaterThan(0);
    expect(unapproved).toBe(columnOf('Approved By').filter((v) => v === '').length);
    const in2025 = t.filter((d: Record<string, unknown>) => op.year(d.deployed_at as number) === 2025).numRows();
    expect(in2025).toBe(columnOf(population.mapping.deployed_at!).filter((v) => v.startsWith('2025')).length);
  });

  it('refuses a column the population does not have, naming the closest', async () => {
    const { store, population } = await stored();
    await expect(populationTable(store, population.id, { columns: ['Aproved By'] })).rejects.toMatchObject({ code: 'TM_ERR_UNKNOWN_FIELD', details: { field: 'Aproved By', closest: 'Approved By' } });
  });
});
