/**
 * A whole selection by sampling unit in this thread, from chunks in hand: the unit index first
 * (unit-job.ts), then the selection with the index's members excluded, items listing their
 * unit's rows. What the operations do across the worker pool, for tests and small populations.
 *
 * @example
 * selectByUnit(chunks, { method: 'random', seed: '7', n: 5, key: ['change_id'], headers }).items.length // 5
 */
import type { PopulationChunk } from '../population/types.js';
import { selectSample } from '../sampling/methods/index.js';
import type { Selection } from '../sampling/selection.js';
import type { SelectionSpec } from '../sampling/spec.js';
import { withUnitMembers, withUnitRows } from '../sampling/unit-draw.js';
import { emptyUnits, finishUnits, mapUnits, mergeUnits, type UnitJob } from './unit-job.js';

export function selectByUnit(chunks: readonly PopulationChunk[], spec: SelectionSpec): Selection {
  const job: UnitJob = { unit: spec.unit ?? { by: 'item', key: spec.key }, headers: spec.headers, ...(spec.eventTime ? { eventTime: spec.eventTime } : {}) };
  const index = finishUnits(job, chunks.reduce((acc, c) => mergeUnits(acc, mapUnits(c, job)), emptyUnits()));
  return withUnitRows(selectSample(chunks, withUnitMembers(spec, index)), index);
}
