/**
 * The SQL path from the command line: `tickmark pull data.parquet` (a Parquet file made here with
 * DuckDB from a generated CSV) writes a workbook whose recipe is the SQL and which `tickmark verify
 * OUT.xlsx data.parquet` re-performs; `tickmark sql --out DIR` writes statements whose results,
 * run by hand (here on DuckDB, self-contained as printed) and saved as files, `tickmark pull
 * --from-results DIR` turns into the same sample as the file pull.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readWorkbookManifest } from '../../src/export/workbook/read-manifest.js';
import { duckdbEngine } from '../../src/sql/engines/duckdb.js';
import { tempDir, writeTemp } from '../helpers/tmp.js';
import { generatedCsv } from './helpers.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), isTTY: false });
  return { code, out, err };
}

const period = '2025-01-01..2025-12-31';

describe('tickmark pull of a Parquet file, and verify', () => {
  it('pulls where the file lies, records the SQL, and verifies from the workbook alone', async () => {
    const dir = tempDir();
    const csv = writeTemp(dir, 'changes.csv', await generatedCsv({ kind: 'change', rows: 1500, seed: 21, defects: { duplicateKeys: 3, selfApproval: 4 } }));
    const parquet = join(dir, 'changes.parquet');
    const engine = await duckdbEngine();
    await engine.exec(`COPY (SELECT * FROM read_csv(${engine.dialect.text(csv)}, all_varchar = true, header = true)) TO ${engine.dialect.text(parquet)} (FORMAT parquet)`, 'parquet');
    await engine.close();
    const out = join(dir, 'sample.xlsx');
    const pulled = await run(['pull', parquet, '--kind', 'change', '--period', period, '--seed', '20251231', '--size', '20', '--method', 'stratified', '-o', out, '--data-dir', join(dir, 'store'), '--json']);
    expect(pulled.err).toBe('');
    expect(pulled.code).toBe(0);
    const summary = JSON.parse(pulled.out);
    expect(summary.sample.extraction).toMatchObject({ method: 'sql', engine: 'duckdb', dialect: 'duckdb' });
    expect(summary.population.source).toMatchObject({ format: 'parquet', name: 'changes.parquet' });
    // The same sample as the embedded engine draws from the CSV.
    const file = await run(['pull', csv, '--kind', 'change', '--period', period, '--seed', '20251231', '--size', '20', '--method', 'stratified', '-o', join(dir, 'csv.xlsx'), '--data-dir', join(dir, 'store2'), '--json']);
    expect(summary.sample.selectionSha256).toBe(JSON.parse(file.out).sample.selectionSha256);
    const wb = await readWorkbookManifest(out);
    expect(wb.manifest.extraction?.method).toBe('sql');
    expect(wb.copy.source.fingerprint).toMatch(/^tickmark-rows-sha256-sum64\/1 rows=1500 sum=[0-9a-f]{16}$/);
    // The Population sheet carries the recipe: engine, dialect, fingerprint and every statement that ran.
    const { readFilledWorkbook } = await import('../../src/export/workbook/read-filled.js');
    const { workbookContents } = await import('../../src/export/workbook/build.js');
    const { cellParts } = await import('../../src/export/workbook/content.js');
    const render = (await readFilledWorkbook(out)).render;
    const sheet = workbookContents(render).sheets.find((s) => s.name === 'Population')!;
    const firsts = sheet.rows.map((r) => String(cellParts(r[0] as never).v ?? ''));
    expect(firsts).toContain('Extraction in place (SQL): the recipe that ran');
    expect(firsts.filter((l) => /^\s*SELECT\b/i.test(l)).length).toBeGreaterThan(0);
    const at = firsts.indexOf('Extraction in place (SQL): the recipe that ran');
    // Every line of every statement, in order (a line longer than 8,000 characters in pieces: a cell holds 32,767).
    const lines = render.extraction!.sql!.split('\n').flatMap((l) => (l.length <= 8000 ? [l] : l.match(/[\s\S]{1,8000}/g)!));
    expect(firsts.slice(at + 5, at + 5 + lines.length)).toEqual(lines);
    const verified = await run(['verify', out, parquet]);
    expect(verified.out).toMatch(/\nidentical\n$/);
    expect(verified.code).toBe(0);
  }, 180_000);
});

describe('tickmark sql, then pull --from-results', () => {
  it.each(['random', 'stratified'] as const)('gives the file pull\'s sample from statement results saved by hand (%s)', async (method) => {
    const dir = tempDir();
    const text = await generatedCsv({ kind: 'change', rows: 800, seed: 4 });
    const csv = writeTemp(dir, 'changes.csv', text);
    const header = text.slice(0, text.indexOf('\n'));
    const engine = await duckdbEngine({ path: join(dir, 'warehouse.duckdb') });
    await engine.exec(`CREATE TABLE changes_raw AS SELECT * FROM read_csv(${engine.dialect.text(csv)}, all_varchar = true, header = true)`, 'load');
    await engine.exec('CREATE TABLE changes AS SELECT CAST(rowid + 1 AS BIGINT) AS rec, * FROM changes_raw', 'load');
    const results = join(dir, 'results');
    const sample = ['--seed', '7', '--size', '15', '--method', method];
    const printed = await run(['sql', '--dialect', 'duckdb', '--table', 'changes', '--columns', `rec:integer,${header}`, '--record-column', 'rec', '--kind', 'change', '--period', period, ...sample, '--out', results]);
    expect(printed.err).toBe('');
    expect(printed.code).toBe(0);
    const runAll = async () => {
      for (const f of readdirSync(results).filter((f) => f.endsWith('.sql'))) {
        const name = f.slice(0, -4);
        if (readdirSync(results).includes(`${name}.json`)) continue;
        const rows = await engine.query(readFileSync(join(results, f), 'utf8').replace(/;\s*$/, ''), name);
        writeFileSync(join(results, `${name}.json`), JSON.stringify(rows));
      }
    };
    await runAll();
    if (method === 'stratified') {
      const waiting = await run(['pull', '--from-results', results, '-o', join(dir, 'x.xlsx'), '--data-dir', join(dir, 'store')]);
      expect(waiting.code).toBe(3);
      expect(waiting.err).toMatch(/tickmark sql --results/);
      expect((await run(['sql', '--results', results])).code).toBe(0);
      await runAll();
    }
    await engine.close();
    const out = join(dir, 'from-results.xlsx');
    const pulled = await run(['pull', '--from-results', results, '-o', out, '--data-dir', join(dir, 'store'), '--json']);
    expect(pulled.err).toBe('');
    const file = await run(['pull', csv, '--kind', 'change', '--period', period, ...sample, '-o', join(dir, 'csv.xlsx'), '--data-dir', join(dir, 'store2'), '--json']);
    expect(JSON.parse(pulled.out).sample.selectionSha256).toBe(JSON.parse(file.out).sample.selectionSha256);
    expect(JSON.parse(pulled.out).sample.extraction).toMatchObject({ method: 'sql', engine: 'results', dialect: 'duckdb' });
    // An edited statement's results are refused.
    const edited = join(results, 'counts.sql');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('count(*) AS considered', 'count(*) + 1 AS considered'));
    const refused = await run(['pull', '--from-results', results, '-o', join(dir, 'y.xlsx'), '--data-dir', join(dir, 'store')]);
    expect(refused.err).toMatch(/counts\.sql differs/);
  }, 180_000);
});
