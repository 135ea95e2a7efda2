/**
 * One `tickmark pull`, through the library, in the order src/cli/commands/pull.ts calls it:
 * resolve/ingest → completeness + sample (one pass) → test → sampled rows → workbook.
 * args: { file | id, dataDir? (fresh temp dir when absent, removed after), workers, size, out?, seed?,
 * recompute? (scan for the completeness report even when one was kept for the same inputs) }.
 * `file` re-ingests (idempotent, but re-reads and re-parses the CSV, like `pull FILE`); `id`
 * starts from the stored population (like `pull pop_…`). Modules load before the timer;
 * exceljs's writer loads inside the timed pull, while the scan's workers start, as in the CLI.
 * Returns pullSeconds (the sequence) and per-step seconds, plus the artefact ids.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PERIOD = '2025-01-01..2025-12-31';
export const SEED = '20251231';

/** What the CLI's pull hands to writeWorkbook. */
export function workbookInput({ population, report, sample, sampledRows, tests, engineVersion }) {
  return {
    control: { id: 'CC8.1-01', description: 'change control tested by tickmark', tsc: 'CC8.1' },
    period: { start: report.period.start, end: report.period.end, timeZone: report.period.timeZone },
    population, completeness: report, sample, sampledRows,
    tests: tests.run, testJob: tests.job, evaluation: tests.evaluation, engineVersion,
  };
}

export default async function pullRun(args, lib) {
  const { openStore } = await lib('store/store.js');
  const { ingestFile } = await lib('ingest/ingest.js');
  const { checkAndSample } = await lib('operations/check-and-sample.js');
  const { runTests } = await lib('operations/test.js');
  const { loadSampledRows } = await lib('operations/sampled-rows.js');
  const { writeWorkbook } = await lib('export/workbook/write.js');
  const { closePools } = await lib('pool/pool.js');
  const { ENGINE_VERSION } = await lib('version.js');
  const { prnKernel } = await lib('sampling/prn-batch.js');
  const dataDir = args.dataDir ?? mkdtempSync(join(tmpdir(), 'tm-bench-pull-'));
  const out = args.out ?? join(dataDir, `pull-${args.size}.xlsx`);
  const opts = { workers: args.workers, reuse: !args.recompute };
  const seed = args.seed ?? SEED;
  const steps = {};
  let t = performance.now();
  const lap = (name) => { const now = performance.now(); steps[name] = (now - t) / 1000; t = now; };
  const t0 = t;
  const store = openStore({ dataDir });
  try {
    const population = args.id ? store.requirePopulation(args.id) : (await ingestFile(store, args.file, { kind: 'change', workers: args.workers })).population;
    const timeZone = population.typing.timeZone;
    lap(args.id ? 'resolve' : 'ingest');
    const { completeness: { id: completenessId, report }, sample } = await checkAndSample(store, population.id, { period: PERIOD, timeZone },
      { seed, size: args.size, method: 'stratified', strata: 'month', period: PERIOD, timeZone }, opts);
    lap('completeness + sample');
    const tests = await runTests(store, population.id, { sampleId: sample.id, period: PERIOD, timeZone }, opts);
    lap('test');
    const sampledRows = await loadSampledRows(store, population, sample.selection.items.map((i) => i.record));
    lap('sampled rows');
    await writeWorkbook(workbookInput({ population, report, sample, sampledRows, tests, engineVersion: ENGINE_VERSION }), out);
    store.log({ action: 'pull.workbook', target: sample.id, params: { workbook: out, testRun: tests.id, completeness: report.status } });
    lap('workbook');
    const pullSeconds = (t - t0) / 1000;
    return {
      rows: population.rows.total, pullSeconds, steps, xlsxKB: statSync(out).size / 1024, prnKernel: prnKernel(),
      populationId: population.id, completenessId, sampleId: sample.id, testRunId: tests.id,
      selectionSha256: sample.manifest.selectionSha256, deviations: tests.run.overall.deviations, completeness: report.status,
    };
  } finally {
    store.close();
    await closePools();
    if (!args.dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}
