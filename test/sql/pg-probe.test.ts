import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { checkAndSample } from '../../src/operations/check-and-sample.js';
import { buildManifest } from '../../src/sampling/manifest.js';
import { postgresEngine } from '../../src/sql/engines/postgres.js';
import { sqlPopulationModel } from '../../src/sql/compile/model.js';
import { runSqlPull } from '../../src/sql/run.js';
import { tempDir, tempStore, writeTemp } from '../helpers/tmp.js';
import { generatedCsv, loadCsvPostgres, PG_URL } from './helpers.js';
const period = '2025-01-01..2025-12-31';
describe.skipIf(!PG_URL)('pg probe', () => {
  it('parity', async () => {
    const dir = tempDir();
    const csv = await generatedCsv({ kind: 'change', rows: 3000, seed: 11, defects: { duplicateKeys: 12, duplicateRows: 5, blankRequired: 20, outOfPeriodBefore: 5, sequenceGaps: 6 } });
    const path = writeTemp(dir, 'c.csv', csv);
    const store = tempStore();
    const { population: meta } = await ingestFile(store, path, { kind: 'change', workers: 0 });
    const engine = await postgresEngine(PG_URL!);
    await loadCsvPostgres(engine, path, 'changes_probe');
    const model = sqlPopulationModel({ table: ['changes_probe'], columns: await engine.describe({ table: ['changes_probe'] }), recordColumn: 'tm_rec', name: 'changes' }, { kind: 'change' });
    for (const sample of [{ seed: '20251231', size: 25, method: 'stratified' as const }, { seed: '9', size: 20, method: 'systematic' as const }, { seed: '9', size: 5, keyItems: 'type=emergency' }]) {
      const run = await runSqlPull(engine, model, { period, sample, completeness: { expectCount: 3000 } }, { name: 'changes', format: 'table' });
      const embedded = await checkAndSample(store, meta.id, { period, params: { expectCount: 3000 } }, { ...sample, period }, { workers: 0 });
      for (let i = 0; i < run.report.checks.length; i++) expect(run.report.checks[i], run.report.checks[i]!.id).toEqual(embedded.completeness.report.checks[i]);
      const manifest = buildManifest(run.selection, { population: { id: meta.id, sha256: meta.source.sha256, rows: meta.rows.total }, plan: embedded.sample.plan });
      expect(manifest.selectionSha256).toBe(embedded.sample.manifest.selectionSha256);
    }
    await engine.close();
  }, 120_000);
});
