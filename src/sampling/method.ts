/**
 * The one small interface every sampling method implements: map a chunk to a partial, merge two
 * partials, finish a partial into a Selection. All three are pure; partials are plain objects
 * and typed arrays (structured-cloneable), so the lead runs `map` on the worker pool per chunk
 * and merges in the main thread. Merging is commutative and associative: the result does not
 * depend on the chunking, the number of workers or the order chunks finish in.
 *
 * @example
 * const method = samplingMethod('random');
 * const partial = chunks.map((c) => method.map(c, spec)).reduce((a, b) => method.merge(a, b, spec));
 * method.finish(partial, spec).items.length // min(n, eligible)
 */
import type { PopulationChunk } from '../population/types.js';
import type { Selection } from './selection.js';
import type { MethodName, SelectionSpec } from './spec.js';

export interface SamplingMethod<P> {
  readonly name: MethodName;
  /** The partial of an empty population (the identity of merge). */
  empty(spec: SelectionSpec): P;
  /**
   * Reduce one chunk (runs on a worker). `before`: the merged partial of chunks already read (any
   * of them), when the caller has one: a method may leave out rows that cannot beat it, so the
   * chunk's partial is smaller while every merge that includes `before` is the same.
   */
  map(chunk: PopulationChunk, spec: SelectionSpec, before?: P): P;
  /** Combine two partials (any order, any grouping). */
  merge(a: P, b: P, spec: SelectionSpec): P;
  /** Draw the sample from the merged partial. */
  finish(partial: P, spec: SelectionSpec): Selection;
}
