/**
 * The sampling unit of a stored population and its unit index (sampling/units.ts): computed by
 * one scan the first time a population is sampled (alone, or folded into a pull's scan) and kept
 * as a derived result — it depends only on the population's content and the unit. Every
 * selection then draws units, never the same one twice, and lists each unit's rows.
 *
 * @example
 * const index = await unitIndexFor(store, meta, samplingUnitOf(meta))
 * const selection = withUnitRows(finishSelection(partial, withUnitMembers(spec, index)), index)
 * index.members.length // rows that travel with another row's unit
 */
import type { PopulationMeta } from '../population/types.js';
import type { SamplingUnit, UnitIndex } from '../sampling/units.js';
import { scanPopulation } from '../scan/scan-population.js';
import { finishUnits, type UnitJob } from '../scan/unit-job.js';
import type { Store } from '../store/store.js';
import { scanOptions, type OperationOptions } from './options.js';

export { samplingUnitOf } from '../sampling/request.js';

/** Bumped when the index's content changes for the same population and unit. */
const UNITS_FORMAT = 1;

/** The scan job that builds the index of `unit` for a population. */
export function unitJob(meta: PopulationMeta, unit: SamplingUnit): UnitJob {
  return { unit, headers: meta.headers, ...(meta.eventTime ? { eventTime: meta.eventTime } : {}) };
}

function unitsKey(meta: PopulationMeta, unit: SamplingUnit): string {
  return `units:${UNITS_FORMAT}:${meta.id}:${unit.by === 'row' ? 'row' : `item:${JSON.stringify(unit.key)}`}`;
}

/** The index kept for this population and unit, if any. */
export function recallUnitIndex(store: Store, meta: PopulationMeta, unit: SamplingUnit): UnitIndex | undefined {
  return store.derived<UnitIndex>(unitsKey(meta, unit));
}

export function rememberUnitIndex(store: Store, meta: PopulationMeta, index: UnitIndex): UnitIndex {
  store.saveDerived(unitsKey(meta, index.unit), meta.id, index);
  return index;
}

/** The unit index of a population: kept, or computed by a scan and kept. */
export async function unitIndexFor(store: Store, meta: PopulationMeta, unit: SamplingUnit, opts: OperationOptions = {}): Promise<UnitIndex> {
  const kept = recallUnitIndex(store, meta, unit);
  if (kept) return kept;
  const job = unitJob(meta, unit);
  const scanned = await scanPopulation(store, meta, { units: job }, scanOptions(opts));
  return rememberUnitIndex(store, meta, finishUnits(job, scanned.units!));
}

export { withUnitMembers, withUnitRows } from '../sampling/unit-draw.js';
