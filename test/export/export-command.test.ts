/** `tickmark export SAMPLE_ID --format … -o OUT`: a stored sample written as xlsx, CSV or JSON. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportCommand } from '../../src/cli/commands/export.js';
import type { CommandContext } from '../../src/cli/command.js';
import { readWorkbookManifest } from '../../src/export/workbook/read-manifest.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { checkCompleteness } from '../../src/operations/completeness.js';
import { drawSample, type SampleRecord } from '../../src/operations/sample.js';
import { runTests } from '../../src/operations/test.js';
import { verifyCommand } from '../../src/cli/commands/verify.js';
import { openStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';
import { CHANGES, GOLDEN_REQUEST, PERIOD } from './fixture.js';
import { summarizeWorkbook } from './summarize.js';

async function run(args: string[]) {
  const { values, positionals } = parseArgs({ args, options: exportCommand.options, allowPositionals: true, strict: true });
  const out: string[] = [];
  const code = await exportCommand.run({ values: values as CommandContext['values'], positionals, io: { out: (t) => out.push(t), err: (t) => out.push(t), isTTY: false } });
  return { code, out: out.join('\n') };
}

describe('tickmark export', () => {
  let dir: string;
  let dataDir: string;
  let sample: SampleRecord;

  beforeAll(async () => {
    dir = tempDir('tickmark-export-');
    dataDir = join(dir, 'data');
    const store = openStore({ dataDir });
    try {
      const { population } = await ingestFile(store, CHANGES, { kind: 'change', workers: 0 });
      await checkCompleteness(store, population.id, { period: PERIOD }, { workers: 0 });
      sample = await drawSample(store, population.id, GOLDEN_REQUEST, { workers: 0 });
    } finally {
      store.close();
    }
  }, 60_000);

  it('writes the workbook of a stored sample with the control details given as flags', async () => {
    const out = join(dir, 'out', 'CC8.1.xlsx');
    const { code, out: text } = await run([sample.id, '-o', out, '--data-dir', dataDir, '--control-id', 'CC8.1-01', '--client', 'Acme', '--engagement', 'FY25', '--system', 'ServiceNow']);
    expect(code).toBe(0);
    expect(text).toBe(`wrote ${out} (xlsx, 25 items; selection sha256 ${sample.manifest.selectionSha256})`);
    expect((await readWorkbookManifest(out)).manifest).toEqual(sample.manifest);
    const summary = await summarizeWorkbook(out);
    const lead = summary.sheets[0]!.pairs;
    expect([lead['Control id'], lead.Client, lead['TSC reference'], lead['Completeness & accuracy'], lead['Attributes tested']]).toEqual(['CC8.1-01', 'Acme', 'CC8.1', 'fail', 'not tested']);
    expect(summary.sheets[1]!.pairs.System).toBe('ServiceNow');
  });

  it('writes CSV and JSON, the format taken from --format or the extension', async () => {
    const csv = join(dir, 'sample.csv');
    expect((await run([sample.id, '-o', csv, '--data-dir', dataDir])).code).toBe(0);
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(lines[0]!.startsWith('order,key,stratum,key_item,prn,prn_hex,source_record,source_line,Number,Type')).toBe(true);
    expect(lines).toHaveLength(26);
    const json = join(dir, 'sample.out');
    expect((await run([sample.id, '-o', json, '--format', 'json', '--data-dir', dataDir])).code).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8')).items).toHaveLength(25);
  });

  it('exports a test run of a statistical sample: its evaluation with upper deviation limits, and verify re-performs it', async () => {
    const store = openStore({ dataDir });
    let testRunId: string;
    let evaluation: Awaited<ReturnType<typeof runTests>>['evaluation'];
    try {
      const statistical = await drawSample(store, sample.populationId, { seed: '42', plan: { basis: 'statistical', confidence: 0.95, tolerable: 0.05 }, period: PERIOD }, { workers: 0 });
      expect(statistical.plan.n).toBe(59);
      const tested = await runTests(store, sample.populationId, { sampleId: statistical.id, period: PERIOD }, { workers: 0 });
      testRunId = tested.id;
      evaluation = tested.evaluation;
    } finally {
      store.close();
    }
    const out = join(dir, 'statistical.xlsx');
    expect((await run([testRunId, '-o', out, '--data-dir', dataDir])).out).toContain('59 items, with test results');
    const summary = await summarizeWorkbook(out);
    const e = summary.sheets.find((s) => s.name === 'Evaluation')!;
    const ul = e.headers.indexOf('Upper limit (table, up to 0.1%)');
    const first = evaluation!.parts.find((p) => p.part === 'sample')!.attributes[0]!;
    const row = e.table.find((r) => r[0] === first.attribute)!;
    expect(first.upperLimitPct).not.toBeNull();
    expect(row[ul]).toBeCloseTo(first.upperLimitPct! / 100, 10);
    expect(row[e.headers.indexOf('Conclusion')]).toBe(first.conclusion === 'supported' ? 'Supported: upper deviation limit ≤ tolerable rate' : 'Not supported: upper deviation limit > tolerable rate');
    const lines: string[] = [];
    const ctx = { values: { 'data-dir': join(dir, 'reviewer'), workers: '0' }, positionals: [out, CHANGES], io: { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t), isTTY: false } };
    expect(await verifyCommand.run(ctx)).toBe(0);
    expect(lines.join('\n')).toMatch(/tests: identical \(\d+ automated results\)\nidentical$/);
  });

  it('refuses an unknown format and an unknown id with coded errors, writing nothing', async () => {
    await expect(run([sample.id, '-o', join(dir, 'x.txt'), '--data-dir', dataDir])).rejects.toMatchObject({ code: 'TM_ERR_INVALID_OPTION' });
    await expect(run(['samp_nope', '-o', join(dir, 'y.xlsx'), '--data-dir', dataDir])).rejects.toMatchObject({ code: 'TM_ERR_NOT_FOUND' });
    expect(existsSync(join(dir, 'y.xlsx'))).toBe(false);
  });
});
