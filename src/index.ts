/**
 * tickmark — the library API. The CLI and the HTTP service are thin shells over these functions.
 *
 * @example
 * import { openStore, ingestFile, checkCompleteness, drawSample, runTests } from 'tickmark'
 * const store = openStore({ dataDir: '.tickmark' })
 * const { population } = await ingestFile(store, 'changes.csv', { kind: 'change' })
 * const sample = await drawSample(store, population.id, { seed: '20251231', size: 25 })
 */
export { TickmarkError, tickmarkError, errorRegistry, type ErrorCode } from './errors.js';
export { ENGINE_VERSION } from './version.js';
export { kinds, kindSpec, isKind, type Kind, type KindSpec, type FieldSpec } from './population/kinds.js';
export type { PopulationChunk, PopulationMeta, IngestIssue, MalformedRow, ColumnProfile, FieldColumn } from './population/types.js';
export type { FieldFormat, NonDataReason, NonDataRow, PopulationLayout, RenamedHeader, ColumnDayMonthOrder } from './population/types.js';
export { recordKeys, contentKey } from './population/key.js';
export { populationDigest } from './population/digest.js';
export { ingestFile, ingestStream, malformedRows, type IngestOptions, type IngestResult } from './ingest/ingest.js';
export { profiles, detectSource, chooseSource, sourceProfile, type SourceProfile, type KindProfile } from './sources/index.js';
export { openStore, Store, type StoreOptions } from './store/store.js';
export { readChunks } from './store/read-chunks.js';
export { parsePeriod, makePeriod, inPeriod, type AuditPeriod } from './period/period.js';
export { makeCalendar, businessDaysBetween, type BusinessCalendar } from './period/calendar.js';
export * from './operations/index.js';
export { runCompleteness, completenessPlan, renderReportText, type CompletenessReport, type CompletenessParams } from './completeness/index.js';
export { planSample, evaluateSample, type SamplePlan, type SampleEvaluation } from './stats/index.js';
export { prn, describePrn, selectSample, buildManifest, verifySelection, type Selection, type SelectionManifest, type SelectionSpec } from './sampling/index.js';
export { builtinRules, compileCustomRules, ruleSetFromSpec, testPopulation, type TestRun, type Finding } from './rules/index.js';
export { generatePopulation, writePopulation, type GenerateOptions, type PopulationManifest } from './synthetic/index.js';
export { closePools } from './pool/pool.js';
export { buildApp, startServer } from './server/index.js';
