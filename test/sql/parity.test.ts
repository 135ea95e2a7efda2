/**
 * The acceptance test of sampling in place: the same CSV ingested by tickmark and loaded as a
 * text table into DuckDB and PostgreSQL gives the same completeness report, the same sample
 * (selectionSha256, items, counts) for every method, the same rule outcomes on the selected
 * items, the same value issues and the same content fingerprint. PostgreSQL runs when
 * TICKMARK_PG_URL names a server (required when TICKMARK_REQUIRE_PG=1).
 */
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { checkAndSample } from '../../src/operations/check-and-sample.js';
import { runTests } from '../../src/operations/test.js';
import { buildManifest } from '../../src/sampling/manifest.js';
import type { SampleRequest } from '../../src/operations/sample.js';
import { duckdbEngine } from '../../src/sql/engines/duckdb.js';
import { postgresEngine } from '../../src/sql/engines/postgres.js';
import type { SqlEngine } from '../../src/sql/engines/engine.js';
import { sqlPopulationModel } from '../../src/sql/compile/model.js';
import { runSqlPull } from '../../src/sql/run.js';
import { testSqlPull } from '../../src/sql/tests.js';
import { populationFingerprint } from '../../src/store/fingerprint.js';
import { tempDir, tempStore, writeTemp } from '../helpers/tmp.js';
import { edgeChangeCsv, edgeTerminationCsv, randomCellsCsv } from './edge-csv.js';
import { generatedCsv, loadCsvDuckdb, loadCsvPostgres, PG_URL } from './helpers.js';

const period = '2025-01-01..2025-12-31';

interface Case {
  name: string;
  csv: () => Promise<string> | string;
  kind: string;
  timeZone?: string;
  samples: Omit<SampleRequest, 'period' | 'timeZone'>[];
  params?: Record<string, unknown>;
  /** Number records by content instead of the record column. */
  byContent?: boolean;
  /** The kind's attributes look across rows, which SQL refuses: compare everything but the rule outcomes. */
  noRules?: boolean;
}

const methods: Case['samples'] = [
  { seed: '20251231', size: 12 },
  { seed: '20251231', size: 12, method: 'stratified', strata: 'month' },
  { seed: 'q', size: 7, method: 'stratified', strata: 'quarter', allocation: 'equal' },
  { seed: '42', size: 9, method: 'systematic' },
  { seed: '7', size: 4, keyItems: 'type=emergency' },
  { seed: '7', size: 5, keyItems: 'type=emergency', method: 'stratified' },
  { seed: '8', size: 6, filter: 'environment=production' },
];

const cases: Case[] = [
  { name: 'hand-made change log (quoted, non-ASCII, padded, blank keys; every ISO form)', csv: edgeChangeCsv, kind: 'change', samples: methods, params: { expectCount: 26, expectSum: undefined } },
  { name: 'composite keys (termination: employee + account)', csv: edgeTerminationCsv, kind: 'termination', samples: [methods[0]!, methods[1]!, methods[3]!] },
  {
    name: 'generated change log with defects, New York wall-clock times',
    csv: () => generatedCsv({ kind: 'change', rows: 2500, seed: 5, timeZone: 'America/New_York', timestampFormat: 'space', defects: { duplicateKeys: 8, duplicateRows: 4, blankRequired: 15, outOfPeriodBefore: 3, outOfPeriodAfter: 3, sequenceGaps: 5, emptyDays: 2 } }),
    kind: 'change', timeZone: 'America/New_York', samples: [methods[1]!, methods[3]!, methods[5]!], params: { expectCount: 2500 },
  },
  {
    name: 'generated access grants, records numbered by content',
    csv: () => generatedCsv({ kind: 'access_grant', rows: 1500, seed: 3, defects: { duplicateKeys: 5, duplicateRows: 3 } }),
    kind: 'access_grant', samples: [methods[0]!, methods[2]!], byContent: true,
  },
  { name: 'random cells: access reviews (enum, number, timestamps; invalid, blank, whitespace)', csv: () => randomCellsCsv('access_review', 11, 400), kind: 'access_review', samples: [methods[0]!], noRules: true },
  { name: 'random cells: accounts (booleans, timestamps; invalid, blank, whitespace)', csv: () => randomCellsCsv('account', 12, 400), kind: 'account', samples: [methods[0]!] },
];

const engines: { name: string; open: () => Promise<SqlEngine>; load: (e: SqlEngine, path: string, table: string) => Promise<void> }[] = [
  { name: 'duckdb', open: () => duckdbEngine(), load: loadCsvDuckdb },
  ...(PG_URL ? [{ name: 'postgres', open: () => postgresEngine(PG_URL!), load: loadCsvPostgres }] : []),
];

describe.each(engines)('sampling in place on $name gives the embedded engine\'s results', (engine) => {
  it.each(cases)('$name', async (c) => {
    const dir = tempDir();
    const path = writeTemp(dir, 'population.csv', await c.csv());
    const store = tempStore();
    const typing = c.timeZone ? { timeZone: c.timeZone } : {};
    const { population: meta } = await ingestFile(store, path, { kind: c.kind, workers: 0, ...typing });
    const db = await engine.open();
    try {
      const table = `tm_parity_${Math.random().toString(36).slice(2, 8)}`;
      await engine.load(db, path, table);
      const model = sqlPopulationModel(
        { table: [table], columns: await db.describe({ table: [table] }), name: 'population.csv', ...(c.byContent ? {} : { recordColumn: 'tm_rec' }) },
        { kind: c.kind, ...typing },
      );
      if (c.byContent) {
        // Record numbers come from the content: no file order to keep, so only the draw is compared.
        const [sample] = c.samples;
        const run = await runSqlPull(db, model, { period, sample: sample! }, { name: 'population.csv', format: 'table' });
        const embedded = await checkAndSample(store, meta.id, { period }, { ...sample!, period }, { workers: 0 });
        expect(buildManifest(run.selection, { population: { id: '', sha256: '', rows: 0 }, plan: null }).selectionSha256).toBe(embedded.sample.manifest.selectionSha256);
        return;
      }
      const params = (c.params ?? {}) as never;
      for (const sample of c.samples) {
        const run = await runSqlPull(db, model, { period, sample, completeness: params }, { name: 'population.csv', format: 'table' });
        const embedded = await checkAndSample(store, meta.id, { period, params }, { ...sample, period }, { workers: 0 });
        for (let i = 0; i < run.report.checks.length; i++) expect(run.report.checks[i], run.report.checks[i]!.id).toEqual(embedded.completeness.report.checks[i]);
        expect(run.report.status).toBe(embedded.completeness.report.status);
        expect(run.selection.counts).toEqual(embedded.sample.selection.counts);
        expect(run.selection.items).toEqual(embedded.sample.selection.items);
        const manifest = buildManifest(run.selection, { population: { id: meta.id, sha256: meta.source.sha256, rows: meta.rows.total }, plan: embedded.sample.plan });
        expect(manifest.selectionSha256).toBe(embedded.sample.manifest.selectionSha256);
        if (c.noRules) {
          expect(() => testSqlPull(run, { timeZone: c.timeZone ?? 'UTC' })).toThrow(/population-level attribute/);
          continue;
        }
        const tests = testSqlPull(run, { timeZone: c.timeZone ?? 'UTC' });
        const embeddedTests = await runTests(store, meta.id, { sampleId: embedded.sample.id, period }, { workers: 0 });
        expect(tests.run).toEqual(embeddedTests.run);
      }
      const run = await runSqlPull(db, model, { period, sample: c.samples[0]! }, { name: 'population.csv', format: 'table' });
      expect(run.meta.issues).toEqual(meta.issues);
      expect(run.meta.source.fingerprint).toBe((await populationFingerprint(store.populationDir(meta.id), meta)).text);
    } finally {
      await db.close();
    }
  }, 300_000);
});
