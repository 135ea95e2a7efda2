/**
 * Sampling: permanent random numbers, the selection methods (random, systematic, stratified,
 * key items) as map/merge/finish strategies, filters, allocation, manifests and verification.
 * Re-exports only.
 *
 * @example
 * import { selectSample, buildManifest, describePrn } from './sampling/index.js';
 */
export * from './prn.js';
export * from './rng.js';
export * from './candidate.js';
export * from './bottom-k.js';
export * from './spec.js';
export * from './condition/parse.js';
export * from './condition/bind.js';
export * from './eligibility.js';
export * from './scan.js';
export * from './strata.js';
export * from './allocation.js';
export * from './selection.js';
export * from './result.js';
export * from './method.js';
export * from './methods/random.js';
export * from './methods/systematic.js';
export * from './methods/stratified.js';
export * from './methods/key-items.js';
export * from './methods/index.js';
export * from './canonical.js';
export * from './manifest.js';
export * from './verify.js';
export * from './units.js';
export * from './unit-draw.js';
