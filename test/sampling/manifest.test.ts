import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TickmarkError } from '../../src/errors.js';
import { ENGINE_VERSION } from '../../src/version.js';
import {
  buildManifest, canonicalSelectionText, manifestSha256, parseManifest, selectionSha256, selectSample, verifySelection,
  PRN_ALGORITHM, type SelectionManifest,
} from '../../src/sampling/index.js';
import { shuffledRows } from './helpers/chunk-of.js';
import { baseSpec, changeChunk, changeRows } from './helpers/population.js';

const rows = changeRows(200, 'manifest');
const chunk = changeChunk(rows);
const population = { id: 'pop_changes', sha256: 'a'.repeat(64), rows: rows.length };
const spec = baseSpec({ method: 'key-items', n: 12, keyItems: { condition: 'type=emergency', rest: 'random' }, filter: 'environment=production' });
const selection = selectSample([chunk], spec);
const plan = { kind: 'fixed', n: 12 };
const manifest = buildManifest(selection, { population, plan, createdAt: '2025-12-31T12:00:00Z' });

describe('canonical selection text', () => {
  it('is one tab-separated line per item in order, with escapes', () => {
    expect(canonicalSelectionText([
      { order: 2, key: 'B\tx\\y', prnHex: '0000000000002' },
      { order: 1, key: 'A\nz', prnHex: 'fffffffffffff', stratum: '2025-01' },
    ])).toBe('1\tA\\nz\tfffffffffffff\t2025-01\n2\tB\\tx\\\\y\t0000000000002\t\n');
  });

  it('hashes the UTF-8 text with SHA-256', () => {
    expect(selectionSha256([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const items = [{ order: 1, key: 'Zürich', prnHex: '0123456789abc' }];
    expect(selectionSha256(items)).toBe(createHash('sha256').update(Buffer.from('1\tZürich\t0123456789abc\t\n', 'utf8')).digest('hex'));
  });
});

describe('selection manifest', () => {
  it('records engine, algorithm, seed, population, filters, key items, plan and the selection hash', () => {
    expect(manifest.engine).toEqual({ name: 'tickmark', version: ENGINE_VERSION });
    expect(manifest.algorithm).toBe(PRN_ALGORITHM);
    expect(manifest.algorithm).toBe('tickmark-prn-sha256-52/1');
    expect(manifest.seed).toBe('20251231');
    expect(manifest.population).toEqual(population);
    expect(manifest.plan).toEqual(plan);
    expect(manifest.filters).toEqual([{ type: 'condition', expression: 'environment=production', excluded: selection.counts.excludedByFilter }]);
    const emergencies = rows.filter((r) => r.type === 'Emergency' && r.environment === 'production').length;
    expect(manifest.keyItems).toEqual({ condition: 'type=emergency', count: emergencies });
    expect(manifest.selected).toBe(emergencies + 12);
    expect(manifest.items.slice(0, emergencies).every((i) => i.keyItem)).toBe(true);
    expect(manifest.selectionSha256).toBe(selectionSha256(selection.items));
    expect(manifest.design).not.toHaveProperty('headers');
    expect(manifest.design.keyItems).toEqual({ condition: 'type=emergency', rest: 'random' });
  });

  it('survives JSON and parses back', () => {
    const back = parseManifest(JSON.parse(JSON.stringify(manifest)));
    expect(back).toEqual(manifest);
    expect(manifestSha256(back)).toBe(manifestSha256(manifest));
  });

  it('leaves createdAt out of the manifest hash', () => {
    expect(manifestSha256({ ...manifest, createdAt: '2030-01-01T00:00:00Z' })).toBe(manifestSha256(manifest));
    expect(manifestSha256({ ...manifest, seed: 'other' })).not.toBe(manifestSha256(manifest));
  });

  it('refuses what is not a manifest with TM_ERR_MANIFEST', () => {
    for (const bad of [null, [], { engine: { name: 'other' } }, { ...manifest, items: 'x' }, { ...manifest, selectionSha256: 'abc' }]) {
      expect(() => parseManifest(bad)).toThrow(TickmarkError);
    }
    try {
      parseManifest({ ...manifest, seed: '' });
    } catch (e) {
      expect((e as TickmarkError).code).toBe('TM_ERR_MANIFEST');
      expect((e as TickmarkError).message).toContain('seed');
    }
  });
});

describe('verifySelection', () => {
  const { headers: _h, ...design } = spec;
  const recompute = (chunks = [chunk], overrides = {}) => selectSample(chunks, { ...design, headers: spec.headers, ...overrides });

  it('finds a re-performed selection identical, also from a row-shuffled file', () => {
    expect(verifySelection(manifest, recompute(), population)).toMatchObject({ identical: true, differences: [] });
    const shuffled = changeChunk(shuffledRows(rows, 'verify'));
    const again = buildManifest(recompute([shuffled]), { population, plan });
    expect(verifySelection(manifest, again)).toMatchObject({ identical: true, differences: [] });
  });

  it('lists a different seed and the items removed and added', () => {
    const result = verifySelection(manifest, recompute([chunk], { seed: '20251230' }), population);
    expect(result.identical).toBe(false);
    expect(result.differences[0]).toBe('seed: manifest "20251231", recomputed "20251230"');
    expect(result.differences.some((d) => d.startsWith('removed: order'))).toBe(true);
    expect(result.differences.some((d) => d.startsWith('added: order'))).toBe(true);
  });

  it('lists a different population and a different size', () => {
    const result = verifySelection(manifest, recompute([chunk], { n: 13 }), { ...population, sha256: 'b'.repeat(64) });
    expect(result.differences).toContain('n: manifest 12, recomputed 13');
    expect(result.differences).toContain(`population sha256: manifest "${'a'.repeat(64)}", recomputed "${'b'.repeat(64)}"`);
    const added = result.differences.filter((d) => d.startsWith('added:'));
    expect(added).toHaveLength(1);
    expect(added[0]).toContain(`order ${manifest.selected + 1} `);
  });

  it('lists a changed filter and a changed algorithm', () => {
    const other = buildManifest(recompute([chunk], { filter: 'environment=staging' }), { population, plan });
    const result = verifySelection({ ...manifest, algorithm: 'tickmark-prn-sha256-52/0' as typeof PRN_ALGORITHM }, other);
    expect(result.differences[0]).toBe('algorithm: manifest "tickmark-prn-sha256-52/0", recomputed "tickmark-prn-sha256-52/1"');
    expect(result.differences).toContain('design.filter: manifest "environment=production", recomputed "environment=staging"');
  });

  it('detects an edited manifest item list', () => {
    const edited: SelectionManifest = { ...manifest, items: manifest.items.map((i, at) => (at === 3 ? { ...i, key: 'CHG0000000' } : i)) };
    const result = verifySelection(edited, recompute(), population);
    expect(result.differences[0]).toMatch(/^manifest integrity: its items hash to [0-9a-f]{64}, not to its selectionSha256/);
    expect(result.differences).toContain(`removed: order 4 key "CHG0000000" (prn ${manifest.items[3]!.prnHex}, record ${manifest.items[3]!.record}) is in the manifest but not in the recomputed selection`);
  });
});
