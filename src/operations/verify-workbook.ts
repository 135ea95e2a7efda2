/**
 * Verify a workbook from the workbook alone, returning data (the CLI prints it; the HTTP service
 * serialises it). Its machine copy says how the population was read (kind, mapping, zone, date
 * order) and what was drawn: the population file is ingested the same way and fingerprinted, the
 * selection is re-derived and compared, the automated tests are re-run on the selected records and
 * compared per item per attribute, and every cell tickmark wrote on every sheet is held against
 * the sheets re-rendered from the copy — an edit is a difference naming the cell; what the yellow
 * cells hold is listed as the team's entries. A population read in place by SQL is re-performed
 * where it lies (sql-verify.ts: a Parquet file, a PostgreSQL URL, a results directory), and the
 * notes say what was run again and what was not.
 *
 * @example
 * const v = await verifyWorkbook(store, 'CC8.1-sample.xlsx', 'changes-2025.csv')
 * v.identical // false
 * v.workbook.differences[0] // { sheet: 'Test matrix', cell: 'J12', wrote: 'X', now: '✓' }
 */
import { compareWorkbook, renderedSheets } from '../export/workbook/read-filled.js';
import { entriesFromCells, type EntryProblem } from '../export/workbook/entries-from-cells.js';
import { entryLabel } from '../export/workbook/entry-fields.js';
import type { CellDifference } from '../export/workbook/compare.js';
import { MACHINE_SHEET, readMachineSheet, WORKBOOK_LAYOUT } from '../export/workbook/machine-copy.js';
import { workbookModel } from '../export/workbook/model.js';
import { openWorkbookCells } from '../export/workbook/read-cells.js';
import { readVisibleSelection, visibleDifferences } from '../export/workbook/visible-selection.js';
import { tickmarkError } from '../errors.js';
import { readInPlace, reperformInPlace } from './sql-verify.js';
import { compareWorkbookResults } from './compare-results.js';
import { ingestOptionsOf } from './workbook-ingest-options.js';
import { ingestFile } from '../ingest/ingest.js';
import type { SelectionVerification } from '../sampling/verify.js';
import type { Store } from '../store/store.js';
import { ENGINE_VERSION } from '../version.js';
import type { OperationOptions } from './options.js';
import { runTestJob } from './rerun-tests.js';
import { verifySample } from './sample.js';

export { compareWorkbookResults, type ResultsComparison } from './compare-results.js';
export { ingestOptionsOf } from './workbook-ingest-options.js';

export interface PopulationFingerprint {
  name: string;
  sha256: string;
  rows: number;
}

export interface WorkbookVerification {
  identical: boolean;
  /** The population the workbook was drawn from against the file given. */
  population: { identical: boolean; workbook: PopulationFingerprint; file: PopulationFingerprint };
  selection: SelectionVerification;
  tests: { status: 'identical' | 'different' | 'not_rerun'; reason?: string; compared?: number; differences: string[] } | null;
  /** Every cell tickmark wrote against the machine copy; the yellow cells' contents. */
  workbook: {
    identical: boolean;
    differences: CellDifference[];
    entries: { sheet: string; cell: string; value: string; entry: string }[];
    /** Values in yellow cells that cannot be read as entries (a mark outside the legend…): the team's to correct, not differences. */
    problems: EntryProblem[];
    /** What else was found (a seed shown on the Selection sheet drawn again…). */
    notes: string[];
  };
  engineVersion: { workbook: string; running: string };
}

export interface VerifyWorkbookOptions extends OperationOptions {
  /** Time limit per chunk task when custom rules run again. */
  ruleTimeoutMs?: number;
}

/**
 * Verify `workbookPath` against `populationFile` in `store` (the file is ingested there).
 *
 * @example
 * (await verifyWorkbook(store, 'wb.xlsx', 'changes.csv')).identical // true
 */
export async function verifyWorkbook(store: Store, workbookPath: string, populationFile: string, opts: VerifyWorkbookOptions = {}): Promise<WorkbookVerification> {
  const book = await openWorkbookCells(workbookPath);
  const machine = book.sheet(MACHINE_SHEET);
  if (!machine) throw tickmarkError('TM_ERR_MANIFEST', { reason: `the workbook has no "${MACHINE_SHEET}" sheet: it was not written by tickmark (or the sheet was removed)` });
  const rows: string[][] = [];
  for await (const row of machine.rows) rows.push(row.cells);
  const { copy, edited, render, renderRefused } = readMachineSheet(rows);
  const manifest = copy.manifest;
  const scan = opts.workers !== undefined ? { workers: opts.workers } : {};

  // A population read in place (a Parquet file, a PostgreSQL table, statement results) is pulled again where it lies (sql-verify.ts); a file is ingested.
  const inPlace = readInPlace(populationFile) ? await reperformInPlace(copy, populationFile, render?.extraction?.sql) : undefined;
  const population = inPlace ? undefined : (await ingestFile(store, populationFile, { ...ingestOptionsOf({ copy, kind: copy.kind, mapping: copy.mapping, typing: copy.typing }, populationFile), ...scan })).population;
  const workbookPopulation = { name: copy.source.name, sha256: copy.source.sha256, rows: manifest.population.rows };
  const filePopulation = inPlace ? inPlace.file : { name: population!.source.name, sha256: population!.source.sha256, rows: population!.rows.total };
  const samePopulation = workbookPopulation.sha256 === filePopulation.sha256;
  const selection = inPlace ? inPlace.selection : await verifySample(store, population!.id, manifest, { ...scan, ...(opts.actor ? { actor: opts.actor } : {}) });

  const notes: string[] = [...(inPlace?.notes ?? [])];
  const extraction = manifest.extraction;
  if (!inPlace && extraction?.method === 'sql') notes.push(`the workbook's population was read in place by SQL (${extraction.engine}, dialect ${extraction.dialect}) and ${populationFile} was read as a file: to re-perform the pull where the population lies, give its postgres:// URL, its Parquet file or the directory of the statements' results`);
  let differences: CellDifference[] = [];
  let entries: WorkbookVerification['workbook']['entries'] = [];
  let problems: EntryProblem[] = [];
  if (renderRefused) differences.push({ sheet: MACHINE_SHEET, cell: '', wrote: 'the render copy', now: 'an unreadable copy', note: `${renderRefused}; only the Selection sheet is compared` });
  if (edited) differences.push({ sheet: MACHINE_SHEET, cell: '', wrote: 'the machine copy', now: 'an edited copy', note: 'its SHA-256 does not match: the machine-readable copy was edited after tickmark wrote it; the selection was re-derived from the edited copy' });
  if (render) {
    const layout = copy.render?.layout ?? 0;
    if (layout !== WORKBOOK_LAYOUT) notes.push(`the workbook's sheets were laid out by tickmark ${copy.engineVersion} (layout ${layout}); this tickmark lays them out as layout ${WORKBOOK_LAYOUT}: a difference may be a change of layout, not an edit — verify with tickmark ${copy.engineVersion} to tell`);
    const model = workbookModel(render);
    const compared = await compareWorkbook(book, renderedSheets(model));
    differences = [...differences, ...compared.differences];
    entries = compared.entries.map((c) => ({ sheet: c.sheet, cell: c.cell, value: c.value, entry: entryLabel(c.field) }));
    problems = entriesFromCells(model, compared.entries).problems;
  } else {
    if (!renderRefused) notes.push(`the workbook was written by tickmark ${copy.engineVersion}, whose machine copy holds the selection only: the Selection sheet is compared, not every cell`);
    for (const text of visibleDifferences(manifest, await readVisibleSelection(workbookPath))) differences.push({ sheet: 'Selection', cell: '', wrote: null, now: null, note: text });
  }
  const seedShown = (await readVisibleSelection(workbookPath))?.values.get('Seed');
  if (seedShown !== undefined && seedShown !== manifest.seed && !population) notes.push(`the Selection sheet shows the seed ${seedShown}, not ${manifest.seed}; a population read in place is not drawn again with it`);
  else if (seedShown !== undefined && seedShown !== manifest.seed && population) {
    // Re-performed as a reader of the sheet would: with the seed it shows.
    const again = await verifySample(store, population.id, { ...manifest, seed: seedShown, design: { ...manifest.design, seed: seedShown } }, scan);
    const same = again.recomputedSha256 === manifest.selectionSha256;
    notes.push(`drawn again with the seed the Selection sheet shows (${seedShown}): selection sha256 ${again.recomputedSha256}${same ? ', the items shown' : `, not the ${manifest.selectionSha256} of the items shown`}`);
  }

  let tests: WorkbookVerification['tests'] = inPlace ? inPlace.tests : null;
  if (copy.tests && population) {
    const job = copy.tests.job;
    if (!job) tests = { status: 'not_rerun', reason: 'the workbook does not record how the tests were run', differences: [] };
    else if (job.rules.joins?.length) tests = { status: 'not_rerun', reason: `the rules read a second population (${job.rules.joins.join(', ')}), which the workbook does not hold`, differences: [] };
    else {
      const records = manifest.items.map((i) => i.record);
      const run = await runTestJob(store, population, { ...job, context: { ...job.context, scope: 'sample', sample: records } }, { ...scan, ...(opts.ruleTimeoutMs ? { ruleTimeoutMs: opts.ruleTimeoutMs } : {}) });
      const c = compareWorkbookResults(copy.tests, run);
      tests = { status: c.identical ? 'identical' : 'different', compared: c.compared, differences: c.differences };
    }
  }
  const workbookIdentical = differences.length === 0;
  const result: WorkbookVerification = {
    identical: samePopulation && selection.identical && workbookIdentical && (tests === null || tests.status !== 'different'),
    population: { identical: samePopulation, workbook: workbookPopulation, file: filePopulation },
    selection,
    tests,
    workbook: { identical: workbookIdentical, differences, entries, problems, notes },
    engineVersion: { workbook: copy.engineVersion, running: ENGINE_VERSION },
  };
  store.log({ actor: opts.actor ?? 'cli', action: 'workbook.verify', target: population?.id ?? copy.populationId, params: { workbook: workbookPath, selectionSha256: manifest.selectionSha256, identical: result.identical, differences: differences.length, entries: entries.length } });
  return result;
}
