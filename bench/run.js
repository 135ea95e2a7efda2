// `npm run bench -- <suite> [--rows N]`: benchmarks on generated data, printed as tables.
// Suites: ingest (more arrive with their capabilities). Never a gate: read ratios, not absolutes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileMB, fmt, generated, measure, median, root, table } from './lib.js';

const [suite = 'ingest', ...rest] = process.argv.slice(2);
const rowsArg = rest.indexOf('--rows');
const rows = rowsArg >= 0 ? Number(rest[rowsArg + 1]) : 1_000_000;
const runs = rest.includes('--once') ? 1 : 3;

const suites = {
  async ingest() {
    const file = await generated('change', rows);
    const mb = fileMB(file);
    const base = median('csv-parse', { file }, runs);
    const out = [{ what: 'baseline: csv-parse arrays, 1 thread', seconds: fmt.s(base.seconds), 'rows/s': fmt.int(base.rows / base.seconds), 'MB/s': fmt.mb(mb / base.seconds), 'peak RSS MB': fmt.mb(base.maxRssMB), 'vs baseline': '1.00×' }];
    for (const workers of [1, 2]) {
      const r = median('ingest', { file, workers }, runs);
      out.push({ what: `tickmark ingest, ${workers} worker${workers > 1 ? 's' : ''}`, seconds: fmt.s(r.seconds), 'rows/s': fmt.int(r.rows / r.seconds), 'MB/s': fmt.mb(mb / r.seconds), 'peak RSS MB': fmt.mb(r.maxRssMB), 'vs baseline': fmt.ratio(base.seconds / r.seconds) });
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'tm-bench-'));
    const ing = measure('ingest', { file, workers: 2, dataDir });
    // Reload against the median 2-worker ingest above (the row printed), not the one run that filled dataDir.
    const ingest2 = Number(out[2].seconds);
    const scan = median('reload', { dataDir, id: ing.id, scan: true }, runs);
    const strings = median('reload', { dataDir, id: ing.id }, runs);
    rmSync(dataDir, { recursive: true, force: true });
    for (const [what, r] of [['reload cached population as the scans read it', scan], ['(for scale) reload with every cell as a JS string', strings]]) {
      out.push({ what, seconds: fmt.s(r.seconds), 'rows/s': fmt.int(r.rows / r.seconds), 'MB/s': fmt.mb(mb / r.seconds), 'peak RSS MB': fmt.mb(r.maxRssMB), 'vs baseline': `${((r.seconds / ingest2) * 100).toFixed(1)}% of ingest (2 workers)` });
    }
    console.log(`\ningest: ${rows.toLocaleString('en-US')}-row change log, ${mb.toFixed(1)} MB, median of ${runs}\n`);
    table(out);
  },
  /** 10M rows (~1.9 GB): streamed ingest with bounded memory. */
  async scale() {
    const big = rowsArg >= 0 ? rows : 10_000_000;
    const file = await generated('change', big);
    const mb = fileMB(file);
    const r = measure('ingest', { file, workers: 2 });
    console.log(`\nscale: ${big.toLocaleString('en-US')}-row change log, ${mb.toFixed(0)} MB, one run\n`);
    table([{ what: 'tickmark ingest, 2 workers', seconds: fmt.s(r.seconds), 'rows/s': fmt.int(r.rows / r.seconds), 'MB/s': fmt.mb(mb / r.seconds), 'peak RSS MB': fmt.mb(r.maxRssMB) }]);
  },
  async check() {
    const file = await generated('change', rows);
    const { dataDir, id, seconds: ingestSeconds } = await ingested(file);
    const out = [];
    for (const workers of [1, 2]) {
      const r = median('check', { dataDir, id, workers }, runs);
      out.push({ what: `completeness, cached population, ${workers} worker(s)`, seconds: fmt.s(r.seconds), 'rows/s': fmt.int(r.rows / r.seconds), 'peak RSS MB': fmt.mb(r.maxRssMB), ratio: '' });
    }
    for (const workers of [1, 2]) {
      const ing = median('ingest', { file, workers }, runs);
      const r = median('ingest-check', { file, workers }, runs);
      out.push({ what: `ingest + completeness from CSV, ${workers} worker(s)`, seconds: fmt.s(r.seconds), 'rows/s': fmt.int(r.rows / r.seconds), 'peak RSS MB': fmt.mb(r.maxRssMB), ratio: `${fmt.ratio(r.seconds / ing.seconds)} of ingest alone (${fmt.s(ing.seconds)} s)` });
    }
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`\ncheck: ${rows.toLocaleString('en-US')}-row change log (ingest took ${fmt.s(ingestSeconds)} s), median of ${runs}\n`);
    table(out);
  },
  async sample() {
    const file = await generated('change', rows);
    const { dataDir, id } = await ingested(file);
    const out = [];
    for (const method of ['random', 'stratified']) {
      for (const size of [25, 60]) {
        for (const workers of [1, 2]) {
          const r = median('sample', { dataDir, id, workers, size, method }, runs);
          out.push({ what: `${method} n=${size}, cached, ${workers} worker(s)`, seconds: fmt.s(r.seconds), 'rows/s': fmt.int(r.rows / r.seconds), 'peak RSS MB': fmt.mb(r.maxRssMB), hash: r.selectionSha256.slice(0, 12) });
        }
      }
    }
    const e2e = median('ingest-sample', { file, workers: 2, size: 60 }, runs);
    out.push({ what: 'random n=60 from the CSV end to end, 2 workers', seconds: fmt.s(e2e.seconds), 'rows/s': fmt.int(e2e.rows / e2e.seconds), 'peak RSS MB': fmt.mb(e2e.maxRssMB), hash: e2e.selectionSha256.slice(0, 12) });
    const prn = median('prn', { count: 1_000_000 }, runs);
    out.push({ what: 'PRN (SHA-256) alone, 1 thread', seconds: fmt.s(prn.seconds), 'rows/s': fmt.int(prn.rows / prn.seconds), 'peak RSS MB': fmt.mb(prn.maxRssMB), hash: `${((prn.seconds / prn.rows) * 1e6).toFixed(2)} µs/record` });
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`\nsample: ${rows.toLocaleString('en-US')}-row change log, median of ${runs}\n`);
    table(out);
  },
  async test() {
    const file = await generated('change', rows);
    const { dataDir, id } = await ingested(file);
    const out = [];
    for (const workers of [1, 2]) {
      const r = median('test', { dataDir, id, workers }, runs);
      out.push({ what: `change built-in rules, 100% of rows, ${workers} worker(s)`, seconds: fmt.s(r.seconds), 'rows/s': fmt.int(r.rows / r.seconds), 'peak RSS MB': fmt.mb(r.maxRssMB), findings: r.findings });
    }
    const s = measure('sample', { dataDir, id, workers: 2, size: 60 });
    const { openStore } = await import(join(root, 'dist/src/store/store.js'));
    const store = openStore({ dataDir });
    const sampleId = store.listArtefacts(id, 'sample').at(-1).id;
    store.close();
    const r = median('test', { dataDir, id, workers: 2, sampleId }, runs);
    out.push({ what: 'change built-in rules, 60-item sample, 2 workers', seconds: fmt.s(r.seconds), 'rows/s': fmt.int(r.rows / r.seconds), 'peak RSS MB': fmt.mb(r.maxRssMB), findings: r.findings });
    void s;
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`\ntest: ${rows.toLocaleString('en-US')}-row change log, median of ${runs}\n`);
    table(out);
  },
};

/** Ingest once into a temp data directory for the suites that start from a cached population. */
async function ingested(file) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tm-bench-'));
  const r = measure('ingest', { file, workers: 2, dataDir });
  return { dataDir, id: r.id, seconds: r.seconds };
}

/** Suites that live in their own file: bench/suites/<name>.js exports `run({ rows, runs, argv })`. */
const fileSuites = ['pull', 'shapes', 'http', 'kernels', 'sql', 'arrow', 'workbook'];
if (suites[suite]) await suites[suite]();
else if (fileSuites.includes(suite)) await (await import(`./suites/${suite}.js`)).run({ rows, runs, argv: rest });
else {
  console.error(`unknown suite "${suite}"; suites: ${[...Object.keys(suites), ...fileSuites].join(', ')}`);
  process.exit(2);
}
