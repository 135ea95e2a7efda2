/**
 * A pull: the whole dry-run of one control in one call — the population (stored, or a file
 * ingested first), its completeness across the period (with the control totals and tie-out the
 * caller gives), the plan and the seeded sample (one pass with the checks), the attribute tests
 * (with the second populations the rules join), the evaluation a CPA signs, and the workbook.
 * The library's `pull`, the CLI's `tickmark pull` and the service's `POST /v1/pulls` all run
 * this, so the same inputs write the same workbook.
 *
 * @example
 * const result = await pull(store, {
 *   file: 'changes.csv', ingest: { kind: 'change' }, period: '2025-01-01..2025-12-31',
 *   sample: { seed: '20251231', size: 25, method: 'stratified' }, workbook: { control: { id: 'CC8.1-01' } },
 *   output: 'out/CC8.1-sample.xlsx',
 * })
 * result.evaluation.conclusion.status // 'effective'
 */
import type { CompletenessParams, CompletenessReport } from '../completeness/index.js';
import type { ControlEvaluation } from '../evaluation/types.js';
import type { WorkbookInput } from '../export/workbook/input.js';
import { writeWorkbook } from '../export/workbook/write.js';
import type { IngestOptions } from '../ingest/ingest.js';
import { parsePeriod } from '../period/period.js';
import type { PopulationChunk, PopulationMeta } from '../population/types.js';
import type { Store } from '../store/store.js';
import { checkAndSample } from './check-and-sample.js';
import type { OperationOptions } from './options.js';
import { sizeWarnings, type SampleRecord, type SampleRequest } from './sample.js';
import { sampledRowsFrom } from './sampled-rows.js';
import { runTests, type TestRequest, type TestRunRecord } from './test.js';
import { workbookInputFor, type WorkbookRequest } from './workbook-input.js';

export interface PullRequest {
  /** A stored population… */
  populationId?: string;
  /** …or a file (CSV or XLSX) ingested first with `ingest` (idempotent: the same bytes and options are the same population). */
  file?: string;
  ingest?: Omit<IngestOptions, 'workers' | 'signal' | 'onProgress' | 'engagementId' | 'actor'>;
  /** The audit period, `YYYY-MM-DD..YYYY-MM-DD`, read in `timeZone` (default: the population's). */
  period: string;
  timeZone?: string;
  sample: Omit<SampleRequest, 'period' | 'timeZone'>;
  /** Control totals, tie-out and the other completeness parameters; the second population of a tie-out. */
  completeness?: { params?: CompletenessParams; otherPopulationId?: string };
  /** Custom rules, rule parameters, holidays, and the second populations the rules join (`{ accounts: 'pop_…' }`). */
  tests?: Omit<TestRequest, 'sampleId' | 'all' | 'period' | 'timeZone'>;
  /** What the workbook says about the control, the engagement, the extraction; the workpaper fields. */
  workbook?: Omit<WorkbookRequest, 'id' | 'period' | 'timeZone' | 'completenessId'>;
  /** Write the workbook here (atomically). */
  output?: string;
}

export interface PullResult {
  population: PopulationMeta;
  completeness: { id: string; report: CompletenessReport };
  sample: SampleRecord;
  tests: TestRunRecord;
  evaluation: ControlEvaluation;
  /** What the consultant should know before relying on the workbook (also in the workbook). */
  warnings: string[];
  workbook: WorkbookInput;
  /** Where the workbook was written. */
  output?: string;
}

async function populationOf(store: Store, req: PullRequest, opts: OperationOptions): Promise<PopulationMeta> {
  if (req.populationId) return store.requirePopulation(req.populationId);
  if (!req.file || !req.ingest) throw new TypeError('pull: give populationId, or file with ingest options');
  const { ingestFile } = await import('../ingest/ingest.js');
  const { population } = await ingestFile(store, req.file, {
    ...req.ingest,
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.engagementId !== undefined ? { engagementId: opts.engagementId } : {}),
    ...(opts.actor ? { actor: opts.actor } : {}),
  });
  return population;
}

/** The warnings of a pull: what the sample could not be, and what holds the conclusion back. */
export function pullWarnings(sample: SampleRecord, evaluation: ControlEvaluation): string[] {
  const warnings = sizeWarnings(sample);
  for (const part of evaluation.parts) for (const a of part.attributes) for (const w of a.warnings) warnings.push(`Attribute ${a.attribute}: ${w}`);
  if (evaluation.completeness.qualifies) warnings.push(`Completeness: ${evaluation.completeness.failing.join(', ')} failed — the conclusion is qualified until each failure is resolved or explained.`);
  return warnings;
}

export async function pull(store: Store, req: PullRequest, opts: OperationOptions = {}): Promise<PullResult> {
  const population = await populationOf(store, req, opts);
  const timeZone = req.timeZone ?? population.typing.timeZone;
  parsePeriod(req.period, timeZone); // a bad period fails before any scan
  const { completeness, sample } = await checkAndSample(store, population.id, {
    period: req.period, timeZone,
    ...(req.completeness?.params ? { params: req.completeness.params } : {}),
    ...(req.completeness?.otherPopulationId ? { otherPopulationId: req.completeness.otherPopulationId } : {}),
  }, { ...req.sample, period: req.period, timeZone }, opts);
  // The sample's rows are read once: the tests' read (when they run in this thread) serves the workbook.
  const read = new Map<string, PopulationChunk>();
  const tests = await runTests(store, population.id, { ...req.tests, sampleId: sample.id, period: req.period, timeZone }, opts, read);
  const sampledRows = read.size ? sampledRowsFrom(read, sample.selection.items.flatMap((i) => i.rows ?? [i.record])) : undefined;
  const workbook = await workbookInputFor(store, { ...req.workbook, id: tests.id, period: req.period, timeZone, completenessId: completeness.id }, sampledRows);
  const evaluation = workbook.controlEvaluation!;
  const warnings = pullWarnings(sample, evaluation);
  if (req.output) {
    await writeWorkbook(workbook, req.output);
    store.log({ actor: opts.actor ?? 'cli', action: 'pull.workbook', target: sample.id, params: { workbook: req.output, testRun: tests.id, completeness: completeness.report.status, conclusion: evaluation.conclusion.status } });
  }
  return { population, completeness, sample, tests, evaluation, warnings, workbook, ...(req.output ? { output: req.output } : {}) };
}
