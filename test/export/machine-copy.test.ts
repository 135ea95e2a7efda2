/**
 * The render copy is packed in pieces: the pieces are exactly `JSON.stringify`'s text for any
 * value (undefined members, toJSON, nested arrays, non-ASCII), and a copy packed in many deflate
 * pieces reads back whole, its SHA-256 that of the JSON.
 */
import { createHash } from 'node:crypto';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { jsonPieces, MACHINE_FORMAT, packRenderInput, packRenderInputAsync, readRenderInput, type RenderInput, type WorkbookMachineCopy } from '../../src/export/workbook/machine-copy.js';

function randomValue(rng: () => number, depth: number): unknown {
  const k = Math.floor(rng() * (depth > 3 ? 6 : 9));
  switch (k) {
    case 0: return null;
    case 1: return rng() < 0.5;
    case 2: return Math.round(rng() * 1e6) / 100;
    case 3: return ['a', 'é ✓ 😀', '"q"\\', '\ud800', '\n\t', ''][Math.floor(rng() * 6)];
    case 4: return undefined;
    case 5: return new Date(Date.UTC(2025, 0, 1) + Math.floor(rng() * 1e10));
    case 6: return Array.from({ length: Math.floor(rng() * 4) }, () => randomValue(rng, depth + 1));
    default: return Object.fromEntries(Array.from({ length: Math.floor(rng() * 4) }, (_, i) => [`k${i}${rng() < 0.2 ? '"' : ''}`, randomValue(rng, depth + 1)]));
  }
}

describe('jsonPieces', () => {
  it('joins into exactly what JSON.stringify gives, at any depth', () => {
    const rng = seedrandom('json');
    for (let i = 0; i < 2000; i++) {
      const value = randomValue(rng, 0);
      if (value === undefined) continue;
      for (const depth of [0, 1, 2, 5]) expect([...jsonPieces(value, depth)].join('')).toBe(JSON.stringify(value));
    }
  });
});

describe('packRenderInput', () => {
  it('reads back a copy deflated in many pieces', () => {
    const rng = seedrandom('pack');
    const rows = Array.from({ length: 40_000 }, (_, i) => ({ record: i, values: { Number: `CHG${i}`, Note: `é ${Math.floor(rng() * 1e9)}`, Empty: undefined } }));
    const input = { generatedAt: '2026-01-10T12:00:00.000Z', sampledRows: rows, engineVersion: '0.1.0' } as unknown as RenderInput;
    const { meta, parts } = packRenderInput(input);
    const json = JSON.stringify(input);
    expect(meta.bytes).toBe(Buffer.byteLength(json));
    expect(meta.bytes).toBeGreaterThan(2 << 20);
    expect(meta.sha256).toBe(createHash('sha256').update(json).digest('hex'));
    const copy = { format: MACHINE_FORMAT, render: meta } as WorkbookMachineCopy;
    const read = readRenderInput(parts.map((p, i) => [`r${i + 1}`, p]), copy);
    expect(read).toEqual(JSON.parse(json));
  });

  it('packs the same copy on the thread pool: the same JSON and hash, read back the same', async () => {
    const rng = seedrandom('pack-async');
    for (const length of [3, 40_000]) {
      const rows = Array.from({ length }, (_, i) => ({ record: i, values: { Number: `CHG${i}`, Note: `✓ ${Math.floor(rng() * 1e9)}` } }));
      const input = { generatedAt: '2026-01-10T12:00:00.000Z', sampledRows: rows, engineVersion: '0.1.0' } as unknown as RenderInput;
      const sync = packRenderInput(input);
      const pooled = await packRenderInputAsync(input);
      expect(pooled.meta).toEqual(sync.meta);
      if (length === 3) expect(pooled.parts).toEqual(sync.parts); // one piece: deflated at once, the same bytes
      const copy = { format: MACHINE_FORMAT, render: pooled.meta } as WorkbookMachineCopy;
      expect(readRenderInput(pooled.parts.map((p, i) => [`r${i + 1}`, p]), copy)).toEqual(JSON.parse(JSON.stringify(input)));
    }
  });
});
