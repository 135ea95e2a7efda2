/**
 * The manifest is exact: for every kind (and for delimiter, line-ending, timestamp-format and
 * time-zone variants) an independent csv-parse pass over the written file recomputes the totals,
 * finds each injected defect on exactly the listed keys and ranges, and finds nothing on any
 * other row.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mapColumns } from '../../src/ingest/mapping/map-columns.js';
import { kindSpec, kinds } from '../../src/population/kinds.js';
import { defaultDefects } from '../../src/synthetic/defects.js';
import type { GenerateOptions } from '../../src/synthetic/options.js';
import { writePopulation } from '../../src/synthetic/write.js';
import { tempDir } from './helpers.js';
import { verifyManifest } from './verify.js';

vi.setConfig({ testTimeout: 60_000 });
const dir = tempDir();
afterAll(() => dir.remove());

async function generated(name: string, options: GenerateOptions) {
  const path = dir.path(name);
  const manifest = await writePopulation(path, options);
  return { manifest, text: readFileSync(path, 'utf8'), path };
}

describe('manifest matches the file, every kind with the default defects', () => {
  for (const kind of kinds) {
    it(kind, async () => {
      const { manifest, text } = await generated(`${kind}.csv`, { kind, rows: 2500, seed: 11, defects: defaultDefects(kind, 2500), quotedNewlineRate: 0.01 });
      expect(verifyManifest(text, manifest)).toEqual([]);
      expect(manifest.totals.dataRows).toBe(2500);
      expect(manifest.coverage.everyDayCovered).toBe(true);
      expect(manifest.controlTotals === undefined).toBe(kind !== 'generic');
      // Every requested defect was injected, exactly as many as asked.
      const req = manifest.requested.defects;
      expect(manifest.defects.outOfPeriod.before).toHaveLength(req.outOfPeriodBefore);
      expect(manifest.defects.outOfPeriod.after).toHaveLength(req.outOfPeriodAfter);
      expect(manifest.defects.emptyRanges.filter((r) => r.days === 1)).toHaveLength(req.emptyDays);
      expect(manifest.defects.emptyRanges.filter((r) => r.days === 7)).toHaveLength(req.emptyWeeks);
      expect(manifest.defects.sequenceGaps).toHaveLength(req.sequenceGaps);
      expect(manifest.defects.duplicateKeys).toHaveLength(req.duplicateKeys);
      expect(manifest.defects.duplicateRows).toHaveLength(req.duplicateRows);
      expect(manifest.defects.blankRequired).toHaveLength(req.blankRequired);
      for (const [name, keys] of Object.entries(manifest.defects.deviations)) expect(keys, name).toHaveLength(req[name as keyof typeof req] as number);
      for (const [name, keys] of Object.entries(manifest.passing)) expect(keys, name).toHaveLength(req[name as keyof typeof req] as number);
    });
  }
});

describe('headers map onto the canonical fields through the kinds.ts synonyms', () => {
  for (const kind of kinds.filter((k) => k !== 'generic')) {
    it(kind, async () => {
      const { manifest } = await generated(`map-${kind}.csv`, { kind, rows: 400, seed: 1 });
      expect(mapColumns(kindSpec(kind), manifest.headers).mapping).toEqual(manifest.mapping);
    });
  }
  it('generic, with the key and event time named', async () => {
    const { manifest } = await generated('map-generic.csv', { kind: 'generic', rows: 400, seed: 1 });
    const mapped = mapColumns(kindSpec('generic'), manifest.headers, { key: ['Record ID'], eventTime: 'Event Date' });
    expect(mapped.mapping).toEqual({ key: 'Record ID', event_at: 'Event Date' });
    expect(manifest.mapping).toEqual(mapped.mapping);
  });
});

describe('format and zone variants keep the manifest exact', () => {
  it('change: semicolons, CRLF, space timestamps, America/New_York', async () => {
    const { manifest, text } = await generated('ny.csv', {
      kind: 'change', rows: 3000, seed: 'ny', timeZone: 'America/New_York', delimiter: ';', lineEnding: '\r\n', timestampFormat: 'space',
      quotedNewlineRate: 0.02, defects: defaultDefects('change', 3000),
    });
    expect(text.split('\r\n')[0]).toBe(manifest.headers.join(';'));
    expect(text).toMatch(/;\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2};/);
    expect(verifyManifest(text, manifest)).toEqual([]);
  });
  it('termination in Europe/Berlin with ISO offsets', async () => {
    const { manifest, text } = await generated('berlin.csv', { kind: 'termination', rows: 3000, seed: 3, timeZone: 'Europe/Berlin', defects: defaultDefects('termination', 3000) });
    expect(text).toMatch(/T\d{2}:\d{2}:\d{2}\+0[12]:00/);
    expect(verifyManifest(text, manifest)).toEqual([]);
  });
  it('a short quarter with a tab delimiter and heavy defects', async () => {
    const defects = { outOfPeriodBefore: 5, outOfPeriodAfter: 5, emptyWeeks: 2, emptyDays: 3, sequenceGaps: 10, sequenceGapLength: [2, 2] as [number, number], duplicateKeys: 0.01, duplicateRows: 0.01, blankRequired: 0.02, selfApproval: 0.03, approvalAfterDeploy: 0.03 };
    const { manifest, text } = await generated('q1.tsv', { kind: 'change', rows: 1200, seed: 5, period: '2025-01-01..2025-03-31', delimiter: '\t', defects });
    expect(verifyManifest(text, manifest)).toEqual([]);
    expect(manifest.defects.sequenceGaps.every((g) => g.missing === 2)).toBe(true);
    expect((manifest.defects as Record<string, unknown>).selfApproval).toBeUndefined();
    expect(manifest.defects.deviations.selfApproval).toHaveLength(36);
    expect(manifest.defects.duplicateRows).toHaveLength(12);
  });
  it('too few rows to cover every day: still exact, coverage not claimed', async () => {
    const { manifest, text } = await generated('sparse.csv', { kind: 'ticket', rows: 120, seed: 9, defects: { slaBreach: 10, duplicateRows: 2, emptyDays: 1 } });
    expect(manifest.coverage.everyDayCovered).toBe(false);
    expect(verifyManifest(text, manifest)).toEqual([]);
  });
});

describe('clean rows', () => {
  it('have approval strictly before deployment and three different people', async () => {
    const { manifest, text } = await generated('clean.csv', { kind: 'change', rows: 3000, seed: 2, quotedNewlineRate: 0 });
    expect(manifest.totals.cleanRows).toBe(3000);
    expect(manifest.totals.listedRows).toBe(0);
    expect(manifest.defects.sequenceGaps).toEqual([]);
    expect(verifyManifest(text, manifest)).toEqual([]);
    expect(manifest.sequence).toEqual({ prefix: 'CHG', width: 7, first: 1, last: 3000 });
    expect(text.split('\n')[1]!.startsWith('CHG0000001,')).toBe(true);
  });
});

describe('the re-check is honest', () => {
  it('reports a manifest that leaves out a defect, and a file edited after writing', async () => {
    const { manifest, text } = await generated('honest.csv', { kind: 'change', rows: 800, seed: 4, defects: { selfApproval: 3, duplicateRows: 1, sequenceGaps: 1 } });
    expect(verifyManifest(text, manifest)).toEqual([]);
    const dropped = structuredClone(manifest);
    const key = dropped.defects.deviations.selfApproval!.pop()!;
    expect(verifyManifest(text, dropped)).toContain(`${key}: not listed, found [selfApproval]`);
    const noGap = structuredClone(manifest);
    noGap.defects.sequenceGaps = [];
    expect(verifyManifest(text, noGap).some((p) => p.startsWith('gaps found'))).toBe(true);
    // Re-approve one clean change by its own requester in the text itself.
    const lines = text.split('\n');
    const cells = lines[100]!.split(',');
    cells[4] = cells[3]!;
    lines[100] = cells.join(',');
    expect(verifyManifest(lines.join('\n'), manifest)).toContain(`${cells[0]}: not listed, found [selfApproval]`);
  });
});
