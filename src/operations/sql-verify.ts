/**
 * `tickmark verify OUT.xlsx data.parquet`: re-perform a workbook whose population was read in
 * place (a Parquet file through embedded DuckDB). The workbook's machine copy says how the
 * population was read (kind, mapping, zone) and drawn (the request and the manifest); the pull
 * runs again on the file, and the selection, what the Selection sheet shows, and the automated
 * test results are compared exactly as for a CSV (export/verify-workbook.ts). The file's SHA-256
 * and its content fingerprint must be the ones the workbook recorded.
 *
 * @example
 * const result = await verifySqlWorkbook('out/CC8.1.xlsx', 'changes.parquet') // { identical: true, … }
 */
import { compareWorkbookResults, ingestOptionsOf, type WorkbookVerification } from '../export/verify-workbook.js';
import { readWorkbookManifest } from '../export/workbook/read-manifest.js';
import { readVisibleSelection, visibleDifferences } from '../export/workbook/visible-selection.js';
import { buildManifest } from '../sampling/manifest.js';
import { verifySelection } from '../sampling/verify.js';
import { ENGINE_VERSION } from '../version.js';
import { sqlPull } from './sql-pull.js';

export async function verifySqlWorkbook(workbookPath: string, populationFile: string): Promise<WorkbookVerification> {
  const wb = await readWorkbookManifest(workbookPath, { acceptEdited: true });
  const { kind: _kind, workers: _workers, delimiter: _delimiter, sheet: _sheet, ...read } = ingestOptionsOf(wb, populationFile);
  const { period: _p, timeZone: _t, ...sample } = wb.copy.request;
  const job = wb.tests?.job;
  const again = await sqlPull({
    source: { parquet: populationFile },
    population: { kind: wb.kind, ...read },
    period: `${wb.copy.period.start}..${wb.copy.period.end}`,
    timeZone: wb.copy.period.timeZone,
    sample,
    ...(job ? { tests: { ...(job.rules.params ? { params: job.rules.params } : {}), ...(job.context.holidays ? { holidays: job.context.holidays } : {}), ...(job.rules.builtins === false ? { builtins: false } : {}) } } : {}),
  });
  const population = { id: again.population.id, sha256: again.population.source.sha256, rows: again.population.rows.total };
  const recomputed = buildManifest(again.sample.selection, { population, plan: wb.manifest.plan });
  const selection = verifySelection(wb.manifest, recomputed, population);
  const recorded = wb.copy.source.fingerprint;
  if (recorded && recorded !== again.population.source.fingerprint) selection.differences.push(`content fingerprint: workbook ${recorded}, recomputed ${again.population.source.fingerprint}`);
  selection.identical = selection.differences.length === 0;
  const shown = await readVisibleSelection(workbookPath);
  const workbook = { identical: true, differences: visibleDifferences(wb.manifest, shown) };
  if (wb.edited) workbook.differences.unshift('its machine-readable copy was edited after tickmark wrote it (its SHA-256 does not match)');
  workbook.identical = workbook.differences.length === 0;
  let tests: WorkbookVerification['tests'] = null;
  if (wb.tests) {
    const c = compareWorkbookResults(wb.tests, again.tests.run);
    tests = { status: c.identical ? 'identical' : 'different', compared: c.compared, differences: c.differences };
  }
  return {
    identical: selection.identical && workbook.identical && (tests === null || tests.status !== 'different'),
    workbook,
    selection,
    tests,
    engineVersion: { workbook: wb.engineVersion, running: ENGINE_VERSION },
  };
}
