import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { checkAndSample } from '../../src/operations/check-and-sample.js';
import { buildManifest } from '../../src/sampling/manifest.js';
import { duckdbEngine } from '../../src/sql/engines/duckdb.js';
import { sqlPopulationModel } from '../../src/sql/compile/model.js';
import { runSqlPull } from '../../src/sql/run.js';
import { populationFingerprint } from '../../src/population/content-fingerprint.js';
import { tempDir, tempStore, writeTemp } from '../helpers/tmp.js';
import { generatedCsv, loadCsvDuckdb } from './helpers.js';

const period = '2025-01-01..2025-12-31';

describe('probe parity', () => {
  it('completeness, selection, fingerprint', async () => {
    const dir = tempDir();
    const csv = await generatedCsv({ kind: 'change', rows: 4000, seed: 11, defects: { duplicateKeys: 12, duplicateRows: 5, blankRequired: 20, outOfPeriodBefore: 5, outOfPeriodAfter: 4, sequenceGaps: 6, emptyDays: 3 } });
    const path = writeTemp(dir, 'c.csv', csv);
    const store = tempStore();
    const { population: meta } = await ingestFile(store, path, { kind: 'change', workers: 0 });
    const engine = await duckdbEngine();
    await loadCsvDuckdb(engine, path, 'changes');
    const model = sqlPopulationModel({ table: ['changes'], columns: await engine.describe({ table: ['changes'] }), recordColumn: 'tm_rec', name: 'changes' }, { kind: 'change' });
    const sample = { seed: '20251231', size: 25, method: 'stratified' as const };
    const run = await runSqlPull(engine, model, { period, sample, completeness: { expectCount: 4000 } }, { name: 'changes', format: 'table' });
    const embedded = await checkAndSample(store, meta.id, { period, params: { expectCount: 4000 } }, { ...sample, period }, { workers: 0 });
    expect(run.meta.source.fingerprint).toBe((await populationFingerprint(store.populationDir(meta.id), meta)).text);
    const strip = (r: typeof run.report) => ({ ...r, population: { ...r.population, id: '', sha256: '' } });
    for (let i = 0; i < run.report.checks.length; i++) expect(run.report.checks[i], run.report.checks[i]!.id).toEqual(embedded.completeness.report.checks[i]);
    expect(strip(run.report)).toEqual(strip(embedded.completeness.report));
    const manifest = buildManifest(run.selection, { population: { id: meta.id, sha256: meta.source.sha256, rows: meta.rows.total }, plan: embedded.sample.plan });
    expect(manifest.selectionSha256).toBe(embedded.sample.manifest.selectionSha256);
    const approximate = (c: (typeof meta.columns)[number], exact: boolean) => (exact ? c : { ...c, distinct: 0, distinctExact: true });
    expect(run.meta.columns.map((c, i) => approximate(c, meta.columns[i]!.distinctExact))).toEqual(meta.columns.map((c) => approximate(c, c.distinctExact)));
    expect(run.meta.issues).toEqual(meta.issues);
    await engine.close();
  }, 120_000);
});
