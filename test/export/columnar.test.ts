/**
 * The machine copy's columnar JSON: for any value, decoding what was encoded gives exactly what a
 * JSON round trip gives (members in the same order); lists of records, lists of lists, repeated
 * texts and booleans take their compact forms; a tree it does not write is refused.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { decodeColumns, encodeColumns } from '../../src/export/workbook/columnar.js';
import { TickmarkError } from '../../src/errors.js';

const TEXTS = ['a', 'é ✓ 😀', '"q"\\', '\ud800', '\n\t', '', '_x0041_', '__proto__', 'CHG0001'];

function randomValue(rng: () => number, depth: number): unknown {
  const k = Math.floor(rng() * (depth > 2 ? 7 : 11));
  switch (k) {
    case 0: return null;
    case 1: return rng() < 0.5;
    case 2: return [Math.round(rng() * 1e6) / 100, -0, NaN, Infinity, 1e21, -5e-7][Math.floor(rng() * 6)];
    case 3: return TEXTS[Math.floor(rng() * TEXTS.length)];
    case 4: return undefined;
    case 5: return new Date(Date.UTC(2025, 0, 1) + Math.floor(rng() * 1e10));
    case 6: return () => 1;
    case 7: return Array.from({ length: Math.floor(rng() * 5) }, () => randomValue(rng, depth + 1));
    case 8: return records(rng, depth);
    case 9: return Array.from({ length: 2 + Math.floor(rng() * 4) }, () => records(rng, depth + 1));
    default: return Object.fromEntries(Array.from({ length: Math.floor(rng() * 4) }, (_, i) => [rng() < 0.1 ? '__proto__' : `k${i}${rng() < 0.2 ? '"' : ''}`, randomValue(rng, depth + 1)]));
  }
}

/** A list of records sharing members (some left out, some undefined, now and then in another order). */
function records(rng: () => number, depth: number): unknown[] {
  const names = ['record', 'key', 'status', 'reason', rng() < 0.2 ? '__proto__' : 'values'];
  return Array.from({ length: Math.floor(rng() * 12) }, () => {
    const order = rng() < 0.05 ? [...names].reverse() : names;
    const out: Record<string, unknown> = {};
    for (const name of order) {
      if (rng() < 0.15) continue;
      const value = name === 'status' ? ['pass', 'exception', 'manual'][Math.floor(rng() * 3)] : randomValue(rng, depth + 2);
      if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
      else out[name] = value;
    }
    return out;
  });
}

/** Encoded, written as JSON, read back and decoded, as the machine copy does. */
const roundTrip = (value: unknown): unknown => decodeColumns(JSON.parse(JSON.stringify(encodeColumns(value))));

describe('columnar JSON', () => {
  it('decodes to exactly what a JSON round trip gives, for any value', () => {
    const rng = seedrandom('columnar');
    for (let i = 0; i < 3000; i++) {
      const value = randomValue(rng, 0);
      const json = JSON.stringify(value) ?? 'null';
      expect(JSON.stringify(roundTrip(value))).toBe(json);
    }
  });

  it('keeps a member named __proto__ a member', () => {
    const rows = JSON.parse('[{"__proto__":{"x":1},"a":2},{"__proto__":null,"a":3}]') as unknown[];
    const back = roundTrip(rows) as Record<string, unknown>[];
    expect(Object.getPrototypeOf(back[0])).toBe(Object.prototype);
    expect(Object.keys(back[0]!)).toEqual(['__proto__', 'a']);
    expect(JSON.stringify(back)).toBe(JSON.stringify(rows));
  });

  it('stores records by member, lists flat, repeated texts by dictionary, booleans as 0/1', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ record: i, status: i % 3 ? 'pass' : 'exception', keyItem: i % 2 === 0, outcomes: [{ s: 'a' }, { s: 'b', why: 'x' }] }));
    const tree = encodeColumns(items) as unknown[];
    expect(tree.slice(0, 4)).toEqual([1, 100, ['record', 'status', 'keyItem', 'outcomes'], [0, 0, 0, 0]]);
    expect(tree[4]).toEqual([0, ...items.map((i) => i.record)]);
    expect(tree[5]).toEqual([3, ['exception', 'pass'], items.map((_, i) => (i % 3 ? 1 : 0))]);
    expect(tree[6]).toEqual([4, items.map((_, i) => (i % 2 === 0 ? '1' : '0')).join('')]);
    const outcomes = tree[7] as unknown[];
    expect(outcomes[0]).toBe(2);
    expect(outcomes[1]).toEqual(items.map(() => 2));
    expect((outcomes[2] as unknown[]).slice(0, 4)).toEqual([1, 200, ['s', 'why'], [0, '01'.repeat(100)]]);
    expect(JSON.stringify(tree).length).toBeLessThan(JSON.stringify(items).length / 3);
  });

  it('keeps texts that rarely repeat as they are', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `CHG${String(i).padStart(7, '0')}`);
    expect(encodeColumns(keys)).toEqual([0, ...keys]);
  });

  it('refuses a tree it does not write (TM_ERR_MANIFEST)', () => {
    const good = JSON.parse(JSON.stringify(encodeColumns([{ a: 'x', b: true }, { a: 'y', b: false }, { b: true }]))) as unknown[];
    const bad = [
      [9, 1],
      [1, 3, ['a', 'b'], ['110', 0], [0, 'x'], [4, '101']],
      [1, 3, ['a', 'b'], ['11x', 0], [0, 'x', 'y'], [4, '101']],
      [3, ['x'], [0, 1]],
      [2, [1, 2], [0, 1, 2]],
      [4, 'yes'],
    ];
    expect(decodeColumns(good)).toEqual([{ a: 'x', b: true }, { a: 'y', b: false }, { b: true }]);
    for (const tree of bad) {
      try {
        decodeColumns(tree);
        expect.unreachable(JSON.stringify(tree));
      } catch (e) {
        expect(e).toBeInstanceOf(TickmarkError);
        expect((e as TickmarkError).code).toBe('TM_ERR_MANIFEST');
      }
    }
  });
});
