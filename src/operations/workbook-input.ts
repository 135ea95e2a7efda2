/**
 * The one way a workbook's input is assembled from what the store keeps — for `pull`, for
 * `tickmark export`, for HTTP downloads and for a refreshed workbook after the team's entries
 * come back: the sample (or a test run, which names its sample), the population's meta, the
 * completeness report (the one named, else the latest for the period), the sampled rows of every
 * unit, the test run and the latest version of its results, and the evaluation a CPA signs.
 * Control, workpaper, engagement and extraction are what the caller says; nothing is invented —
 * the control id defaults to the kind's criterion (e.g. CC8.1), and an untold description is a
 * yellow cell for the team.
 *
 * @example
 * const input = await workbookInputFor(store, { id: 'samp_…', control: { id: 'CC8.1-01' } })
 */
import type { CompletenessReport } from '../completeness/types.js';
import { tickmarkError } from '../errors.js';
import { evaluateControl } from '../evaluation/evaluate-control.js';
import type { WorkpaperFields } from '../evaluation/entries.js';
import type { ControlInfo, ExtractionInfo, SampledRow, WorkbookInput } from '../export/workbook/input.js';
import { parsePeriod } from '../period/period.js';
import { kindSpec } from '../population/kinds.js';
import { readChunks } from '../store/read-chunks.js';
import type { Store } from '../store/store.js';
import { ENGINE_VERSION } from '../version.js';
import { latestResults } from './results.js';
import { loadSampledRows } from './sampled-rows.js';
import { getSample } from './sample.js';
import { getTestRun, type TestRunRecord } from './test.js';

export interface WorkbookRequest {
  /** A sample id, or a test-run id (its sample, its results). */
  id: string;
  control?: Partial<ControlInfo>;
  workpaper?: WorkpaperFields;
  engagement?: { client: string; name: string };
  extraction?: ExtractionInfo;
  preparer?: string;
  /** `YYYY-MM-DD..YYYY-MM-DD`; default: the sample's period, else the completeness report's. */
  period?: string;
  timeZone?: string;
  /** The completeness report to show (an artefact id); default: the latest for the period. */
  completenessId?: string;
  /** …or the report itself (a refreshed workbook shows the report its first version showed). */
  completeness?: CompletenessReport;
  paper?: 'letter' | 'a4';
  includePopulation?: boolean;
}

/** The criterion a kind's controls answer to, from its description (e.g. "(CC8.1)"). */
export function tscOfKind(kind: string): string | undefined {
  return /\((CC[^)]*)\)/.exec(kindSpec(kind).description)?.[1];
}

/** The test run named by `id` (undefined when `id` is a sample). */
function testRunOf(store: Store, id: string): TestRunRecord | undefined {
  const a = store.artefactRef(id); // its type only: the body is read once, below
  if (!a || (a.type !== 'sample' && a.type !== 'testrun')) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'sample or test run', id });
  if (a.type === 'sample') return undefined;
  const record = getTestRun(store, id);
  if (!record.sampleId) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'id', expected: 'must name a sample or a test run of a sample (a 100% test has no sample to export)', got: id });
  return record;
}

/** The completeness report a workbook shows: the one named, else the latest for the period. */
export function completenessFor(store: Store, populationId: string, req: Pick<WorkbookRequest, 'completenessId' | 'completeness'>, period: { start: string; end: string } | undefined): CompletenessReport | undefined {
  if (req.completeness) return req.completeness;
  if (req.completenessId) {
    const a = store.artefact<CompletenessReport>(req.completenessId, 'completeness');
    if (!a) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'completeness report', id: req.completenessId });
    return a.body;
  }
  const reports = store.listArtefacts<CompletenessReport>(populationId, 'completeness').map((a) => a.body);
  const matching = period ? reports.filter((r) => r.period.start === period.start && r.period.end === period.end) : reports;
  return matching[matching.length - 1];
}

/** `sampledRows`: the sample's rows when the caller has read them already (else they are read here). */
export async function workbookInputFor(store: Store, req: WorkbookRequest, sampledRows?: SampledRow[]): Promise<WorkbookInput> {
  const tested = testRunOf(store, req.id);
  const sample = getSample(store, tested?.sampleId ?? req.id);
  const meta = store.requirePopulation(sample.populationId);
  const designPeriod = sample.manifest.design.period;
  const periodText = req.period ?? sample.request.period ?? (designPeriod ? `${designPeriod.start}..${designPeriod.end}` : undefined);
  const split = (text: string) => text.split('..').map((s) => s.trim()) as [string, string];
  const completeness = completenessFor(store, meta.id, req, periodText ? { start: split(periodText)[0], end: split(periodText)[1] } : undefined);
  const chosen = periodText ?? (completeness ? `${completeness.period.start}..${completeness.period.end}` : undefined);
  if (!chosen) throw tickmarkError('TM_ERR_USAGE', { message: 'the sample has no audit period: give --period YYYY-MM-DD..YYYY-MM-DD' });
  const [start, end] = split(chosen);
  const timeZone = req.timeZone ?? sample.request.timeZone ?? designPeriod?.timeZone ?? completeness?.period.timeZone ?? meta.typing.timeZone;
  parsePeriod(chosen, timeZone); // an inverted or impossible period is refused, never shown
  const tsc = req.control?.tsc ?? tscOfKind(meta.kind);
  const control: ControlInfo = {
    id: req.control?.id ?? tsc ?? meta.kind,
    ...(req.control?.description ? { description: req.control.description } : {}),
    ...(tsc ? { tsc } : {}),
    ...(req.control?.frequency ? { frequency: req.control.frequency } : {}),
    ...(req.control?.procedure ? { procedure: req.control.procedure } : {}),
  };
  const rows = sampledRows ?? (await loadSampledRows(store, meta, sample.selection.items.flatMap((i) => i.rows ?? [i.record])));
  const results = tested ? latestResults(store, tested.id) : undefined;
  const entries = results?.entries;
  const controlEvaluation = tested
    ? evaluateControl({ plan: sample.plan, selection: sample.selection, run: tested.run, ...(entries ? { entries } : {}), ...(completeness ? { completeness } : {}) })
    : undefined;
  const workpaper = { ...(req.control?.frequency ? { frequency: req.control.frequency } : {}), ...req.workpaper };
  return {
    ...(req.engagement ? { engagement: req.engagement } : {}),
    control,
    ...(Object.keys(workpaper).length ? { workpaper } : {}),
    period: { start, end, timeZone },
    population: meta,
    ...(req.extraction ? { extraction: req.extraction } : {}),
    ...(completeness ? { completeness } : {}),
    sample,
    sampledRows: rows,
    ...(tested ? { tests: tested.run, testJob: tested.job, testRunId: tested.id } : {}),
    ...(controlEvaluation ? { controlEvaluation } : {}),
    ...(results ? { entries: results.entries, resultsVersion: { version: results.version, by: results.by, at: results.at, ...(results.source.workbookSha256 ? { workbookSha256: results.source.workbookSha256 } : {}) } } : {}),
    ...(req.preparer ? { preparer: req.preparer } : {}),
    ...(req.paper ? { paper: req.paper } : {}),
    engineVersion: ENGINE_VERSION,
    ...(req.includePopulation ? { populationData: readChunks(store.populationDir(meta.id), meta) } : {}),
  };
}
