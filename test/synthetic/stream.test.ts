/**
 * Streaming: a 300k-row population is written with flat memory, and quoted cells with embedded
 * newlines appear at the asked rate (and never when the rate is 0).
 */
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { writePopulation } from '../../src/synthetic/write.js';
import { tempDir } from './helpers.js';

vi.setConfig({ testTimeout: 180_000 });
const dir = tempDir();
afterAll(() => dir.remove());

describe('streaming', () => {
  it('writes 300,000 rows with RSS growth under 200 MB', async () => {
    const path = dir.path('big.csv');
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const manifest = await writePopulation(path, { kind: 'change', rows: 300_000, seed: 1, defects: { duplicateRows: 30, selfApproval: 30 } });
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(statSync(path).size).toBe(manifest.file!.bytes);
    expect(manifest.file!.bytes).toBeGreaterThan(300_000 * 175);
    expect(manifest.totals.dataRows).toBe(300_000);
    expect(peak - before).toBeLessThan(200 * 1024 * 1024);
  });
});

describe('quoted newlines', () => {
  it('appear at about the asked rate, inside quoted cells, and parse back to the row count', async () => {
    const path = dir.path('nl.csv');
    const manifest = await writePopulation(path, { kind: 'ticket', rows: 10_000, seed: 2, quotedNewlineRate: 0.02 });
    const text = readFileSync(path, 'utf8');
    const records = parse(text) as string[][];
    expect(records.length - 1).toBe(10_000);
    const withNewline = records.filter((r) => r.some((c) => c.includes('\n')));
    expect(withNewline.length).toBe(manifest.totals.recordsWithNewlines);
    expect(withNewline.length).toBeGreaterThan(120);
    expect(withNewline.length).toBeLessThan(290);
    expect(text.split('\n').length - 1).toBe(10_001 + withNewline.length);
    expect(text).toMatch(/,"[^"\n]*\n[^"\n]*",/);
  });

  it('never appear at rate 0, while commas and quotes inside cells still do', async () => {
    const path = dir.path('none.csv');
    const manifest = await writePopulation(path, { kind: 'change', rows: 5_000, seed: 2, quotedNewlineRate: 0 });
    const text = readFileSync(path, 'utf8');
    expect(manifest.totals.recordsWithNewlines).toBe(0);
    expect(text.split('\n').length - 1).toBe(5_001);
    expect(manifest.totals.recordsQuoted).toBeGreaterThan(50);
    expect(text).toContain('""');
    const records = parse(text) as string[][];
    expect(records.some((r) => r[2]!.includes(',') && r[2]!.includes('"'))).toBe(true);
  });
});
