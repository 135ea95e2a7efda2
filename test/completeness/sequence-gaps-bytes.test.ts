/**
 * sequence_gaps reads a key stored as offsets into Latin-1 chunk text from its bytes (trim, split
 * and parse with no string per row); its partial — and so its result — must equal the string
 * path's on the same chunk, for every shape of key.
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

describe('sequence_gaps on a stored chunk', () => {
  it('parses the key bytes into the partial the string path makes', async () => {
    const dir = tempDir();
    const header = 'Number,Type,Short Description,Requested By,Approved By,Approved On,Implemented By,Deployed On';
    const keys = [
      'CHG0001', 'CHG0002', '  CHG0004 ', '\tCHG0005', 'CHG0005', // padded, tab, repeat
      '"CHG""0007"', '"CHG0009"', // quoted cells (literals): CHG"0007 is a sequence of its own
      'INC-2025-42', 'INC-2025-40', 'CHGé10', 'CHGé12', // other prefixes, a Latin-1 prefix
      '\u00a0CHG0013\u00a0', // no-break spaces: trimmed like String.prototype.trim
      'NODIGITS', 'CHG1234567890123456', '', '   ', '42', '0042', // non-numeric, too many digits, blanks, no prefix
    ];
    const lines = keys.map((k, i) => `${k},Normal,row ${i},alice,bob,2025-01-02 10:00,carol,${i % 2 ? '2024' : '2025'}-0${1 + (i % 9)}-03T10:00:00Z`);
    // Written as Latin-1 bytes: the chunk's text is Latin-1 (a UTF-8 file with é is kept as UTF-8, whose non-ASCII columns are read as UTF-16).
    const file = writeTemp(dir, 'seq.csv', Buffer.from([header, ...lines].join('\n') + '\n', 'latin1'));
    const store = tempStore();
    const { population } = await ingestFile(store, file, { kind: 'change', workers: 0, timeZone: 'UTC' });
    const stored = loadChunk(store.populationDir(population.id), population.chunks[0]!);
    expect(latin1Units(stored, 'change_id')).toBe(true); // the byte path is the one under test
    // The same chunk as plain arrays: no file vectors behind it, so its cells are laid out from strings.
    const plain = { rows: stored.rows, record: stored.record, line: stored.line, source: { ...stored.source }, fields: Object.fromEntries(Object.entries(stored.fields)) };
    for (const sequenceRestart of ['none', 'yearly'] as const) {
      const ctx = completenessPlan({ meta: population, period: parsePeriod('2024-01-01..2025-12-31', 'UTC'), params: { sequenceRestart } }).context;
      const fast = checkRegistry.sequence_gaps.map(stored, ctx);
      const slow = checkRegistry.sequence_gaps.map(plain, ctx);
      expect(fast).toEqual(slow);
      expect(fast.numericKeys).toBe(keys.length - 4); // NODIGITS, the 19-digit key and two blanks aside
      expect(fast.blank).toBe(2);
      expect(fast.nonNumeric.total).toBe(2);
    }
    const ctx = completenessPlan({ meta: population, period: parsePeriod('2024-01-01..2025-12-31', 'UTC') }).context;
    const result = checkRegistry.sequence_gaps.finish(checkRegistry.sequence_gaps.map(stored, ctx), ctx) as { evidence: { gaps: { items: { fromKey: string; toKey: string }[] }; repeated: number } };
    expect(result.evidence.gaps.items.map((g) => `${g.fromKey}..${g.toKey}`)).toEqual(['CHG0003..CHG0003', 'CHG0006..CHG0008', 'CHG0010..CHG0012', 'CHGé11..CHGé11', 'INC-2025-41..INC-2025-41']);
    expect(result.evidence.repeated).toBe(2); // CHG0005 twice; 42 and 0042 (no prefix)
  });
});
