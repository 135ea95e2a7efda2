/**
 * shuffleCsvRows: same header first, the same multiset of records (multi-line records intact), a
 * seeded order (same seed → same file, another seed → another order).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { shuffleCsvRows, splitCsvRecords } from '../../src/synthetic/shuffle.js';
import { writePopulation } from '../../src/synthetic/write.js';
import { sha256File, tempDir } from './helpers.js';

vi.setConfig({ testTimeout: 60_000 });
const dir = tempDir();
afterAll(() => dir.remove());

describe('splitCsvRecords', () => {
  it('keeps quoted newlines and doubled quotes inside their record', () => {
    const text = 'a,b\r\n1,"x\r\ny"\r\n2,"he said ""hi""\n, ok"\r\n3,z';
    expect(splitCsvRecords(text)).toEqual(['a,b\r\n', '1,"x\r\ny"\r\n', '2,"he said ""hi""\n, ok"\r\n', '3,z']);
  });
});

describe('shuffleCsvRows', () => {
  it('reorders the records of a generated population, record-aware and seeded', async () => {
    const source = dir.path('src.csv');
    await writePopulation(source, { kind: 'change', rows: 3000, seed: 3, quotedNewlineRate: 0.02, defects: { duplicateRows: 5 } });
    expect(await shuffleCsvRows(source, dir.path('s1.csv'), 42)).toEqual({ records: 3000 });
    await shuffleCsvRows(source, dir.path('s2.csv'), 42);
    await shuffleCsvRows(source, dir.path('s3.csv'), 43);
    expect(sha256File(dir.path('s1.csv'))).toBe(sha256File(dir.path('s2.csv')));
    expect(sha256File(dir.path('s1.csv'))).not.toBe(sha256File(dir.path('s3.csv')));
    const original = parse(readFileSync(source, 'utf8')) as string[][];
    const shuffled = parse(readFileSync(dir.path('s1.csv'), 'utf8')) as string[][];
    expect(shuffled[0]).toEqual(original[0]);
    expect(shuffled.length).toBe(original.length);
    const sorted = (rows: string[][]) => rows.slice(1).map((r) => JSON.stringify(r)).sort();
    expect(sorted(shuffled)).toEqual(sorted(original));
    const moved = shuffled.slice(1).filter((r, i) => r[0] !== original[i + 1]![0]).length;
    expect(moved).toBeGreaterThan(2900);
    expect(readFileSync(dir.path('s1.csv')).length).toBe(readFileSync(source).length);
  });

  it('keeps a BOM and CRLF header first and ends the last record with the file’s line ending', async () => {
    const source = dir.path('bom.csv');
    writeFileSync(source, '\uFEFFid,note\r\n1,a\r\n2,"b\r\nc"\r\n3,d');
    await shuffleCsvRows(source, dir.path('bom-out.csv'), 1);
    const out = readFileSync(dir.path('bom-out.csv'), 'utf8');
    expect(out.startsWith('\uFEFFid,note\r\n')).toBe(true);
    expect(out.endsWith('\r\n')).toBe(true);
    expect(splitCsvRecords(out).slice(1).sort()).toEqual(['1,a\r\n', '2,"b\r\nc"\r\n', '3,d\r\n']);
  });
});
