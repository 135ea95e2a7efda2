/**
 * Completeness & accuracy of a population across the audit period: eleven checks as pure
 * map/merge/finish modules, a plan that runs them together (map on workers), a one-call runner,
 * and a text rendering.
 *
 * @example
 * import { runCompleteness, renderReportText } from './completeness/index.js'
 * console.log(renderReportText(await runCompleteness({ meta, chunks, period })))
 */
export { runCompleteness, type CompletenessInput, type ChunkSource } from './run.js';
export { completenessPlan, assembleReport, partialTransferList, type CompletenessPlan, type CompletenessPartial } from './plan.js';
export { checkTitles } from './titles.js';
export { checkContext, type CheckContext, type PlanInput } from './context.js';
export { checkRegistry, type CheckPartials } from './registry.js';
export { notRun, type CompletenessCheck } from './check.js';
export { resolveParams, headerOf, type CompletenessParams, type ResolvedCompletenessParams, type RollForwardInput } from './params.js';
export { defaultRequiredFields, defaultEdgeDays, DEFAULT_EVIDENCE_CAP, DEFAULT_LOW_RATIO, DEFAULT_LOW_ALPHA } from './defaults.js';
export { renderReportText, evidenceLines } from './render.js';
export { worstStatus, statusLabel } from './status.js';
export * from './types.js';
