// `npm run bench -- <suite> [--rows N]`: benchmarks on generated data, printed as tables.
// Suites: ingest (more arrive with their capabilities). Never a gate: read ratios, not absolutes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileMB, fmt, generated, measure, median, table } from './lib.js';

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
    const reload = median('reload', { dataDir, id: ing.id }, runs);
    rmSync(dataDir, { recursive: true, force: true });
    out.push({ what: 'reload cached population (all columns)', seconds: fmt.s(reload.seconds), 'rows/s': fmt.int(reload.rows / reload.seconds), 'MB/s': fmt.mb(mb / reload.seconds), 'peak RSS MB': fmt.mb(reload.maxRssMB), 'vs baseline': `${((reload.seconds / ing.seconds) * 100).toFixed(1)}% of ingest` });
    console.log(`\ningest: ${rows.toLocaleString('en-US')}-row change log, ${mb.toFixed(1)} MB, median of ${runs}\n`);
    table(out);
  },
};

if (!suites[suite]) {
  console.error(`unknown suite "${suite}"; suites: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}
await suites[suite]();
