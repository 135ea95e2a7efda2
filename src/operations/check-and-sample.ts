/**
 * The first half of a pull in one pass: the completeness checks and the selection read each
 * chunk of the population once (run apart, they scan it twice). Same report, same selection.
 * A report already computed for the same inputs is read back (reuse.ts): then only the
 * selection scans. The first pull of a population also builds its sampling unit index in that
 * pass (units.ts); when the population has units of several rows, the selection is drawn again
 * with the index (a population without repeated keys never needs a second pass).
 *
 * @example
 * const { completeness, sample } = await checkAndSample(store, 'pop_…', { period }, { seed: '1', size: 25 })
 */
import type { CompletenessReport } from '../completeness/index.js';
import { finishSelection, type Selection, type SelectionSpec } from '../sampling/index.js';
import type { UnitIndex } from '../sampling/units.js';
import { scanPopulation } from '../scan/scan-population.js';
import { finishUnits } from '../scan/unit-job.js';
import type { PopulationMeta } from '../population/types.js';
import type { Store } from '../store/store.js';
import { completenessInput, finishReport, keepReport, type CompletenessRequest } from './completeness.js';
import { scanOptions, type OperationOptions } from './options.js';
import { recallReport } from './reuse.js';
import { keepSample, planFor, selectionSpec, type SampleRecord, type SampleRequest } from './sample.js';
import { recallUnitIndex, rememberUnitIndex, unitJob, unitIndexFor, withUnitMembers, withUnitRows } from './units.js';

export async function checkAndSample(
  store: Store,
  populationId: string,
  check: CompletenessRequest,
  request: SampleRequest,
  opts: OperationOptions = {},
): Promise<{ completeness: { id: string; report: CompletenessReport }; sample: SampleRecord }> {
  const meta = store.requirePopulation(populationId);
  const input = completenessInput(store, meta, check);
  const plan = planFor(meta, request);
  const spec = selectionSpec(meta, request, plan.basis === 'all' ? Math.max(1, meta.rows.accepted) : plan.n);
  const unit = spec.unit!;
  const kept = recallUnitIndex(store, meta, unit);
  const drawn = kept ? withUnitMembers(spec, kept) : spec;
  const units = kept ? undefined : unitJob(meta, unit);
  const recalled = recallReport(store, input, opts);
  const scanned = recalled
    ? await scanPopulation(store, meta, { selection: drawn, ...(units ? { units } : {}) }, scanOptions(opts))
    : await scanPopulation(store, meta, { completeness: input, selection: drawn, ...(units ? { units } : {}) }, { ...scanOptions(opts), ...(input.other ? { other: input.other } : {}) });
  const completeness = keepReport(store, input, recalled ?? (await finishReport(store, input, scanned)), opts);
  const index = kept ?? rememberUnitIndex(store, meta, finishUnits(units!, scanned.units!));
  const selection = kept || !index.members.length
    ? withUnitRows(finishSelection(scanned.selection, drawn), index)
    : await redraw(store, meta, spec, index, opts);
  const sample = keepSample(store, meta, request, plan, selection, opts);
  return { completeness, sample };
}

/** The selection drawn again, now that the unit index says which rows travel with another. */
async function redraw(store: Store, meta: PopulationMeta, spec: SelectionSpec, index: UnitIndex, opts: OperationOptions): Promise<Selection> {
  const drawn = withUnitMembers(spec, await unitIndexFor(store, meta, index.unit, opts));
  const scanned = await scanPopulation(store, meta, { selection: drawn }, scanOptions(opts));
  return withUnitRows(finishSelection(scanned.selection, drawn), index);
}
