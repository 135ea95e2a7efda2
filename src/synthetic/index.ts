/**
 * Synthetic populations: a seeded, streamed generator for every kind with controllable injected
 * defects and an exact manifest of them, plus a seeded record shuffler for order-invariance tests.
 *
 * @example
 * const manifest = await writePopulation('changes.csv', { kind: 'change', rows: 10_000, seed: 7, defects: { selfApproval: 5 } })
 * manifest.defects.deviations.selfApproval?.length // 5
 */
export { generatePopulation, CHUNK_CHARS, type GeneratedPopulation } from './generate.js';
export { writePopulation, manifestPath, WRITE_BATCH_BYTES } from './write.js';
export { shuffleCsvRows, splitCsvRecords } from './shuffle.js';
export { resolveOptions, generateDefaults, type GenerateOptions, type ResolvedOptions } from './options.js';
export {
  defaultDefects, resolveDefectCounts, kindDefects, populationDefects, deviations, passingVariants,
  type DefectOptions, type DefectCounts, type DefectName, type Deviation, type PassingVariant, type PopulationDefect,
} from './defects.js';
export type { PopulationManifest, EmptyRange, SequenceGap, BlankCell } from './manifest.js';
export { kindModels, modelOf } from './kinds/index.js';
export type { KindModel, ColumnSpec } from './kinds/model.js';
