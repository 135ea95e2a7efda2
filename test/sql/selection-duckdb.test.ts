import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { drawSample, selectionSpec, planFor } from '../../src/operations/sample.js';
import { buildManifest } from '../../src/sampling/manifest.js';
import { seatsFor } from '../../src/sql/assemble/seats.js';
import { duckdbEngine } from '../../src/sql/engines/duckdb.js';
import { sqlPopulationModel } from '../../src/sql/compile/model.js';
import { compileContext } from '../../src/sql/compile/context.js';
import { countsStatement, selectionStatement, strataStatement, unitRowsStatement, type Seat } from '../../src/sql/compile/selection.js';
import { renderStatement } from '../../src/sql/compile/statement.js';
import { typedRows } from '../../src/sql/assemble/results.js';
import { selectionFromResults } from '../../src/sql/assemble/selection.js';
import { tempDir, tempStore, writeTemp } from '../helpers/tmp.js';
import { generatedCsv, loadCsvDuckdb } from './helpers.js';

describe('every selection method, drawn by DuckDB, is the embedded engine\'s draw', () => {
  it('random, stratified, systematic, key items (random and stratified rest)', async () => {
    const dir = tempDir();
    const csv = await generatedCsv({ kind: 'change', rows: 3000, seed: 7, defects: { duplicateKeys: 20 } as never });
    const path = writeTemp(dir, 'c.csv', csv);
    const store = tempStore();
    const { population: meta } = await ingestFile(store, path, { kind: 'change', workers: 0 });
    const engine = await duckdbEngine();
    await loadCsvDuckdb(engine, path, 'changes');
    const columns = await engine.describe({ table: ['changes'] });
    const model = sqlPopulationModel({ table: ['changes'], columns, recordColumn: 'tm_rec', name: 'changes' }, { kind: 'change' });
    const ctx = compileContext(engine.dialect, model, { zone: 'UTC', years: [2015, 2035] });
    for (const req of [
      { seed: '20251231', size: 25 },
      { seed: '20251231', size: 25, method: 'stratified' as const, period: '2025-01-01..2025-12-31' },
      { seed: '42', size: 30, method: 'systematic' as const },
      { seed: '7', size: 10, keyItems: 'type=emergency' },
      { seed: '7', size: 10, keyItems: 'type=emergency', method: 'stratified' as const, strata: 'quarter' as const },
    ]) {
      const embedded = await drawSample(store, meta.id, req, { workers: 0 });
      const spec = selectionSpec(meta, req, planFor(meta, req).n);
      const run = async (s: ReturnType<typeof countsStatement>) => typedRows(s, await engine.query(renderStatement(s), s.name));
      const counts = (await run(countsStatement(ctx, spec)))[0]!;
      let seats: Seat[] | undefined;
      let strata;
      if (spec.stratify) {
        strata = await run(strataStatement(ctx, spec));
        seats = seatsFor(spec, strata);
      }
      const selected = await run(selectionStatement(ctx, spec, seats));
      const unitRows = await run(unitRowsStatement(ctx, spec, seats));
      const selection = selectionFromResults(spec, { counts, strata, selected, unitRows });
      const manifest = buildManifest(selection, { population: { id: meta.id, sha256: meta.source.sha256, rows: meta.rows.total }, plan: embedded.plan });
      expect(selection.counts).toEqual(embedded.selection.counts);
      expect(selection.items).toEqual(embedded.selection.items);
      expect(manifest.selectionSha256).toBe(embedded.manifest.selectionSha256);
    }
    await engine.close();
  }, 120_000);
});
