/**
 * `verify` of a workbook whose population was read in place by SQL: from a results directory it
 * assembles the pull again from the saved results and says the statements were not run again; on
 * PostgreSQL (when TICKMARK_PG_URL names a server) it runs the statements again on the table the
 * workbook names, with the record column the recipe read, and holds the SQL that ran against the
 * recipe's SHA-256. A changed result or a changed row is a difference; a CSV given for a SQL
 * workbook is read as a file, and verify says how to re-perform it in place.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqlPull } from '../../src/operations/sql-pull.js';
import { sqlPullFromResults, statementsOf } from '../../src/operations/sql-results-pull.js';
import { verifyWorkbook } from '../../src/operations/verify-workbook.js';
import { writeRequest, writeStatements } from '../../src/sql/results-dir.js';
import { openStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';
import { changesInDuckdb, loadCsvPostgres, PG_REQUIRED, PG_URL, resultsOf } from './helpers.js';

const store = () => {
  const s = openStore({ dataDir: join(tempDir('tickmark-sql-verify-store-'), 'data') });
  return s;
};

describe('verify of a workbook pulled from statement results', () => {
  it('re-assembles the pull from the results directory, says the statements were not run again, and finds a changed result', async () => {
    const dir = tempDir('tickmark-sql-verify-');
    const { csv, engine, request } = await changesInDuckdb(dir, 500, { seed: '20251231', size: 12, method: 'stratified', strata: 'quarter' });
    const results = join(dir, 'results');
    try {
      const rows = await resultsOf(engine, request);
      writeRequest(results, request);
      writeStatements(results, statementsOf(request, rows.strata).statements);
      for (const [name, value] of Object.entries(rows)) writeFileSync(join(results, `${name}.json`), JSON.stringify(value));
    } finally {
      await engine.close();
    }
    const out = join(dir, 'from-results.xlsx');
    const pulled = await sqlPullFromResults(results, { output: out });
    const s = store();
    try {
      const same = await verifyWorkbook(s, out, results, { workers: 0 });
      expect(same.identical).toBe(true);
      expect(same.population.file.sha256).toBe(pulled.population.source.sha256);
      expect(same.selection.recomputedSha256).toBe(pulled.sample.manifest.selectionSha256);
      expect(same.tests?.status).toBe('identical');
      expect(same.workbook.notes.join('\n')).toMatch(/the statements were not run again: their results saved in .* were read/);
      expect(same.workbook.notes.join('\n')).toMatch(/the SQL compiled from the request is the workbook's recipe/);
      // One result changed: the fingerprint the warehouse computed.
      const path = join(results, 'fingerprint.json');
      const [fp] = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>[];
      writeFileSync(path, JSON.stringify([{ ...fp, sum_lo: String(Number(fp!.sum_lo) ^ 1) }]));
      const changed = await verifyWorkbook(s, out, results, { workers: 0 });
      expect(changed.identical).toBe(false);
      expect(changed.population.identical).toBe(false);
      expect(changed.selection.differences.join('\n')).toMatch(/^content fingerprint: workbook tickmark-rows-sha256-sum64\/1 rows=500 sum=[0-9a-f]{16}, recomputed tickmark-rows-sha256-sum64\/1 rows=500 sum=[0-9a-f]{16}$/m);
      // The CSV the table was loaded from is read as a file, and verify says how to re-perform in place.
      const asFile = await verifyWorkbook(s, out, csv, { workers: 0 });
      expect(asFile.workbook.notes.join('\n')).toMatch(/read in place by SQL \(results, dialect duckdb\) and .*changes\.csv was read as a file/);
      expect(asFile.population.identical).toBe(false);
    } finally {
      s.close();
    }
  }, 180_000);
});

describe.skipIf(!PG_URL && !PG_REQUIRED)('verify of a workbook pulled from PostgreSQL', () => {
  it('runs the statements again on the table the workbook names, with the record column the recipe read; a changed row is a difference', async () => {
    const { postgresEngine } = await import('../../src/sql/engines/postgres.js');
    const dir = tempDir('tickmark-sql-verify-pg-');
    const { csv, engine: duck } = await changesInDuckdb(dir, 400, { seed: '1', size: 1 });
    await duck.close();
    const table = 'verify_sql_changes';
    const pg = await postgresEngine(PG_URL!);
    try {
      await loadCsvPostgres(pg, csv, table);
    } finally {
      await pg.close();
    }
    const url = new URL(PG_URL!);
    url.searchParams.set('table', table);
    url.searchParams.set('record', 'tm_rec');
    const out = join(dir, 'pg.xlsx');
    const pulled = await sqlPull({ source: { postgres: url.toString() }, population: { kind: 'change' }, period: '2025-01-01..2025-12-31', sample: { seed: '20251231', size: 15, method: 'stratified' }, output: out });
    const s = store();
    try {
      // The bare connection: the table from the workbook, the record column from the recipe.
      const same = await verifyWorkbook(s, out, PG_URL!, { workers: 0 });
      expect(same.identical).toBe(true);
      expect(same.selection.recomputedSha256).toBe(pulled.sample.manifest.selectionSha256);
      expect(same.population.file.sha256).toBe(pulled.population.source.sha256);
      expect(same.workbook.notes.join('\n')).toMatch(/the statements ran again on PostgreSQL/);
      expect(same.workbook.notes.join('\n')).toMatch(/the SQL that ran is the workbook's recipe/);
      // A record column other than the recipe's reads the table another way: the SQL is not the recipe.
      const other = new URL(PG_URL!);
      other.searchParams.set('record', 'tm_rec');
      other.searchParams.set('line', 'tm_rec');
      const differently = await verifyWorkbook(s, out, other.toString(), { workers: 0 });
      expect(differently.selection.differences.join('\n')).toMatch(/^SQL: the statements that ran now \(sha256 [0-9a-f]{64}\) are not the workbook's recipe/m);
      // One cell of one row changed in the warehouse.
      const again = await postgresEngine(PG_URL!);
      try {
        await again.exec(`UPDATE ${table} SET "Approved By" = 'someone else' WHERE tm_rec = 7`, 'edit');
      } finally {
        await again.close();
      }
      const changed = await verifyWorkbook(s, out, PG_URL!, { workers: 0 });
      expect(changed.identical).toBe(false);
      expect(changed.population.identical).toBe(false);
      expect(changed.selection.differences.join('\n')).toMatch(/^content fingerprint: workbook tickmark-rows-sha256-sum64\/1 rows=400 /m);
    } finally {
      s.close();
    }
  }, 180_000);
});
