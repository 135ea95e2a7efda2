/**
 * Determinism: the same options give a byte-identical file (and manifest) however the text is
 * consumed; a different seed gives a different file.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { defaultDefects } from '../../src/synthetic/defects.js';
import { CHUNK_CHARS, generatePopulation } from '../../src/synthetic/generate.js';
import type { GenerateOptions } from '../../src/synthetic/options.js';
import { manifestPath, writePopulation } from '../../src/synthetic/write.js';
import { sha256File, tempDir } from './helpers.js';
import { createHash } from 'node:crypto';

vi.setConfig({ testTimeout: 60_000 });
const dir = tempDir();
afterAll(() => dir.remove());

const options = (seed: string | number): GenerateOptions => ({ kind: 'change', rows: 20_000, seed, defects: defaultDefects('change', 20_000), quotedNewlineRate: 0.005 });

describe('determinism', () => {
  it('same options → same SHA-256 and manifest; another seed → another file', async () => {
    const a = await writePopulation(dir.path('a.csv'), options(7));
    const b = await writePopulation(dir.path('b.csv'), options(7));
    const c = await writePopulation(dir.path('c.csv'), options(8));
    expect(sha256File(dir.path('a.csv'))).toBe(a.file!.sha256);
    expect(b.file!.sha256).toBe(a.file!.sha256);
    expect(b.file!.bytes).toBe(readFileSync(dir.path('a.csv')).length);
    expect({ ...b, file: undefined }).toEqual({ ...a, file: undefined });
    expect(c.file!.sha256).not.toBe(a.file!.sha256);
    expect(c.defects.deviations.selfApproval).not.toEqual(a.defects.deviations.selfApproval);
    // A numeric seed and its string form are the same seed.
    const d = await writePopulation(dir.path('d.csv'), options('7'));
    expect(d.file!.sha256).toBe(a.file!.sha256);
  });

  it('the streamed chunks are the file, ~64 KiB each, and the manifest is ready only at the end', async () => {
    const population = generatePopulation(options(7));
    expect(() => population.manifest).toThrow(/ready once every chunk has been read/);
    const hash = createHash('sha256');
    const sizes: number[] = [];
    for await (const text of population) {
      hash.update(text);
      sizes.push(text.length);
    }
    expect(hash.digest('hex')).toBe(sha256File(dir.path('a.csv')));
    expect(sizes.length).toBeGreaterThan(2);
    for (const s of sizes.slice(0, -1)) expect(s).toBeGreaterThanOrEqual(CHUNK_CHARS);
    expect(Math.max(...sizes)).toBeLessThan(CHUNK_CHARS + 2000);
    expect(population.manifest.totals.dataRows).toBe(20_000);
    // Iterating again yields the same text.
    let again = '';
    for await (const text of population) again += text;
    expect(again).toBe(readFileSync(dir.path('a.csv'), 'utf8'));
  });

  it('writes the manifest beside the file', async () => {
    const m = JSON.parse(readFileSync(manifestPath(dir.path('a.csv')), 'utf8'));
    expect(m.file).toEqual({ name: 'a.csv', bytes: readFileSync(dir.path('a.csv')).length, sha256: sha256File(dir.path('a.csv')) });
    expect(m.kind).toBe('change');
    expect(m.seed).toBe(7);
  });

  it('a change log is about 190 bytes a row', async () => {
    const m = JSON.parse(readFileSync(manifestPath(dir.path('a.csv')), 'utf8'));
    const perRow = m.file.bytes / m.totals.dataRows;
    expect(perRow).toBeGreaterThan(175);
    expect(perRow).toBeLessThan(205);
  });
});
