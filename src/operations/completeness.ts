/**
 * Run the completeness & accuracy checks over a stored population (on the pool) and keep the
 * report in the catalog with an audit-log entry.
 *
 * @example
 * const { report } = await checkCompleteness(store, 'pop_…', { period: '2025-01-01..2025-12-31' })
 */
import type { CompletenessParams, CompletenessReport } from '../completeness/index.js';
import type { PlanInput } from '../completeness/index.js';
import { parsePeriod } from '../period/period.js';
import type { PopulationMeta } from '../population/types.js';
import { scanPopulation, type ScanResult } from '../scan/scan-population.js';
import type { Store } from '../store/store.js';
import { scanOptions, type OperationOptions } from './options.js';
import { recallReport, rememberReport } from './reuse.js';

export interface CompletenessRequest {
  /** `YYYY-MM-DD..YYYY-MM-DD`. */
  period: string;
  /** Zone of the period (default: the population's typing zone). */
  timeZone?: string;
  params?: CompletenessParams;
  /** Second population for tie_out. */
  otherPopulationId?: string;
}

/** What the scan needs to check a population's completeness. */
export function completenessInput(store: Store, meta: PopulationMeta, req: CompletenessRequest): PlanInput {
  const other = req.otherPopulationId ? store.requirePopulation(req.otherPopulationId) : undefined;
  const period = parsePeriod(req.period, req.timeZone ?? meta.typing.timeZone);
  return { meta, period, ...(req.params ? { params: req.params } : {}), ...(other ? { other } : {}) };
}

/** The report of a scan's partials, remembered for reuse (reuse.ts). The checks load only for a report computed here. */
export async function finishReport(store: Store, input: PlanInput, scanned: ScanResult): Promise<CompletenessReport> {
  const { assembleReport, completenessPlan } = await import('../completeness/index.js');
  const plan = completenessPlan(input);
  const report = assembleReport(plan.context, scanned.rows, plan.finish(scanned.completeness!));
  rememberReport(store, input, report);
  return report;
}

/** Keep a report in the catalog: one artefact (and audit-log entry) per request. */
export function keepReport(store: Store, input: PlanInput, report: CompletenessReport, opts: OperationOptions): { id: string; report: CompletenessReport } {
  const saved = store.saveArtefact({ type: 'completeness', populationId: input.meta.id, engagementId: opts.engagementId ?? null, body: report }, opts.actor);
  return { id: saved.id, report };
}

export async function checkCompleteness(store: Store, populationId: string, req: CompletenessRequest, opts: OperationOptions = {}): Promise<{ id: string; report: CompletenessReport }> {
  const meta = store.requirePopulation(populationId);
  const input = completenessInput(store, meta, req);
  const recalled = recallReport(store, input, opts);
  if (recalled) return keepReport(store, input, recalled, opts);
  const scanned = await scanPopulation(store, meta, { completeness: input }, { ...scanOptions(opts), ...(input.other ? { other: input.other } : {}) });
  return keepReport(store, input, await finishReport(store, input, scanned), opts);
}
