/**
 * Operations over stored populations — what the CLI and the HTTP service both call. Each runs
 * on the worker pool, stores its result in the catalog and writes an audit-log entry.
 */
export { checkCompleteness, type CompletenessRequest } from './completeness.js';
export { checkAndSample } from './check-and-sample.js';
export { drawSample, extendSample, verifySample, getSample, planFor, selectionSpec, type SampleRequest, type SampleRecord } from './sample.js';
export { runTests, getTestRun, type TestRequest, type TestRunRecord } from './test.js';
export { resolveJoins, buildJoinIndexes, JOIN_KINDS, type JoinOptions, type JoinReport } from './joins.js';
export type { OperationOptions } from './options.js';
export { verifyWorkbook, compareWorkbookResults, ingestOptionsOf, type WorkbookVerification, type ResultsComparison } from './verify-workbook.js';
export { runTestJob } from './rerun-tests.js';
export { prune, type PruneRequest, type PrunePlan, type PrunedPopulation, type PrunedRecord, type KeptItem } from './prune.js';
