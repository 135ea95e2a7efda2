/**
 * Test a sample — or every row of the population (100% testing) — against the control's
 * attributes, on the pool, and evaluate the deviations when the sample was statistical.
 * Custom rules always run on a worker under a time limit, so a hostile pattern cannot hang us.
 *
 * @example
 * const { run } = await runTests(store, 'pop_…', { sampleId: 'samp_…' })
 */
import { tickmarkError } from '../errors.js';
import { parsePeriod } from '../period/period.js';
import type { PopulationChunk } from '../population/types.js';
import type { TestRun } from '../rules/index.js';
import { resultsPerUnit } from '../rules/evaluate/per-unit.js';
import { buildJoinIndexes, type JoinReport } from './joins.js';
import { finishTests, ruleSetOf, type TestJob } from '../rules/evaluate/test-job.js';
import { scanPopulation } from '../scan/scan-population.js';
import { evaluateControl } from '../evaluation/evaluate-control.js';
import type { ControlEvaluation } from '../evaluation/types.js';
import { planSample } from '../stats/index.js';
import { chunksHolding } from '../store/read-chunks.js';
import type { Store } from '../store/store.js';
import { getSample, type SampleRecord } from './sample.js';
import { scanOptions, type OperationOptions } from './options.js';

/** Largest sample whose built-in tests run in the calling thread. */
const IN_THREAD_ITEMS = 2_000;

export interface TestRequest {
  /** Test the items of this stored sample… */
  sampleId?: string;
  /** …or every row of the population. */
  all?: boolean;
  /** Custom rules (JSON value or text); built-in rules run unless `builtins: false`. */
  rules?: unknown;
  builtins?: boolean;
  /** `name=value` parameters for the built-in rules (e.g. `disable_days=2bd`). */
  params?: string[];
  /** Zone and holidays for business days (default: the population's zone, no holidays). */
  timeZone?: string;
  holidays?: string[];
  /** Open items are judged as of the end of this period. */
  period?: string;
  /** Second populations for cross-population rules, by join name (`accounts`, `deployments`). */
  joins?: Record<string, string>;
  /** Evaluate against these when the sample was not planned statistically. */
  evaluation?: { confidence: number | string; tolerable: number | string; distribution?: 'binomial' | 'poisson' | 'hypergeometric' };
  /** Time limit per chunk task when custom rules run (default 30 s). */
  ruleTimeoutMs?: number;
}

export interface TestRunRecord {
  id: string;
  populationId: string;
  sampleId: string | null;
  request: TestRequest;
  run: TestRun;
  /** The evaluation before the team's entries (null for a 100% test). */
  evaluation: ControlEvaluation | null;
  /** How the run was made (rule-set spec + context, joins left out): enough to re-run it. */
  job: TestJob;
  /** Per join: the population joined, the keys tried and what each matched. */
  joins?: Record<string, JoinReport>;
}

/**
 * `sampledChunks`: when the sample's rows are tested in this thread, the chunks read down to them
 * are put here, by chunk file (a pull's workbook takes its sampled rows from them).
 */
export async function runTests(store: Store, populationId: string, req: TestRequest, opts: OperationOptions = {}, sampledChunks?: Map<string, PopulationChunk>): Promise<TestRunRecord> {
  const meta = store.requirePopulation(populationId);
  if (!req.all && !req.sampleId) throw tickmarkError('TM_ERR_USAGE', { message: 'test a sample (--sample) or the whole population (--all)' });
  const sample = req.sampleId ? getSample(store, req.sampleId) : undefined;
  if (sample && sample.populationId !== meta.id) {
    throw tickmarkError('TM_ERR_MISMATCH', { message: `sample ${sample.id} was drawn from population ${sample.populationId}, not ${meta.id}` });
  }
  const timeZone = req.timeZone ?? meta.typing.timeZone;
  const period = req.period ? parsePeriod(req.period, timeZone) : sample?.request.period ? parsePeriod(sample.request.period, sample.request.timeZone ?? timeZone) : undefined;
  const job: TestJob = {
    rules: {
      kind: meta.kind,
      ...(req.params ? { params: req.params } : {}),
      ...(req.rules !== undefined ? { custom: req.rules } : {}),
      ...(req.builtins === false ? { builtins: false } : {}),
      headers: meta.headers,
      ...(req.joins ? { joins: Object.keys(req.joins), fields: Object.keys(meta.mapping) } : {}),
    },
    context: {
      scope: sample ? 'sample' : 'population',
      ...(sample ? { sample: sample.selection.items.flatMap((i) => i.rows ?? [i.record]) } : {}),
      key: meta.key,
      headers: meta.headers,
      mapping: meta.mapping,
      ...(meta.multiValue ? { multiValue: meta.multiValue } : {}),
      timeZone,
      ...(req.holidays ? { holidays: req.holidays } : {}),
      ...(period ? { asOfMs: period.endExclusiveMs - 1 } : {}),
    },
  };
  const set = ruleSetOf(job); // compile once here: bad rules fail fast, before any worker starts
  const joined = await buildJoinIndexes(store, meta, req.joins, set);
  if (joined) job.joins = joined.indexes;
  const custom = req.rules !== undefined;
  const scan = scanOptions(opts);
  // A sample without population-level attributes needs only the chunks that hold its items.
  const sampleOnly = sample && !set.rules.some((r) => r.level === 'population');
  // Built-in rules on a sample of ordinary size: its rows are a few small reads, so test them in
  // this thread rather than start workers and load the rules there (custom rules always run on a worker).
  const inThread = sampleOnly && !custom && sample.selection.items.length <= IN_THREAD_ITEMS;
  const scanned = await scanPopulation(store, meta, { tests: job }, {
    ...scan,
    ...(inThread ? { workers: 0, ...(sampledChunks ? { sampledChunks } : {}) } : {}),
    ...(sampleOnly ? { chunks: chunksHolding(meta.chunks, sample.selection.items.flatMap((i) => i.rows ?? [i.record])) } : {}),
    ...(custom ? { workers: Math.max(1, scan.workers ?? 1), taskTimeoutMs: req.ruleTimeoutMs ?? 30_000 } : {}),
  });
  if (!scanned.tests) throw tickmarkError('TM_ERR_INTERNAL', { message: 'the population has no rows to test' });
  const rows = finishTests(job, scanned.tests);
  const run = sample ? resultsPerUnit(rows, sample.selection.items) : rows;
  const evaluation = evaluate(run, sample, req);
  const { joins: _joins, ...replayable } = job;
  const body = { populationId: meta.id, sampleId: sample?.id ?? null, request: req, run, evaluation, job: replayable, ...(joined && Object.keys(joined.reports).length ? { joins: joined.reports } : {}) };
  const saved = store.saveArtefact({ type: 'testrun', populationId: meta.id, engagementId: opts.engagementId ?? null, parentId: sample?.id ?? null, body }, opts.actor);
  return { id: saved.id, ...body };
}

/**
 * The evaluation of a sample's test run before any entry by the team (see results.ts for later
 * versions): under the sample's plan, or — for a sample not planned statistically — at the
 * confidence and tolerable rate the auditor gave (`evaluation`).
 */
function evaluate(run: TestRun, sample: SampleRecord | undefined, req: TestRequest): ControlEvaluation | null {
  if (!sample) return null;
  const given = req.evaluation;
  const plan = !sample.plan.statistical && given
    ? { ...planSample({ basis: 'statistical', confidence: given.confidence, tolerable: given.tolerable, ...(given.distribution ? { distribution: given.distribution } : {}), ...(given.distribution === 'hypergeometric' ? { population: sample.manifest.eligible } : {}) }), n: sample.selection.items.length }
    : sample.plan;
  return evaluateControl({ plan, selection: sample.selection, run });
}

export function getTestRun(store: Store, id: string): TestRunRecord {
  const a = store.artefact<Omit<TestRunRecord, 'id'>>(id, 'testrun');
  if (!a) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'test run', id });
  return { id: a.id, ...a.body };
}
