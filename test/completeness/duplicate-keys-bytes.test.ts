/**
 * duplicate_keys reads a key stored as offsets into Latin-1 chunk text as bytes (hash and gather,
 * no string per row); its partial must equal the string path's on the same chunk.
 */
import { describe, expect, it } from 'vitest';
import { checkRegistry } from '../../src/completeness/registry.js';
import { completenessPlan } from '../../src/completeness/plan.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { parsePeriod } from '../../src/period/period.js';
import { columnsOf } from '../../src/population/vectors.js';
import type { PopulationChunk } from '../../src/population/types.js';
import { loadChunk } from '../../src/store/read-chunks.js';
import { tempDir, tempStore, writeTemp } from '../helpers/tmp.js';

/** Whether the chunk's field is read as Latin-1 code units straight from its file (the path under test). */
function latin1Units(chunk: PopulationChunk, field: string): boolean {
  const column = columnsOf(chunk).field(field);
  return chunk.vectors !== undefined && column?.kind === 'text' && column.units().units instanceof Uint8Array;
}

describe('duplicate_keys on a stored chunk', () => {
  it("hashes and gathers the key bytes (no string per row) into the partial the string path makes", async () => {
    const dir = tempDir();
    const header = 'Number,Type,Short Description,Requested By,Approved By,Approved On,Implemented By,Deployed On';
    const keys = ['CHG1', '  CHG1 ', '"CH""G2"', '"CH""G2"', '', 'CHGé3', 'CHGé3', 'X', 'CHG4', 'K'.repeat(70), 'K'.repeat(70)];
    const lines = keys.map((k, i) => `${k},Normal,row ${i},alice,bob,2025-01-02 10:00,carol,2025-01-0${1 + (i % 9)}T10:00:00Z`);
    // Written as Latin-1 bytes: the chunk's text is Latin-1 (a UTF-8 file with é is kept as UTF-8, whose non-ASCII columns are read as UTF-16).
    const file = writeTemp(dir, 'dups.csv', Buffer.from([header, ...lines].join('\n') + '\n', 'latin1'));
    const store = tempStore();
    const { population } = await ingestFile(store, file, { kind: 'change', workers: 0, timeZone: 'UTC' });
    const stored = loadChunk(store.populationDir(population.id), population.chunks[0]!);
    expect(latin1Units(stored, 'change_id')).toBe(true);
    // The same chunk as plain arrays: no file vectors behind it, so its cells are laid out from strings.
    const plain = { rows: stored.rows, record: stored.record, line: stored.line, source: { ...stored.source }, fields: Object.fromEntries(Object.entries(stored.fields)) };
    const ctx = completenessPlan({ meta: population, period: parsePeriod('2025-01-01..2025-12-31', 'UTC') }).context;
    const fast = checkRegistry.duplicate_keys.map(stored, ctx);
    const slow = checkRegistry.duplicate_keys.map(plain, ctx);
    expect(fast).toEqual(slow);
    expect(fast.keys[0]!.text).toBe('CHG1CHG1CH"G2CH"G2CHGé3CHGé3XCHG4' + 'K'.repeat(140));
    const result = checkRegistry.duplicate_keys.finish(fast, ctx) as { evidence: { groups: { items: { key: string; rows: number }[] } } };
    expect(result.evidence.groups.items.map((g) => [g.key, g.rows])).toEqual([['CHG1', 2], ['CH"G2', 2], ['CHGé3', 2], ['K'.repeat(70), 2]]);
  });
});
