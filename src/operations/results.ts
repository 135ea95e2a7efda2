/**
 * The team's results on a test run, kept append-only: each time entries come back (a filled
 * workbook, the results API, the web app) they are stored as a new version — who, when, from
 * where (the filled workbook's SHA-256) and the evaluation they give — and no version is ever
 * overwritten. The latest version is the one a workbook shows; every earlier one stays readable.
 * Entries are checked against the sample and its test run before anything is stored.
 *
 * @example
 * const v = recordResults(store, 'test_…', entries, { via: 'workbook', workbookSha256 }, { actor: 'cli' })
 * v.version // 2
 */
import type { CompletenessReport } from '../completeness/types.js';
import { tickmarkError } from '../errors.js';
import { evaluateControl } from '../evaluation/evaluate-control.js';
import type { TeamEntries } from '../evaluation/entries.js';
import type { ControlEvaluation } from '../evaluation/types.js';
import type { Store } from '../store/store.js';
import type { OperationOptions } from './options.js';
import { getSample } from './sample.js';
import { getTestRun } from './test.js';

export interface ResultsSource {
  /** How the entries came in. */
  via: 'workbook' | 'api';
  /** SHA-256 of the filled workbook they were read from. */
  workbookSha256?: string;
  /** The filled workbook's file name, as given. */
  file?: string;
}

export interface ResultsVersion {
  id: string;
  testRunId: string;
  sampleId: string;
  /** 1, 2, … per test run. */
  version: number;
  entries: TeamEntries;
  source: ResultsSource;
  by: string;
  at: string;
  evaluation: ControlEvaluation;
}

type StoredResults = Omit<ResultsVersion, 'id' | 'at'>;

function versions(store: Store, testRunId: string): ResultsVersion[] {
  const run = getTestRun(store, testRunId);
  return store.listArtefacts<StoredResults>(run.populationId, 'results')
    .filter((a) => a.parentId === testRunId)
    .map((a) => ({ id: a.id, at: a.createdAt, ...a.body }))
    .sort((a, b) => a.version - b.version);
}

/** Every version of a test run's results, oldest first. */
export function listResults(store: Store, testRunId: string): ResultsVersion[] {
  return versions(store, testRunId);
}

/** The latest version of a test run's results, or undefined when nothing was entered yet. */
export function latestResults(store: Store, testRunId: string): ResultsVersion | undefined {
  return versions(store, testRunId).at(-1);
}

/**
 * Store the entries as the next version of a test run's results, with the evaluation they give.
 * Throws (storing nothing) when an entry names an item or attribute the sample does not have.
 */
export function recordResults(store: Store, testRunId: string, entries: TeamEntries, source: ResultsSource, opts: Pick<OperationOptions, 'actor' | 'engagementId'> & { completeness?: CompletenessReport } = {}): ResultsVersion {
  const run = getTestRun(store, testRunId);
  if (!run.sampleId) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'testRunId', expected: 'must name the test run of a sample (a 100% test has no items to enter results on)', got: testRunId });
  const sample = getSample(store, run.sampleId);
  const evaluation = evaluateControl({ plan: sample.plan, selection: sample.selection, run: run.run, entries, ...(opts.completeness ? { completeness: opts.completeness } : {}) });
  const version = (latestResults(store, testRunId)?.version ?? 0) + 1;
  const by = opts.actor ?? 'cli';
  const body: StoredResults = { testRunId, sampleId: sample.id, version, entries, source, by, evaluation };
  const saved = store.saveArtefact({ type: 'results', populationId: run.populationId, engagementId: opts.engagementId ?? store.populationEngagement(run.populationId), parentId: testRunId, body }, by);
  return { id: saved.id, at: saved.createdAt, ...body };
}
