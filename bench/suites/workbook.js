/**
 * `npm run bench -- workbook [--rows N] [--items 60,100000] [--once] [--tickmark DIR]`: the sample
 * workbook at a given sample size, on a stored population of the generated change log (random
 * method, seed 20251231, period 2025, 2 workers). Per size:
 * - the workbook step in-process: loadSampledRows + writeWorkbook with the modules loaded (the
 *   target line: n=60 ≤ 0.5 s, 100,000 items ≤ 5 s), wall and CPU seconds, peak RSS of that process;
 * - the whole CLI process `tickmark pull POP --size N --method random` (wall, user+sys CPU and
 *   peak RSS from /usr/bin/time -v), which also draws the sample, runs the tests and stores both.
 * `--tickmark DIR`: also run another checkout's build (e.g. main) on the same stored population,
 * in the same run, for a before/after table. The pull suite calls `workbookRows` for 100,000 items.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fmt, generated, measure, root, table } from '../lib.js';
import { PERIOD, SEED } from '../tasks/pull-run.js';
import { medianBy } from './pull.js';

/** The time limit of the workbook step (issue 19) for a sample of `items`. */
export const workbookTarget = (items) => (items <= 60 ? 0.5 : items <= 100_000 ? 5 : Infinity);

const met = (ok) => (ok ? 'MET' : 'MISSED');

/** `/usr/bin/time -v` of a command: wall, CPU (user+sys) seconds and peak RSS. */
function timed(args) {
  const hasTime = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const p = spawnSync(hasTime ? '/usr/bin/time' : process.execPath, hasTime ? ['-v', process.execPath, ...args] : args,
    { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, TZ: 'UTC' } });
  const seconds = (performance.now() - t0) / 1000;
  if (p.status !== 0) throw new Error(`${args.slice(0, 2).join(' ')} failed (${p.status}): ${p.stderr}`);
  const num = (re) => Number(re.exec(p.stderr ?? '')?.[1] ?? NaN);
  return {
    stdout: p.stdout, seconds,
    cpuSeconds: num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/),
    maxRssMB: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024,
  };
}

/** A whole `tickmark pull POP --size N --method random` process of `tickmarkRoot`'s build; with the ids of what it stored. */
export function cliPull(tickmarkRoot, id, dataDir, items, out) {
  const r = timed([join(tickmarkRoot, 'bin/tickmark.js'), 'pull', id, '--period', PERIOD, '--seed', SEED, '--size', String(items),
    '--method', 'random', '--workers', '2', '--data-dir', dataDir, '-o', out, '--json']);
  const json = JSON.parse(r.stdout);
  return { ...r, xlsxMB: statSync(out).size / 2 ** 20, completenessId: json.completeness.id, sampleId: json.sample.id, testRunId: json.tests.id };
}

/** The workbook step of `tickmarkRoot`'s build, in its own process (bench/measure.js of that checkout). */
function workbookStep(tickmarkRoot, args) {
  const r = timed([join(tickmarkRoot, 'bench/measure.js'), 'pull-workbook', JSON.stringify(args)]);
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()), processCpuSeconds: r.cpuSeconds };
}

/**
 * Table rows for a sample of `items` drawn from the stored population `id` in `dataDir`, for each
 * build in `roots` (this checkout first): the workbook step (median of `runs` by its seconds) and
 * the whole CLI pull (median by wall seconds).
 */
export function workbookRows({ id, dataDir, items, runs, roots = [root] }) {
  const out = [];
  const limit = workbookTarget(items);
  for (const tickmarkRoot of roots) {
    const who = tickmarkRoot === root ? '' : ` [${tickmarkRoot}]`;
    const xlsx = join(dataDir, `wb-${items}.xlsx`);
    const pulled = medianBy(runs, () => cliPull(tickmarkRoot, id, dataDir, items, xlsx), 'seconds');
    const args = { dataDir, populationId: id, completenessId: pulled.completenessId, sampleId: pulled.sampleId, testRunId: pulled.testRunId };
    const wb = medianBy(runs, () => workbookStep(tickmarkRoot, args), 'bothSeconds');
    const cpu = Number.isFinite(wb.bothCpuSeconds) ? `${fmt.s(wb.bothCpuSeconds)} s CPU in the step; ` : '';
    out.push({
      what: `workbook n=${items.toLocaleString('en-US')}: loadSampledRows + writeWorkbook (modules loaded)${who}`, seconds: fmt.s(wb.bothSeconds),
      'CPU s': fmt.s(wb.processCpuSeconds), 'peak RSS MB': fmt.mb(wb.maxRssMB),
      note: `TARGET ≤${limit} s ${met(wb.bothSeconds <= limit)}; ${cpu}rows ${fmt.s(wb.rowsSeconds)} s + write ${fmt.s(wb.workbookSeconds)} s; ${(wb.xlsxKB / 1024).toFixed(1)} MB .xlsx`,
    });
    out.push({
      what: `whole CLI \`tickmark pull POP --size ${items} --method random\`${who}`, seconds: fmt.s(pulled.seconds),
      'CPU s': fmt.s(pulled.cpuSeconds), 'peak RSS MB': fmt.mb(pulled.maxRssMB), note: 'sample + tests + stored artefacts + workbook; node startup included',
    });
  }
  return out;
}

export async function run({ rows, runs, argv }) {
  const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const sizes = (opt('--items') ?? '60,100000').split(',').map(Number);
  const roots = [root, ...(opt('--tickmark') ? [resolve(opt('--tickmark'))] : [])];
  const file = await generated('change', rows);
  const dataDir = mkdtempSync(join(tmpdir(), 'tm-bench-wb-'));
  try {
    const { id } = measure('ingest', { file, workers: 2, dataDir });
    const out = sizes.flatMap((items) => workbookRows({ id, dataDir, items, runs, roots }));
    console.log(`\nworkbook: random samples from the stored ${rows.toLocaleString('en-US')}-row change log (seed ${SEED}, 2 workers), median of ${runs}.`);
    console.log('The target is judged on the workbook step (sampled rows + write, in-process, modules loaded); the CLI row is the whole process.\n');
    table(out);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
