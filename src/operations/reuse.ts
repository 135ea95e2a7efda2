/**
 * Reuse of finished completeness reports. A report is a pure function of the population (its id
 * covers the file's SHA-256, kind, mapping and typing), the audit period, the resolved check
 * parameters, the second population of a tie-out, and the engine; `reportKey` digests exactly
 * those. A pull that asks again for the same report on the same population reads it back from
 * the catalog instead of scanning every row a second time — a new seed or sample size still
 * draws from every row. The request still gets its own artefact and audit-log entry.
 * `reuse: false` (CLI `--recompute`) always scans.
 *
 * @example
 * const cached = recallReport(store, input) // undefined the first time
 */
import { createHash } from 'node:crypto';
import { checkContext, type PlanInput } from '../completeness/context.js';
import type { CompletenessReport } from '../completeness/types.js';
import type { Store } from '../store/store.js';
import { ENGINE_VERSION } from '../version.js';

/** Bumped when a report's content changes for the same inputs (a new check, a fixed bug). */
const REPORT_FORMAT = 1;

/** The content key of the report an input produces. */
export function reportKey(input: PlanInput): string {
  const context = checkContext(input);
  const { meta, period } = context;
  const what = {
    engine: ENGINE_VERSION, format: REPORT_FORMAT, population: meta.id, rows: meta.rows,
    period: { start: period.start, end: period.end, timeZone: period.timeZone },
    params: context.params, other: input.other?.id ?? null,
  };
  return 'completeness:' + createHash('sha256').update(JSON.stringify(what)).digest('hex');
}

/** The report kept for these inputs, unless the caller asked to recompute (`reuse: false`). */
export function recallReport(store: Store, input: PlanInput, opts: { reuse?: boolean } = {}): CompletenessReport | undefined {
  return opts.reuse === false ? undefined : store.derived<CompletenessReport>(reportKey(input));
}

export function rememberReport(store: Store, input: PlanInput, report: CompletenessReport): void {
  store.saveDerived(reportKey(input), input.meta.id, report);
}
