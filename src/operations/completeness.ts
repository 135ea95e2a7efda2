/**
 * Run the completeness & accuracy checks over a stored population (on the pool) and keep the
 * report in the catalog with an audit-log entry.
 *
 * @example
 * const { report } = await checkCompleteness(store, 'pop_…', { period: '2025-01-01..2025-12-31' })
 */
import type { CompletenessParams, CompletenessReport } from '../completeness/index.js';
import { assembleReport, completenessPlan, type PlanInput } from '../completeness/index.js';
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

/** Finish the report from a scan's partials (or take the one recalled) and keep it in the catalog. */
export function keepReport(store: Store, input: PlanInput, scanned: ScanResult | CompletenessReport, opts: OperationOptions): { id: string; report: CompletenessReport } {
  let report: CompletenessReport;
  if ('checks' in scanned) report = scanned;
  else {
    const plan = completenessPlan(input);
    report = assembleReport(plan.context, scanned.rows, plan.finish(scanned.completeness!));
    rememberReport(store, input, report);
  }
  const saved = store.saveArtefact({ type: 'completeness', populationId: input.meta.id, engagementId: opts.engagementId ?? null, body: report }, opts.actor);
  return { id: saved.id, report };
}

export async function checkCompleteness(store: Store, populationId: string, req: CompletenessRequest, opts: OperationOptions = {}): Promise<{ id: string; report: CompletenessReport }> {
  const meta = store.requirePopulation(populationId);
  const input = completenessInput(store, meta, req);
  const recalled = opts.reuse === false ? undefined : recallReport(store, input);
  if (recalled) return keepReport(store, input, recalled, opts);
  const scanned = await scanPopulation(store, meta, { completeness: input }, { ...scanOptions(opts), ...(input.other ? { other: input.other } : {}) });
  return keepReport(store, input, scanned, opts);
}
