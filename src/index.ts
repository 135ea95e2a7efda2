/**
 * tickmark — the library API. The CLI and the HTTP service are thin shells over these functions.
 *
 * @example
 * import { openStore, pull, verifyWorkbook, closePools } from 'tickmark'
 * const store = openStore({ dataDir: '.tickmark' })
 * const result = await pull(store, {
 *   file: 'changes.csv', ingest: { kind: 'change' }, period: '2025-01-01..2025-12-31',
 *   sample: { seed: '20251231', size: 25, method: 'stratified' }, output: 'CC8.1.xlsx',
 * })
 * const verified = await verifyWorkbook(store, 'CC8.1.xlsx', 'changes.csv')
 * verified.identical // true
 * store.close(); await closePools()
 */
export { TickmarkError, tickmarkError, errorRegistry, type ErrorCode } from './errors.js';
export { ENGINE_VERSION } from './version.js';
export { kinds, kindSpec, isKind, type Kind, type KindSpec, type FieldSpec } from './population/kinds.js';
export type { PopulationChunk, PopulationMeta, IngestIssue, MalformedRow, ColumnProfile, FieldColumn } from './population/types.js';
export type { FieldFormat, NonDataReason, NonDataRow, PopulationLayout, RenamedHeader, ColumnDayMonthOrder } from './population/types.js';
export { recordKeys, contentKey } from './population/key.js';
export { populationDigest } from './store/digest.js';
export { ingestFile, ingestStream, malformedRows, type IngestOptions, type IngestResult } from './ingest/ingest.js';
export { profiles, detectSource, chooseSource, sourceProfile, type SourceProfile, type KindProfile } from './sources/index.js';
export { openStore, Store, type StoreOptions } from './store/store.js';
export { readChunks } from './store/read-chunks.js';
export { parsePeriod, makePeriod, inPeriod, type AuditPeriod } from './period/period.js';
export { makeCalendar, businessDaysBetween, type BusinessCalendar } from './period/calendar.js';
export * from './operations/index.js';
export { pull, pullWarnings, type PullRequest, type PullResult } from './operations/pull.js';
export { evaluateWorkbook, type EvaluateWorkbookOptions, type EvaluatedWorkbook } from './operations/evaluate-workbook.js';
export { recordResults, latestResults, listResults, type ResultsVersion, type ResultsSource } from './operations/results.js';
export { workbookInputFor, type WorkbookRequest } from './operations/workbook-input.js';
export { sqlPull, type SqlPullRequest, type SqlPullResult, type SqlPullSource } from './operations/sql-pull.js';
export { sqlPullFromResults, sqlPullFromResultSet, statementsOf as sqlStatementsOf, checkResultSet as checkSqlResults } from './operations/sql-results-pull.js';
export { readRequest as readSqlRequest, writeRequest as writeSqlRequest, writeStatements as writeSqlStatements, readResults as readSqlResults, type SqlRequestFile } from './sql/results-dir.js';
export { printStatement as printSqlStatement } from './sql/compile/statement.js';
export { dialectNames as sqlDialectNames, type DialectName as SqlDialectName } from './sql/dialects/dialect.js';
export { writeWorkbook, workbookBuffer } from './export/workbook/write.js';
export { readFilledWorkbook, type FilledWorkbook } from './export/workbook/read-filled.js';
export type { WorkbookInput, ControlInfo, ExtractionInfo, SampledRow } from './export/workbook/input.js';
export { evaluateControl, type EvaluateControlInput } from './evaluation/evaluate-control.js';
export { emptyEntries, MARKS, CONTROL_NATURES, type TeamEntries, type ItemEntry, type Mark, type WorkpaperFields, type AddedException, type ExceptionWriteUp } from './evaluation/entries.js';
export type { ControlEvaluation, PartEvaluation, AttributeResult, ControlConclusion, ConclusionStatus, PractitionerOption } from './evaluation/types.js';
export { runCompleteness, completenessPlan, renderReportText, type CompletenessReport, type CompletenessParams, type CheckResult, type CheckStatus, type CheckId } from './completeness/index.js';
export { planSample, evaluateSample, type SamplePlan, type SampleEvaluation, type PlanInput, type EvaluateInput } from './stats/index.js';
export { prn, describePrn, selectSample, buildManifest, verifySelection, type Selection, type SelectionManifest, type SelectionSpec } from './sampling/index.js';
export type { SamplingUnit, UnitIndex } from './sampling/units.js';
export { builtinRules, compileCustomRules, ruleSetFromSpec, testPopulation, type TestRun, type Finding } from './rules/index.js';
export type { RuleFile, CustomRule, RuleCondition, RuleOperand } from './rules/custom/rule-file.js';
export { generatePopulation, writePopulation, type GenerateOptions, type PopulationManifest } from './synthetic/index.js';
export { closePools } from './pool/pool.js';
export { buildApp, startServer, createToken, createEngagement, DEFAULT_LIMITS, type ServerOptions, type ServerLimits, type StartOptions, type RunningServer, type ApiToken, type TokenRequest, type Engagement, type EngagementInput } from './server/index.js';
