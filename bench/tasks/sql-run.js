// One SQL-path measurement in its own process (peak RSS is its own; DuckDB runs in-process, so its
// memory counts here; PostgreSQL's server memory does not): prints {"seconds", "maxRssMB", ...}.
import { join } from 'node:path';
import { root } from '../lib.js';

const [what, json] = process.argv.slice(2);
const args = JSON.parse(json ?? '{}');
const lib = (p) => import(join(root, 'dist/src', p));
const PERIOD = '2025-01-01..2025-12-31';
const SAMPLE = { seed: '20251231', size: 60, method: 'stratified', strata: 'month' };

async function timed(fn) {
  const t0 = performance.now();
  const extra = (await fn()) ?? {};
  return { seconds: (performance.now() - t0) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024, ...extra };
}

const tasks = {
  /** The embedded pull of the CSV, cold: ingest into a fresh store, checks, sample, tests (2 workers). */
  async embedded() {
    const { openStore } = await lib('store/store.js');
    const { pull } = await lib('operations/pull.js');
    const { closePools } = await lib('pool/pool.js');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dataDir = mkdtempSync(join(tmpdir(), 'tm-bench-sql-'));
    const store = openStore({ dataDir });
    const r = await pull(store, { file: args.file, ingest: { kind: 'change' }, period: PERIOD, sample: SAMPLE }, { workers: 2 });
    store.close();
    await closePools();
    rmSync(dataDir, { recursive: true, force: true });
    return { rows: r.population.rows.total, selectionSha256: r.sample.manifest.selectionSha256 };
  },
  /** A SQL pull (DuckDB table, CSV or Parquet file through DuckDB, or a PostgreSQL table). */
  async sql() {
    const { sqlPull } = await lib('operations/sql-pull.js');
    const r = await sqlPull({ source: args.source, population: { kind: 'change', ...(args.recordColumn ? { recordColumn: args.recordColumn } : {}) }, period: PERIOD, sample: SAMPLE });
    return { rows: r.population.rows.total, selectionSha256: r.sample.manifest.selectionSha256, statements: r.recipe.statements.length };
  },
};

console.log(JSON.stringify(await timed(tasks[what])));
