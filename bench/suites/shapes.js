/**
 * `npm run bench -- shapes [--rows N] [--once] [--only a,b] [--tickmark DIR]`: a cold `tickmark pull`
 * (whole CLI process, 2 workers, stratified by month, n=60) of generated change logs in the shapes
 * client exports come in, each against pandas (read_csv + sample, Debian's python3-pandas) and
 * DuckDB (load + the pull's checks + a SHA-256-ordered stratified sample, 2 threads) in the same
 * run: rows/s, MB/s, peak RSS and the ratios. `--tickmark DIR`: run another checkout's build
 * (e.g. main's) for a before/after table on the same files.
 * Targets (issue 19): every shape ≤ 0.8× pandas and ≤ 2.2× DuckDB, peak RSS ≤ 1 GiB.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileMB, fmt, generated, root, table } from '../lib.js';
import { SEED } from '../tasks/pull-run.js';
import { cli, medianBy, pandas } from './pull.js';

/** The shapes: generator options, and the dialect pandas and DuckDB are told (tickmark finds it). */
export const SHAPES = [
  { name: 'a', what: "(a) today's change log (3% of rows quoted, LF)", options: {} },
  { name: 'b', what: '(b) every field quoted, CRLF, BOM', options: { quoting: 'all', lineEnding: '\r\n', bom: true } },
  { name: 'c', what: '(c) 20% of rows with a quoted multi-line cell', options: { quotedNewlineRate: 0.2 } },
  { name: 'd', what: '(d) 40 columns, repeated names (Jira-like)', options: { extraColumns: 26 } },
  { name: 'e', what: '(e) UTF-8, names in 7 scripts in every text cell', options: { nonAsciiText: 'scripts' } },
  { name: 'f', what: '(f) Windows-1252 (€ – “ ”), ";", CRLF', options: { encoding: 'windows-1252', nonAsciiText: 'western', delimiter: ';', lineEnding: '\r\n' }, dialect: { sep: ';', encoding: 'cp1252' } },
];

const GIB_MB = 1024;

function duckdb(file, runs, dialect) {
  return medianBy(runs, () => {
    const p = spawnSync(process.execPath, [join(root, 'bench/tasks/duckdb-pull.js'), JSON.stringify({ file, sep: dialect.sep ?? ',', encoding: dialect.encoding === 'cp1252' ? 'windows-1252' : 'utf-8', seed: SEED })], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (p.status !== 0) throw new Error(`duckdb baseline failed: ${p.stderr}`);
    return JSON.parse(p.stdout.trim().split('\n').pop());
  }, 'seconds');
}

export async function run({ rows, runs, argv }) {
  const opt = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const only = opt('--only')?.split(',');
  const tickmarkRoot = resolve(opt('--tickmark') ?? root);
  const out = [];
  const pulls = [];
  for (const shape of SHAPES) {
    if (only && !only.includes(shape.name)) continue;
    const file = await generated('change', rows, 7, shape);
    const mb = fileMB(file);
    const dialect = shape.dialect ?? {};
    const tm = medianBy(runs, () => {
      const d = mkdtempSync(join(tmpdir(), 'tm-bench-shapes-'));
      try {
        return cli(file, d, tickmarkRoot);
      } finally {
        rmSync(d, { recursive: true, force: true });
      }
    }, 'seconds');
    const pd = pandas(file, runs, dialect);
    const dk = duckdb(file, runs, dialect);
    // pandas is timed in-process after import (as its task reports); its whole process is the fairer match for a CLI process.
    const vsPd = pd ? tm.seconds / pd.processSeconds : NaN;
    const vsDk = tm.seconds / dk.seconds;
    pulls.push({ shape: shape.what, MB: fmt.mb(mb), 'tickmark s': fmt.s(tm.seconds), 'rows/s': fmt.int(rows / tm.seconds), 'MB/s': fmt.mb(mb / tm.seconds), 'peak RSS MB': Number.isNaN(tm.maxRssMB) ? 'n/a' : fmt.mb(tm.maxRssMB),
      'pandas s (process)': pd ? `${fmt.s(pd.processSeconds)} (${fmt.s(pd.seconds)} read+sample)` : 'n/a', 'DuckDB s': fmt.s(dk.seconds),
      'vs pandas': pd ? `${fmt.ratio(vsPd)} ${vsPd <= 0.8 ? 'MET' : 'MISSED'}` : 'n/a', 'vs DuckDB': `${fmt.ratio(vsDk)} ${vsDk <= 2.2 ? 'MET' : 'MISSED'}`, '≤1 GiB': tm.maxRssMB <= GIB_MB ? 'MET' : 'MISSED' });
    out.push({ shape: shape.name, pandasRssMB: pd?.maxRssMB, duckdbRssMB: dk.maxRssMB, duckdbRows: dk.rows, pandasRows: pd?.rows });
  }
  console.log(`\nshapes: cold \`tickmark pull\` (whole process, 2 workers, n=60 stratified by month) of ${rows.toLocaleString('en-US')}-row change logs, median of ${runs}; tickmark from ${tickmarkRoot}\n`);
  table(pulls);
  console.log('\nbaselines (peak RSS MB, rows read):\n');
  table(out.map((o) => ({ shape: o.shape, 'pandas RSS MB': o.pandasRssMB === undefined ? 'n/a' : fmt.mb(o.pandasRssMB), 'DuckDB RSS MB': fmt.mb(o.duckdbRssMB), 'pandas rows': o.pandasRows ?? 'n/a', 'DuckDB rows': o.duckdbRows })));
}
