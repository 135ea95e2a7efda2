/**
 * The round trip: a workbook the team filled (in Excel, LibreOffice or tickmark's own) comes back
 * in. Its entries — manual marks, overrides with their reason, evidence and comments, exceptions
 * added and written up, sign-offs and workpaper fields, completeness dispositions — are read from
 * the yellow cells, checked against the sample and its test run, stored as the next version of
 * the test run's results (who, when, the filled workbook's SHA-256), and the evaluation is done
 * again; then the refreshed workbook is written with those entries in its yellow cells.
 *
 * Nothing is stored half-way: a cell tickmark wrote that was edited, a mark outside the legend,
 * an entry for an item the sample does not hold, or a workbook of another test run is refused
 * with a coded error before anything is kept.
 *
 * @example
 * const r = await evaluateWorkbook(store, 'CC8.1-filled.xlsx', { output: 'CC8.1-v2.xlsx' })
 * r.results.version              // 1
 * r.evaluation.conclusion.status // 'effective'
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { tickmarkError } from '../errors.js';
import type { TeamEntries } from '../evaluation/entries.js';
import type { ControlEvaluation } from '../evaluation/types.js';
import { differenceText } from '../export/workbook/compare.js';
import { readFilledWorkbook, type FilledWorkbook } from '../export/workbook/read-filled.js';
import { writeWorkbook } from '../export/workbook/write.js';
import type { Store } from '../store/store.js';
import type { OperationOptions } from './options.js';
import { recordResults, type ResultsVersion } from './results.js';
import { getTestRun } from './test.js';
import { completenessFor, workbookInputFor, type WorkbookRequest } from './workbook-input.js';

export interface EvaluateWorkbookOptions extends Pick<OperationOptions, 'actor' | 'engagementId'> {
  /** Where to write the refreshed workbook; default: beside the filled one, `<name>.v<N>.xlsx`. */
  output?: string;
  /** The test run the workbook must be of (HTTP: the route's); default: the one its copy names. */
  testRunId?: string;
  /** The file name to record (an upload's), default the path's base name. */
  fileName?: string;
}

export interface EvaluatedWorkbook {
  results: ResultsVersion;
  evaluation: ControlEvaluation;
  /** Where the refreshed workbook was written. */
  output: string;
  /** The yellow cells read, for the record. */
  entryCells: FilledWorkbook['entryCells'];
  notes: string[];
}

const SHOWN = 20;

/** The Lead and Population inputs the team typed that are not entries on items: they go into the refreshed workbook. */
function requestOf(filled: FilledWorkbook, testRunId: string): WorkbookRequest {
  const r = filled.render;
  const other = Object.fromEntries(filled.other.map((o) => [o.field, o.value])) as Partial<Record<FilledWorkbook['other'][number]['field'], string>>;
  const client = r.engagement?.client ?? other.client;
  const name = r.engagement?.name || other.engagement || '';
  const extraction = { ...r.extraction, ...(other.system ? { system: other.system } : {}), ...(other.query ? { query: other.query } : {}), ...(other.extractedBy ? { extractedBy: other.extractedBy } : {}), ...(other.extractedAt ? { extractedAt: other.extractedAt } : {}) };
  return {
    id: testRunId,
    control: { ...r.control, ...(r.control.description ? {} : other.controlDescription ? { description: other.controlDescription } : {}), ...(r.control.tsc ? {} : other.tsc ? { tsc: other.tsc } : {}) },
    ...(r.workpaper ? { workpaper: r.workpaper } : {}),
    ...(client ? { engagement: { client, name } } : {}),
    ...(Object.keys(extraction).length ? { extraction } : {}),
    ...(r.preparer ? { preparer: r.preparer } : {}),
    period: `${r.period.start}..${r.period.end}`,
    timeZone: r.period.timeZone,
    ...(r.completeness ? { completeness: r.completeness } : {}),
    ...(r.paper ? { paper: r.paper } : {}),
  };
}

function defaultOutput(path: string, version: number): string {
  const ext = extname(path);
  return join(dirname(path), `${basename(path, ext).replace(/\.v\d+$/, '')}.v${version}${ext || '.xlsx'}`);
}

export async function evaluateWorkbook(store: Store, path: string, opts: EvaluateWorkbookOptions = {}): Promise<EvaluatedWorkbook> {
  const bytes = readFileSync(path);
  const filled = await readFilledWorkbook(path);
  if (filled.differences.length) {
    throw tickmarkError('TM_ERR_WORKBOOK_EDITED', {
      count: filled.differences.length,
      cells: filled.differences.slice(0, SHOWN).map(differenceText),
    });
  }
  if (filled.problems.length) {
    throw tickmarkError('TM_ERR_BAD_ENTRIES', { reason: filled.problems.slice(0, SHOWN).map((p) => `${p.sheet}!${p.cell} holds ${JSON.stringify(p.value)}, expected ${p.expected}`).join('; ') });
  }
  const testRunId = filled.render.testRunId;
  if (!testRunId) throw tickmarkError('TM_ERR_MANIFEST', { reason: 'the workbook holds no test run: pull it with tests, or export a test run (tickmark export TEST_RUN_ID)' });
  if (opts.testRunId && opts.testRunId !== testRunId) {
    throw tickmarkError('TM_ERR_MISMATCH', { message: `the workbook is of test run ${testRunId} (sample ${filled.copy.sampleId}), not of ${opts.testRunId}` });
  }
  if (!store.artefact(testRunId, 'testrun')) {
    throw tickmarkError('TM_ERR_NOT_FOUND', { what: `test run (the workbook's: pulled with another data directory? give --data-dir)`, id: testRunId });
  }
  const run = getTestRun(store, testRunId);
  if (run.sampleId !== filled.copy.sampleId) throw tickmarkError('TM_ERR_MISMATCH', { message: `test run ${testRunId} is of sample ${run.sampleId}, the workbook's copy names ${filled.copy.sampleId}` });
  const entries: TeamEntries = filled.entries;
  const request = requestOf(filled, testRunId);
  const period = filled.render.period;
  const completeness = filled.render.completeness ?? completenessFor(store, run.populationId, {}, { start: period.start, end: period.end });
  const results = recordResults(store, testRunId, entries, {
    via: 'workbook', workbookSha256: createHash('sha256').update(bytes).digest('hex'), file: opts.fileName ?? basename(path),
  }, { ...opts, ...(completeness ? { completeness } : {}) });
  const input = await workbookInputFor(store, request);
  const output = opts.output ?? defaultOutput(path, results.version);
  await writeWorkbook(input, output);
  store.log({ actor: opts.actor ?? 'cli', action: 'results.workbook', target: testRunId, params: { version: results.version, workbook: path, sha256: results.source.workbookSha256, output, conclusion: results.evaluation.conclusion.status } });
  return { results, evaluation: input.controlEvaluation ?? results.evaluation, output, entryCells: filled.entryCells, notes: filled.notes };
}
