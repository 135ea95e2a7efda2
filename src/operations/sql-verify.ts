/**
 * Re-performing a workbook whose population was read in place (a Parquet file through embedded
 * DuckDB): the workbook's machine copy says how the population was read (kind, mapping, zone) and
 * drawn (the request and the manifest); the pull runs again on the file, and the selection and the
 * automated test results are compared as for a CSV. verify-workbook.ts calls this for a .parquet
 * file and compares the workbook's cells the same way for both. The file's SHA-256 and content
 * fingerprint must be the ones the workbook recorded.
 *
 * @example
 * const again = await reperformInPlace(copy, 'changes.parquet')
 * again.selection.identical // true
 */
import type { WorkbookMachineCopy } from '../export/workbook/machine-copy.js';
import { buildManifest } from '../sampling/manifest.js';
import { verifySelection, type SelectionVerification } from '../sampling/verify.js';
import type { PopulationFingerprint, WorkbookVerification } from './verify-workbook.js';
import { compareWorkbookResults } from './compare-results.js';
import { ingestOptionsOf } from './workbook-ingest-options.js';
import { sqlPull } from './sql-pull.js';

/** True for the population files verify re-reads in place (by SQL). */
export const readInPlace = (file: string): boolean => /\.parquet$/i.test(file);

export async function reperformInPlace(copy: WorkbookMachineCopy, populationFile: string): Promise<{ file: PopulationFingerprint; selection: SelectionVerification; tests: WorkbookVerification['tests'] }> {
  const { kind: _kind, workers: _workers, delimiter: _delimiter, sheet: _sheet, formats: _formats, ...read } = ingestOptionsOf({ copy, kind: copy.kind, mapping: copy.mapping, typing: copy.typing }, populationFile) as ReturnType<typeof ingestOptionsOf> & { formats?: unknown };
  const { period: _p, timeZone: _t, ...sample } = copy.request;
  const job = copy.tests?.job;
  const again = await sqlPull({
    source: { parquet: populationFile },
    population: { kind: copy.kind, ...(read as Record<string, never>) },
    period: `${copy.period.start}..${copy.period.end}`,
    timeZone: copy.period.timeZone,
    sample,
    ...(job ? { tests: { ...(job.rules.params ? { params: job.rules.params } : {}), ...(job.context.holidays ? { holidays: job.context.holidays } : {}), ...(job.rules.builtins === false ? { builtins: false } : {}) } } : {}),
  });
  const manifest = copy.manifest;
  const population = { id: again.population.id, sha256: again.population.source.sha256, rows: again.population.rows.total };
  const selection = verifySelection(manifest, buildManifest(again.sample.selection, { population, plan: manifest.plan }), population);
  const recorded = copy.source.fingerprint;
  if (recorded && recorded !== again.population.source.fingerprint) selection.differences.push(`content fingerprint: workbook ${recorded}, recomputed ${again.population.source.fingerprint}`);
  selection.identical = selection.differences.length === 0;
  let tests: WorkbookVerification['tests'] = null;
  if (copy.tests) {
    const c = compareWorkbookResults(copy.tests, again.tests.run);
    tests = { status: c.identical ? 'identical' : 'different', compared: c.compared, differences: c.differences };
  }
  return { file: { name: again.population.source.name, sha256: again.population.source.sha256, rows: again.population.rows.total }, selection, tests };
}
