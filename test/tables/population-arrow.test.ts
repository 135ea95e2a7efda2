/**
 * A stored population as Arrow IPC holds what its arquero table holds, read back through
 * flechette: every source cell (blank as null), every canonical field as the store typed it
 * (timestamps as epoch ms, enums over one dictionary across chunks), the numbering — on the change
 * fixture (Latin-1 text with accents, quoted multi-line cells) and on a generated UTF-8 export in
 * several scripts (every field quoted, CRLF, BOM), each stored in several chunks.
 */
import { join } from 'node:path';
import { Type, tableFromIPC } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import type { Store } from '../../src/store/store.js';
import { writePopulation } from '../../src/synthetic/index.js';
import { populationArrow, populationColumnNames, populationTable } from '../../src/tables/index.js';
import { tempDir, tempStore } from '../helpers/tmp.js';

async function stored(file: string): Promise<{ store: Store; id: string; chunks: number }> {
  const store = tempStore();
  const { population } = await ingestFile(store, file, { kind: 'change', workers: 0, chunkSize: 16_384 });
  return { store, id: population.id, chunks: population.chunks.length };
}

async function scripts(): Promise<string> {
  const file = join(tempDir(), 'scripts.csv');
  await writePopulation(file, { kind: 'change', rows: 600, seed: 11, period: { start: '2025-01-01', end: '2025-12-31' }, nonAsciiText: 'scripts', quoting: 'all', lineEnding: '\r\n', bom: true });
  return file;
}

/** What the arquero table holds, with NaN (blank or invalid) as null, as Arrow holds it. */
const asArrow = (values: ArrayLike<unknown>) => Array.from(values, (v) => (typeof v === 'number' && Number.isNaN(v) ? null : v));

describe('populationArrow', () => {
  for (const [what, file] of [['the change fixture', async () => 'fixtures/change/changes-2025.csv'], ['a UTF-8 export in several scripts', scripts]] as const) {
    it(`holds every column of the arquero table, cell for cell, typed (${what})`, async () => {
      const { store, id, chunks } = await stored(await file());
      expect(chunks).toBeGreaterThan(2);
      const meta = store.requirePopulation(id);
      const names = [...populationColumnNames(meta), ...Object.values(meta.mapping)];
      const arrow = tableFromIPC(await populationArrow(store, id, { columns: names }));
      const table = await populationTable(store, id, { columns: names });
      expect(arrow.names).toEqual(names);
      expect(arrow.numRows).toBe(table.numRows());
      expect(arrow.getChild('record').data.length).toBe(chunks); // one record batch per chunk
      for (const name of names) expect(asArrow(arrow.getChild(name).toArray()), name).toEqual(asArrow(table.array(name) as ArrayLike<unknown>));
      const typeOf = (name: string) => arrow.schema.fields.find((f) => f.name === name)!.type;
      expect(typeOf('record').typeId).toBe(Type.Int);
      expect(typeOf('deployed_at')).toMatchObject({ typeId: Type.Timestamp, timezone: 'UTC' });
      expect(typeOf('type').typeId).toBe(Type.Dictionary);
      expect(typeOf('title').typeId).toBe(Type.Utf8);
    });
  }

  it('keeps one dictionary for an enum across chunks, whatever order each chunk met its values in', async () => {
    const { store, id } = await stored('fixtures/change/changes-2025.csv');
    const arrow = tableFromIPC(await populationArrow(store, id, { columns: ['type'] }));
    const column = arrow.getChild('type');
    const dictionaries = new Set(column.data.map((b) => (b as unknown as { dictionary: unknown }).dictionary));
    expect(dictionaries.size).toBe(1);
    const values = (column.data[0] as unknown as { dictionary: { toArray(): string[] } }).dictionary.toArray();
    expect(new Set(values).size).toBe(values.length);
    expect(new Set(column.toArray())).toEqual(new Set([...values, ...(column.nullCount ? [null] : [])]));
  });

  it('refuses a column the population does not have, naming the closest', async () => {
    const { store, id } = await stored('fixtures/change/changes-2025.csv');
    await expect(populationArrow(store, id, { columns: ['Aproved By'] })).rejects.toMatchObject({ code: 'TM_ERR_UNKNOWN_FIELD', details: { field: 'Aproved By', closest: 'Approved By' } });
  });
});
