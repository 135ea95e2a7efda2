/**
 * The first half of a pull in one pass: the completeness checks and the selection read each
 * chunk of the population once (run apart, they scan it twice). Same report, same selection.
 * A report already computed for the same inputs is read back (reuse.ts): then only the
 * selection scans.
 *
 * @example
 * const { completeness, sample } = await checkAndSample(store, 'pop_…', { period }, { seed: '1', size: 25 })
 */
import type { CompletenessReport } from '../completeness/index.js';
import { finishSelection } from '../sampling/index.js';
import { scanPopulation } from '../scan/scan-population.js';
import type { Store } from '../store/store.js';
import { completenessInput, finishReport, keepReport, type CompletenessRequest } from './completeness.js';
import { scanOptions, type OperationOptions } from './options.js';
import { recallReport } from './reuse.js';
import { keepSample, planFor, selectionSpec, type SampleRecord, type SampleRequest } from './sample.js';

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
  const recalled = recallReport(store, input, opts);
  const scanned = recalled
    ? await scanPopulation(store, meta, { selection: spec }, scanOptions(opts))
    : await scanPopulation(store, meta, { completeness: input, selection: spec }, { ...scanOptions(opts), ...(input.other ? { other: input.other } : {}) });
  const completeness = keepReport(store, input, recalled ?? finishReport(store, input, scanned), opts);
  const sample = keepSample(store, meta, request, plan, finishSelection(scanned.selection, spec), opts);
  return { completeness, sample };
}
