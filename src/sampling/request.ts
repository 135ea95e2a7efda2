/**
 * What a user asks of a sample (seed, size or plan, method, strata, key items, filter, period) and
 * what it becomes for a stored population: the sample plan and the selection spec. Pure, and the
 * same for every engine: the embedded scan (src/operations/sample.ts) and a pull compiled to SQL
 * (src/sql/plan.ts) both start here, so the two cannot be configured apart.
 *
 * @example
 * const plan = planFor(meta, { seed: '20251231', size: 25 })
 * const spec = selectionSpec(meta, { seed: '20251231', size: 25, method: 'stratified' }, plan.n)
 */
import { tickmarkError } from '../errors.js';
import { parsePeriod, type AuditPeriod } from '../period/period.js';
import type { PopulationMeta } from '../population/types.js';
import { planSample, type PlanInput, type SamplePlan } from '../stats/index.js';
import { parseSelectionCondition } from './condition/parse.js';
import type { SelectionManifest } from './manifest.js';
import type { Selection } from './selection.js';
import { checkSelectionSpec, type AllocationRule, type MethodName, type SelectionSpec, type StratumBucket } from './spec.js';
import type { SamplingUnit } from './units.js';

/** The unit a population is sampled by: its profile's or kind's choice, by item on the business key by default. */
export function samplingUnitOf(meta: PopulationMeta): SamplingUnit {
  return meta.unit === 'row' ? { by: 'row' } : { by: 'item', key: meta.unitKey ?? meta.key };
}

/** What a user asks of a sample. */
export interface SampleRequest {
  seed: string;
  /** A fixed size, or a plan (frequency / statistical / all). */
  size?: number;
  plan?: PlanInput;
  method?: 'random' | 'systematic' | 'stratified';
  strata?: StratumBucket;
  allocation?: AllocationRule;
  /** Items matching this condition are all taken and listed apart (e.g. `type=emergency`). */
  keyItems?: string;
  filter?: string;
  /** Only rows whose event time falls in this period are eligible. */
  period?: string;
  timeZone?: string;
}

/** A drawn sample as the catalog keeps it: the request, its plan, the manifest and the selection. */
export interface SampleRecord {
  id: string;
  populationId: string;
  request: SampleRequest;
  plan: SamplePlan;
  manifest: SelectionManifest;
  selection: Selection;
}

function periodOf(meta: PopulationMeta, req: SampleRequest): AuditPeriod | undefined {
  return req.period ? parsePeriod(req.period, req.timeZone ?? meta.typing.timeZone) : undefined;
}

export function planFor(meta: PopulationMeta, req: SampleRequest): SamplePlan {
  if (req.size !== undefined) return planSample({ basis: 'fixed', n: req.size, population: meta.rows.accepted });
  if (req.plan) {
    const given = (req.plan as { population?: number }).population;
    const population = req.plan.basis === 'all' || given === undefined ? meta.rows.accepted : given;
    return planSample({ ...req.plan, population } as PlanInput);
  }
  throw tickmarkError('TM_ERR_BAD_PLAN', { message: 'give a sample size (--size N) or planning flags' });
}

export function selectionSpec(meta: PopulationMeta, req: SampleRequest, n: number, extendFrom?: number): SelectionSpec {
  const base: MethodName = req.keyItems ? 'key-items' : (req.method ?? 'random');
  if (base === 'key-items' && req.method === 'systematic') {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--key-items', expected: 'combines with random or stratified selection', got: 'systematic' });
  }
  const period = periodOf(meta, req);
  const stratified = req.method === 'stratified';
  const unit = samplingUnitOf(meta);
  const spec: SelectionSpec = {
    method: base,
    seed: req.seed,
    n,
    key: unit.by === 'item' ? unit.key : [],
    unit,
    headers: meta.headers,
    ...(meta.eventTime ? { eventTime: meta.eventTime } : {}),
    ...(req.filter ? { filter: req.filter } : {}),
    ...(period ? { period } : {}),
    ...(stratified ? { stratify: { by: req.strata ?? 'month', allocation: req.allocation ?? 'proportional', timeZone: period?.timeZone ?? meta.typing.timeZone } } : {}),
    ...(req.keyItems ? { keyItems: { condition: req.keyItems, rest: stratified ? 'stratified' : 'random' } } : {}),
    ...(extendFrom !== undefined ? { extendFrom } : {}),
  } as SelectionSpec;
  // Conditions name real fields or headers, checked now (not on a worker, mid-scan).
  const names = { fields: Object.keys(meta.mapping), headers: meta.headers };
  if (req.filter) parseSelectionCondition(req.filter, names);
  if (req.keyItems) parseSelectionCondition(req.keyItems, names);
  return checkSelectionSpec(spec);
}
