/**
 * The workbook step alone, from stored artefacts (population, completeness, sample, test run):
 * loadSampledRows + writeWorkbook, timed separately; the modules load before the timers (their
 * load time is returned as loadSeconds), so the timings are the work only; bothCpuSeconds is the
 * process's CPU (user+sys, every thread) over both steps.
 * args: { dataDir, populationId, completenessId, sampleId, testRunId }.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workbookInput } from './pull-run.js';

export default async function pullWorkbook(args, lib) {
  const t0 = performance.now();
  const { openStore } = await lib('store/store.js');
  const { getSample } = await lib('operations/sample.js');
  const { getTestRun } = await lib('operations/test.js');
  const { loadSampledRows } = await lib('operations/sampled-rows.js');
  const { writeWorkbook } = await lib('export/workbook/write.js');
  const { ENGINE_VERSION } = await lib('version.js');
  const loadSeconds = (performance.now() - t0) / 1000;
  const store = openStore({ dataDir: args.dataDir });
  const outDir = mkdtempSync(join(tmpdir(), 'tm-bench-wb-'));
  try {
    const population = store.requirePopulation(args.populationId);
    const report = store.artefact(args.completenessId, 'completeness').body;
    const sample = getSample(store, args.sampleId);
    const tests = getTestRun(store, args.testRunId);
    const out = join(outDir, 'wb.xlsx');
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    const sampledRows = await loadSampledRows(store, population, sample.selection.items.map((i) => i.record));
    const t2 = performance.now();
    await writeWorkbook(workbookInput({ population, report, sample, sampledRows, tests, engineVersion: ENGINE_VERSION }), out);
    const t3 = performance.now();
    const cpu = process.cpuUsage(c1);
    return { rows: sampledRows.length, bothCpuSeconds: (cpu.user + cpu.system) / 1e6, rowsSeconds: (t2 - t1) / 1000, workbookSeconds: (t3 - t2) / 1000, bothSeconds: (t3 - t1) / 1000, loadSeconds, xlsxKB: statSync(out).size / 1024 };
  } finally {
    store.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
