/**
 * The sampling methods (one strategy per file) and the dispatch the worker pool uses:
 * `mapSelection` / `mergeSelection` / `finishSelection` pick the method from `spec.method`,
 * and `selectSample` runs all three in one thread (tests, small populations).
 *
 * @example
 * const partials = await Promise.all(chunks.map((c) => pool.run({ chunk: c, spec }))); // worker: mapSelection(chunk, spec)
 * const selection = finishSelection(partials.reduce((a, b) => mergeSelection(a, b, spec)), spec);
 */
import type { PopulationChunk } from '../../population/types.js';
import type { SamplingMethod } from '../method.js';
import type { Selection } from '../selection.js';
import { checkSelectionSpec, type MethodName, type SelectionSpec } from '../spec.js';
import { keyItems, type KeyItemsPartial } from './key-items.js';
import { random, type RandomPartial } from './random.js';
import { stratified, type StratifiedPartial } from './stratified.js';
import { systematic, type SystematicPartial } from './systematic.js';

/** What `mapSelection` returns for one chunk: a discriminated union on `method`. */
export type SelectionPartial = RandomPartial | SystematicPartial | StratifiedPartial | KeyItemsPartial;

export const samplingMethods: { [M in MethodName]: SamplingMethod<Extract<SelectionPartial, { method: M }>> } = {
  random,
  systematic,
  stratified,
  'key-items': keyItems,
};

/**
 * The implementation of a method.
 *
 * @example
 * samplingMethod('systematic').name // 'systematic'
 */
export function samplingMethod(name: MethodName): SamplingMethod<SelectionPartial> {
  return samplingMethods[name] as SamplingMethod<SelectionPartial>;
}

/**
 * Worker side: reduce one chunk to the partial of `spec.method`. `before`: the merged partial of
 * chunks already read, when the caller has one (SamplingMethod.map): the same merged result, less work.
 */
export function mapSelection(chunk: PopulationChunk, spec: SelectionSpec, before?: SelectionPartial): SelectionPartial {
  return samplingMethod(spec.method).map(chunk, spec, before?.method === spec.method ? before : undefined);
}

/** Main thread: combine two partials (any order, any grouping). */
export function mergeSelection(a: SelectionPartial, b: SelectionPartial, spec: SelectionSpec): SelectionPartial {
  return samplingMethod(spec.method).merge(a, b, spec);
}

/** Main thread: the selection from the merged partial (the empty partial when there are no chunks). */
export function finishSelection(partial: SelectionPartial | undefined, spec: SelectionSpec): Selection {
  const method = samplingMethod(spec.method);
  return method.finish(partial ?? method.empty(spec), spec);
}

/**
 * Map, merge and finish in one thread: checks the spec first.
 *
 * @example
 * selectSample([chunk], { method: 'random', seed: '7', n: 5, key: ['change_id'], headers }).items.length // 5
 */
export function selectSample(chunks: Iterable<PopulationChunk>, spec: SelectionSpec): Selection {
  const checked = checkSelectionSpec(spec);
  const method = samplingMethod(checked.method);
  let partial = method.empty(checked);
  for (const chunk of chunks) partial = method.merge(partial, method.map(chunk, checked), checked);
  return method.finish(partial, checked);
}
