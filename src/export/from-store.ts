/**
 * Assemble a workbook input from what the store keeps: a sample (or a test run, which names its
 * sample), the population's meta, the latest completeness report for the population, the sampled
 * rows, and optionally every row of the population. The control, engagement and extraction are
 * what the user says (a control description not given is left for the team to enter, never
 * invented); the TSC reference defaults to the one the population kind names (e.g. CC8.1).
 *
 * A stored test run is what `runTests` keeps (src/operations/test.ts `TestRunRecord`): its run,
 * the job that made it (so `verify` can re-run it), its sample and its evaluation.
 *
 * @example
 * const input = await workbookInputFromStore(store, { id: 'samp_…', control: { id: 'CC8.1-01' } })
 */
import { tickmarkError } from '../errors.js';
import { getSample } from '../operations/sample.js';
import { kindSpec } from '../population/kinds.js';
import { getTestRun } from '../operations/test.js';
import type { TestRun } from '../rules/types.js';
import type { TestJob } from '../scan/test-job.js';
import { readChunks } from '../store/read-chunks.js';
import type { Store } from '../store/store.js';
import type { CompletenessReport } from '../completeness/types.js';
import { ENGINE_VERSION } from '../version.js';
import { loadSampledRows } from './sampled-rows.js';
import type { ControlInfo, ExtractionInfo, RecordedEvaluation, WorkbookInput } from './workbook/input.js';

export interface StoredWorkbookRequest {
  /** A sample id, or a test-run id. */
  id: string;
  control?: Partial<ControlInfo>;
  engagement?: { client: string; name: string };
  extraction?: ExtractionInfo;
  preparer?: string;
  /** `YYYY-MM-DD..YYYY-MM-DD`; default: the sample's period, else the completeness report's. */
  period?: string;
  timeZone?: string;
  includePopulation?: boolean;
}

interface StoredTestRun {
  sampleId: string;
  run: TestRun;
  job: TestJob;
  evaluation: RecordedEvaluation | null;
}

/** The test run named by `id`, or undefined when `id` is a sample. */
function testRunOf(store: Store, id: string): StoredTestRun | undefined {
  const a = store.artefact<unknown>(id);
  if (!a || (a.type !== 'sample' && a.type !== 'testrun')) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'sample or test run', id });
  if (a.type === 'sample') return undefined;
  const record = getTestRun(store, id);
  if (!record.sampleId) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'id', expected: 'must name a sample or a test run of a sample (a 100% test has no sample to export)', got: id });
  return { sampleId: record.sampleId, run: record.run, job: record.job, evaluation: record.evaluation };
}

function latestCompleteness(store: Store, populationId: string, period: { start: string; end: string } | undefined): CompletenessReport | undefined {
  const reports = store.listArtefacts<CompletenessReport>(populationId, 'completeness').map((a) => a.body);
  const matching = period ? reports.filter((r) => r.period.start === period.start && r.period.end === period.end) : reports;
  return matching[matching.length - 1];
}

export async function workbookInputFromStore(store: Store, req: StoredWorkbookRequest): Promise<WorkbookInput> {
  const tested = testRunOf(store, req.id);
  const sample = getSample(store, tested?.sampleId ?? req.id);
  const meta = store.requirePopulation(sample.populationId);
  const designPeriod = sample.manifest.design.period;
  const periodText = req.period ?? sample.request.period ?? (designPeriod ? `${designPeriod.start}..${designPeriod.end}` : undefined);
  const completeness = latestCompleteness(store, meta.id, periodText ? { start: periodText.split('..')[0]!.trim(), end: periodText.split('..')[1]!.trim() } : undefined);
  const chosen = periodText ?? (completeness ? `${completeness.period.start}..${completeness.period.end}` : undefined);
  if (!chosen) throw tickmarkError('TM_ERR_USAGE', { message: 'the sample has no audit period: give --period YYYY-MM-DD..YYYY-MM-DD' });
  const [start, end] = chosen.split('..').map((s) => s.trim()) as [string, string];
  const timeZone = req.timeZone ?? sample.request.timeZone ?? designPeriod?.timeZone ?? completeness?.period.timeZone ?? meta.typing.timeZone;
  const spec = kindSpec(meta.kind);
  const tsc = req.control?.tsc ?? /\((CC[^)]*)\)/.exec(spec.description)?.[1];
  const control: ControlInfo = {
    id: req.control?.id ?? tsc ?? meta.kind,
    ...(req.control?.description ? { description: req.control.description } : {}),
    ...(tsc ? { tsc } : {}),
    ...(req.control?.frequency ? { frequency: req.control.frequency } : {}),
    ...(req.control?.procedure ? { procedure: req.control.procedure } : {}),
  };
  const sampledRows = await loadSampledRows(store, meta, sample.selection.items.map((i) => i.record));
  return {
    ...(req.engagement ? { engagement: req.engagement } : {}),
    control,
    period: { start, end, timeZone },
    population: meta,
    ...(req.extraction ? { extraction: req.extraction } : {}),
    ...(completeness ? { completeness } : {}),
    sample,
    sampledRows,
    ...(tested ? { tests: tested.run, testJob: tested.job, ...(tested.evaluation ? { evaluation: tested.evaluation } : {}) } : {}),
    ...(req.preparer ? { preparer: req.preparer } : {}),
    engineVersion: ENGINE_VERSION,
    ...(req.includePopulation ? { populationData: readChunks(store.populationDir(meta.id), meta) } : {}),
  };
}
