import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/period/period.js';
import { runCompleteness, type CheckResultFor } from '../../src/completeness/index.js';
import type { Kind } from '../../src/population/kinds.js';
import { chunkOf, headersOf, metaOf, pickRows, rng, shuffled, splitChunk, type Row } from './helpers.js';

const period = parsePeriod('2025-01-01..2025-12-31');

async function checks(rows: Row[], kind: Kind = 'change', order?: number[], split?: number[]) {
  let chunk = chunkOf(rows, kind);
  if (order) chunk = pickRows(chunk, order);
  const report = await runCompleteness({ meta: metaOf(kind, headersOf(rows)), chunks: split ? splitChunk(chunk, split) : [chunk], period });
  return {
    keys: report.checks.find((c) => c.id === 'duplicate_keys') as CheckResultFor<'duplicate_keys'>,
    rows: report.checks.find((c) => c.id === 'duplicate_rows') as CheckResultFor<'duplicate_rows'>,
  };
}

const at = '2025-05-05T10:00:00Z';
const changes: Row[] = [
  { change_id: 'CHG1', deployed_at: at, title: 'a' }, // 1
  { change_id: 'CHG2', deployed_at: at, title: 'b' }, // 2
  { change_id: 'CHG3', deployed_at: at, title: 'c' }, // 3
  { change_id: 'CHG1', deployed_at: at, title: 'a' }, // 4 identical to 1
  { change_id: 'CHG2', deployed_at: at, title: 'B' }, // 5 same key as 2, different title
  { change_id: null, deployed_at: at, title: 'x' }, // 6 blank key
  { change_id: 'CHG1', deployed_at: at, title: 'z' }, // 7
  { change_id: null, deployed_at: at, title: 'x' }, // 8 identical to 6
];

describe('duplicate_keys', () => {
  it('groups rows by business key, with record numbers, blanks counted aside', async () => {
    const { keys } = await checks(changes);
    expect(keys.status).toBe('fail');
    expect(keys.evidence!.groups.items).toEqual([{ key: 'CHG1', rows: 3, records: [1, 4, 7] }, { key: 'CHG2', rows: 2, records: [2, 5] }]);
    expect(keys.evidence).toMatchObject({ rowsWithKey: 6, blankKey: 2, duplicateKeys: 2, rowsInvolved: 5, extraRows: 3 });
  });

  it('is the same for shuffled rows split in chunks', async () => {
    const base = await checks(changes);
    const again = await checks(changes, 'change', shuffled(changes.length, 7), [3, 2]);
    expect(again.keys).toEqual(base.keys);
    expect(again.rows).toEqual(base.rows);
  });

  it('joins multi-field keys (termination: employee + account)', async () => {
    const rows: Row[] = [
      { employee_id: 'E1', account_id: 'jdoe', termination_date: at },
      { employee_id: 'E1', account_id: 'jdoe-adm', termination_date: at },
      { employee_id: 'E1', account_id: 'jdoe', termination_date: '2025-05-06T00:00:00Z' },
    ];
    const { keys } = await checks(rows, 'termination');
    expect(keys.evidence!.groups.items).toEqual([{ key: 'E1 | jdoe', rows: 2, records: [1, 3] }]);
  });

  it('agrees with an exact grouping of the keys (property)', async () => {
    const r = rng(8);
    const data: Row[] = Array.from({ length: 500 }, () => ({ change_id: r() < 0.05 ? null : `CHG${Math.floor(r() * 400)}`, deployed_at: at }));
    const exact = new Map<string, number[]>();
    data.forEach((row, i) => row.change_id && exact.set(row.change_id, [...(exact.get(row.change_id) ?? []), i + 1]));
    const expected = [...exact].filter(([, g]) => g.length > 1).sort((x, y) => x[1][0]! - y[1][0]!);
    const { keys } = await checks(data, 'change', undefined, [123, 200]);
    expect(keys.evidence!.groups.total).toBe(expected.length);
    expect(keys.evidence!.groups.items.map((g) => [g.key, g.records])).toEqual(expected.slice(0, 100));
    expect(keys.evidence!.extraRows).toBe(expected.reduce((n, [, g]) => n + g.length - 1, 0));
  });

  it('passes when keys are unique and does not run without a key', async () => {
    expect((await checks(changes.slice(0, 3))).keys.status).toBe('pass');
    expect((await checks([{ a: '1' }, { a: '1' }], 'generic')).keys).toMatchObject({ ran: false, status: 'not_run' });
  });
});

describe('duplicate_rows', () => {
  it('finds rows equal in every source column', async () => {
    const { rows } = await checks(changes);
    expect(rows.status).toBe('fail');
    expect(rows.evidence!.groups.items.map((g) => g.records)).toEqual([[1, 4], [6, 8]]);
    expect(rows.evidence).toMatchObject({ duplicateGroups: 2, rowsInvolved: 4, extraRows: 2 });
    expect(rows.evidence!.groups.items[0]!.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('tells apart values that only concatenate alike, and blank from a space-free value', async () => {
    const { rows } = await checks([{ a: 'ab', b: 'c' }, { a: 'a', b: 'bc' }, { a: null, b: 'abc' }, { a: 'abc', b: null }], 'generic');
    expect(rows.status).toBe('pass');
    expect(rows.evidence!.duplicateGroups).toBe(0);
  });

  it('agrees with an exact comparison of the rows (property, small alphabet forces many duplicates)', async () => {
    const r = rng(42);
    for (let trial = 0; trial < 5; trial++) {
      const data: Row[] = Array.from({ length: 300 }, () => ({ a: ['x', 'y', null][Math.floor(r() * 3)]!, b: ['1', '2', '12'][Math.floor(r() * 3)]!, c: r() < 0.5 ? 'p' : 'q' }));
      const exact = new Map<string, number[]>();
      data.forEach((row, i) => {
        const k = JSON.stringify([row.a, row.b, row.c]);
        exact.set(k, [...(exact.get(k) ?? []), i + 1]);
      });
      const expected = [...exact.values()].filter((g) => g.length > 1).sort((x, y) => x[0]! - y[0]!);
      const { rows } = await checks(data, 'generic', undefined, [97, 101]);
      expect(rows.evidence!.groups.total).toBe(expected.length);
      expect(rows.evidence!.groups.items.map((g) => g.rows)).toEqual(expected.map((g) => g.length));
      expect(rows.evidence!.groups.items.map((g) => g.records.slice(0, 3))).toEqual(expected.map((g) => g.slice(0, 3)));
    }
  });
});
