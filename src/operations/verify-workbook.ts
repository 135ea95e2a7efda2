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
import { MACHINE_SHEET, readMachineRows, readRenderInput, WORKBOOK_LAYOUT, type WorkbookTestResults } from '../export/workbook/machine-copy.js';
import { workbookModel } from '../export/workbook/model.js';
import { openWorkbookCells } from '../export/workbook/read-cells.js';
import type { WorkbookManifest } from '../export/workbook/read-manifest.js';
import { readVisibleSelection, visibleDifferences } from '../export/workbook/visible-selection.js';
import { tickmarkError, TickmarkError } from '../errors.js';
import { readInPlace, reperformInPlace } from './sql-verify.js';
import { ingestFile, type IngestOptions } from '../ingest/ingest.js';
import type { SelectionVerification } from '../sampling/verify.js';
import type { Status, TestRun } from '../rules/types.js';
import type { Store } from '../store/store.js';
import { ENGINE_VERSION } from '../version.js';
import type { OperationOptions } from './options.js';
import { runTestJob } from './rerun-tests.js';
import { verifySample } from './sample.js';

export interface ResultsComparison {
  identical: boolean;
  /** Automated item × attribute results compared. */
  compared: number;
  differences: string[];
}

/**
 * Compare the automated results a workbook recorded with a re-run: per item (by key and source
 * record) per attribute (by rule id). Manual attributes are not compared.
 *
 * @example
 * compareWorkbookResults(expected, expected as never).identical // true when nothing changed
 */
export function compareWorkbookResults(expected: WorkbookTestResults, actual: TestRun): ResultsComparison {
  const differences: string[] = [];
  const expectedRules = expected.attributes.map((a) => a.rule);
  const actualRules = actual.attributes.map((a) => a.rule);
  for (const rule of expectedRules) if (!actualRules.includes(rule)) differences.push(`attribute ${rule}: in the workbook, not in the re-run`);
  for (const rule of actualRules) if (!expectedRules.includes(rule)) differences.push(`attribute ${rule}: in the re-run, not in the workbook`);
  const itemId = (i: { key: string; record: number }) => `${i.record}\u0000${i.key}`;
  const rerun = new Map((actual.items ?? []).map((i) => [itemId(i), i]));
  let compared = 0;
  const seen = new Set<string>();
  for (const item of expected.items) {
    const id = itemId(item);
    seen.add(id);
    const again = rerun.get(id);
    if (!again) {
      differences.push(`item ${JSON.stringify(item.key)} (record ${item.record}): in the workbook, not in the re-run`);
      continue;
    }
    expected.attributes.forEach((a, i) => {
      if (a.mode === 'manual') return;
      const j = actualRules.indexOf(a.rule);
      if (j < 0) return;
      const was: Status | undefined = item.statuses[i];
      const now: Status | undefined = again.outcomes[j]?.status;
      compared++;
      if (was !== now) differences.push(`item ${JSON.stringify(item.key)} (record ${item.record}) attribute ${a.attribute} (${a.rule}): workbook ${was ?? '(none)'}, recomputed ${now ?? '(none)'}`);
    });
  }
  for (const item of actual.items ?? []) {
    if (!seen.has(itemId(item))) differences.push(`item ${JSON.stringify(item.key)} (record ${item.record}): in the re-run, not in the workbook`);
  }
  return { identical: differences.length === 0, compared, differences };
}

/**
 * Ingest options that read a file the way the workbook's population was read. A generic
 * population names its key and event-time headers as options (its `key`/`event_at` fields are
 * made from them), the other fields as the mapping.
 *
 * @example
 * ingestOptionsOf(await readWorkbookManifest('wb.xlsx'), 'changes.csv') // { kind: 'change', map: {…}, timeZone: 'UTC', delimiter: ',' }
 */
export function ingestOptionsOf(wb: Pick<WorkbookManifest, 'copy' | 'kind' | 'mapping' | 'typing'>, file: string): IngestOptions {
  const { copy } = wb;
  const xlsx = /\.xlsx$/i.test(file);
  const generic = wb.kind === 'generic';
  const made = new Set(generic ? [...copy.key, ...(copy.eventTime ? [copy.eventTime] : [])] : []);
  const map = Object.fromEntries(Object.entries(wb.mapping).filter(([field]) => !made.has(field)));
  return {
    kind: wb.kind,
    ...(Object.keys(map).length ? { map } : {}),
    timeZone: wb.typing.timeZone,
    ...(wb.typing.dateOrder ? { dateOrder: wb.typing.dateOrder } : {}),
    ...(wb.typing.formats ? { formats: wb.typing.formats } : {}),
    ...(generic && copy.key.length ? { key: copy.key.map((f) => wb.mapping[f] ?? f) } : {}),
    ...(generic && copy.eventTime ? { eventTime: wb.mapping[copy.eventTime] ?? copy.eventTime } : {}),
    ...(!xlsx && copy.source.delimiter ? { delimiter: copy.source.delimiter } : {}),
    ...(!xlsx && copy.source.encoding && copy.source.encoding !== 'utf-8' && copy.source.encoding !== 'utf-8-bom' ? { encoding: copy.source.encoding as NonNullable<IngestOptions['encoding']> } : {}),
    ...(xlsx && copy.source.sheet ? { sheet: copy.source.sheet } : {}),
  };
}

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
  const { copy, edited } = readMachineRows(rows);
  let render: ReturnType<typeof readRenderInput>;
  let renderRefused: string | undefined;
  try {
    render = readRenderInput(rows, copy);
  } catch (err) {
    if (!(err instanceof TickmarkError) || err.code !== 'TM_ERR_MANIFEST') throw err;
    renderRefused = err.message;
  }
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
