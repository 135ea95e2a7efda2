/**
 * Source profiles: what tickmark knows about the exports consultants receive (one data file per
 * system under profiles/), recognising an export from its header, and choosing the profile and
 * kind of an ingest. Re-exports only.
 *
 * @example
 * import { detectSource, profiles } from './sources/index.js'
 */
export type { FieldFormat, KindProfile, SourceProfile } from './types.js';
export { profiles } from './profiles/index.js';
export { detectSource, matchProfile, type Detection, type DetectOptions, type SourceMatch } from './detect.js';
export { chooseSource, type ChooseOptions, type SourceChoice } from './choose.js';
export { feedsKind, impliedKind, kindProfile, profileKinds, sourceProfile } from './registry.js';
