/**
 * `npm run bench -- sql [--rows N] [--once]`: the same pull (change log, period 2025, stratified
 * by month, n=60, seed 20251231) by the embedded engine on the CSV (cold: ingest + pull, 2
 * workers) and in place by SQL — DuckDB on a table loaded from the same CSV, DuckDB straight on
 * the CSV and on a Parquet copy, and PostgreSQL on a table loaded from the same CSV (when
 * TICKMARK_PG_URL names a server) — in one run. Loading the tables is timed apart: a warehouse
 * already holds its population. Every row reports the selection's SHA-256, which must be the
 * same. Default 10,000,000 rows. Peak RSS is the measuring process's (PostgreSQL's server is
 * another process: its memory is not in the figure). `--only table,csv,parquet,postgres` runs
 * some of the in-place rows (the embedded baseline always runs).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { dataDir, fileMB, fmt, generated, root, table } from '../lib.js';

function measureSql(what, args) {
  const out = execFileSync(process.execPath, [join(root, 'bench/tasks/sql-run.js'), what, JSON.stringify(args)], { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop());
}

function median(runs, fn) {
  const all = Array.from({ length: runs }, fn).sort((a, b) => a.seconds - b.seconds);
  return all[Math.floor(all.length / 2)];
}

export async function run({ rows: requested, runs, argv }) {
  const rows = argv.includes('--rows') ? requested : 10_000_000;
  const onlyAt = argv.indexOf('--only');
  const only = new Set(onlyAt >= 0 ? String(argv[onlyAt + 1] ?? '').split(',') : ['table', 'csv', 'parquet', 'postgres']);
  const file = await generated('change', rows);
  const mb = fileMB(file);
  const lib = (p) => import(join(root, 'dist/src', p));
  const { duckdbEngine } = await lib('sql/engines/duckdb.js');
  mkdirSync(dataDir, { recursive: true });
  const dbFile = join(dataDir, `change-${rows}.duckdb`);
  const parquet = join(dataDir, `change-${rows}.parquet`);
  const loads = [];
  if ((only.has('table') || only.has('parquet')) && (!existsSync(dbFile) || !existsSync(parquet))) {
    rmSync(dbFile, { force: true });
    const t0 = performance.now();
    const engine = await duckdbEngine({ path: dbFile });
    const d = engine.dialect;
    await engine.exec(`CREATE TABLE changes_raw AS SELECT * FROM read_csv(${d.text(file)}, all_varchar = true, header = true)`, 'load');
    await engine.exec('CREATE TABLE changes AS SELECT CAST(rowid + 1 AS BIGINT) AS tm_rec, * FROM changes_raw', 'load');
    await engine.exec('DROP TABLE changes_raw', 'load');
    loads.push({ what: 'load: CSV → DuckDB table (text columns, record column)', seconds: (performance.now() - t0) / 1000 });
    const t1 = performance.now();
    await engine.exec(`COPY (SELECT * FROM read_csv(${d.text(file)}, all_varchar = true, header = true)) TO ${d.text(parquet)} (FORMAT parquet)`, 'parquet');
    loads.push({ what: 'load: CSV → Parquet copy', seconds: (performance.now() - t1) / 1000 });
    await engine.close();
  }
  const pgUrl = process.env.TICKMARK_PG_URL;
  if (pgUrl && only.has('postgres')) {
    const { postgresEngine } = await lib('sql/engines/postgres.js');
    const engine = await postgresEngine(pgUrl);
    const exists = await engine.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ${engine.dialect.text(`bench_changes_${rows}`)}`, 'probe');
    if (Number(exists[0].n) === 0) {
      const { openSync, readSync, closeSync } = await import('node:fs');
      const fd = openSync(file, 'r');
      const head = Buffer.alloc(65536);
      readSync(fd, head, 0, head.length, 0);
      closeSync(fd);
      const header = head.toString('utf8').split('\n')[0];
      const { parse } = await import('csv-parse/sync');
      const columns = parse(header)[0];
      const d = engine.dialect;
      const t0 = performance.now();
      await engine.exec(`CREATE TABLE ${d.ident(`bench_changes_${rows}`)} (tm_rec bigint GENERATED ALWAYS AS IDENTITY, ${columns.map((c) => `${d.ident(c)} text`).join(', ')})`, 'load');
      await engine.exec(`COPY ${d.ident(`bench_changes_${rows}`)} (${columns.map((c) => d.ident(c)).join(', ')}) FROM ${d.text(file)} WITH (FORMAT csv, HEADER true)`, 'load');
      await engine.exec(`ANALYZE ${d.ident(`bench_changes_${rows}`)}`, 'load');
      loads.push({ what: 'load: CSV → PostgreSQL table (COPY, text columns, identity record column)', seconds: (performance.now() - t0) / 1000 });
    }
    await engine.close();
  }
  const out = [];
  // Each row is said as it completes (stderr), so a long run that is stopped still reports what ran.
  const push = (r) => {
    out.push(r);
    process.stderr.write(`sql bench: ${JSON.stringify(r)}\n`);
  };
  const base = median(runs, () => measureSql('embedded', { file }));
  const row = (what, r) => ({ what, seconds: fmt.s(r.seconds), 'rows/s': fmt.int(r.rows / r.seconds), 'peak RSS MB': fmt.mb(r.maxRssMB), 'vs embedded': fmt.ratio(base.seconds / r.seconds), selection: r.selectionSha256.slice(0, 12) });
  push(row('embedded: tickmark pull of the CSV (ingest + checks + sample + tests, 2 workers)', base));
  if (only.has('table')) push(row('SQL in place: DuckDB table', median(runs, () => measureSql('sql', { source: { duckdb: dbFile, table: ['changes'] }, recordColumn: 'tm_rec' }))));
  if (only.has('csv')) push(row('SQL in place: DuckDB on the CSV (read_csv each pull)', median(runs, () => measureSql('sql', { source: { csv: file } }))));
  if (only.has('parquet')) push(row('SQL in place: DuckDB on the Parquet copy', median(runs, () => measureSql('sql', { source: { parquet } }))));
  if (only.has('postgres') && pgUrl) push(row('SQL in place: PostgreSQL table', median(Math.min(runs, 1), () => measureSql('sql', { source: { postgres: pgUrl, table: [`bench_changes_${rows}`] }, recordColumn: 'tm_rec' }))));
  else if (only.has('postgres')) push({ what: 'SQL in place: PostgreSQL (skipped: set TICKMARK_PG_URL)', seconds: '', 'rows/s': '', 'peak RSS MB': '', 'vs embedded': '', selection: '' });
  console.log(`\nsql: ${rows.toLocaleString('en-US')}-row change log, ${mb.toFixed(0)} MB; stratified n=60; median of ${runs} (PostgreSQL: one run); load average at the end ${loadavg().map((l) => l.toFixed(2)).join(', ')}\n`);
  if (loads.length) table(loads.map((l) => ({ what: l.what, seconds: fmt.s(l.seconds) })));
  console.log('');
  table(out);
}
