/**
 * The completeness checks as one map/merge/finish plan, so the lead can run `map` on the worker
 * pool and merge in the main thread. A plan is a pure function of (meta, period, params, other
 * meta) — all structured-cloneable — so a worker rebuilds the identical plan from the same
 * payload. The partial is a plain object of per-check partials (typed arrays, arrays, Maps);
 * merge never mutates its inputs and is associative; finish sorts every list, so the report is
 * the same for one chunk or many, and for any row order (up to which rows a capped list keeps:
 * always the lowest record numbers).
 *
 * @example
 * const plan = completenessPlan({ meta, period, params: { expectCount: 1204 } })
 * let acc = plan.empty()
 * for (const chunk of chunks) acc = plan.merge(acc, plan.map(chunk))   // map may run on a worker
 * const report = plan.report(acc)
 */
import type { PopulationChunk } from '../population/types.js';
import { checkContext, type CheckContext, type PlanInput } from './context.js';
import { checkRegistry, type CheckPartials } from './registry.js';
import { worstStatus } from './status.js';
import { checkIds, type CheckId, type CheckResult, type CompletenessReport } from './types.js';
import type { CompletenessCheck } from './check.js';

export interface CompletenessPartial {
  /** Rows of the population read so far (the second population's rows are not counted here). */
  rows: number;
  checks: CheckPartials;
}

export interface CompletenessPlan {
  context: CheckContext;
  /** The partial of no rows. */
  empty(): CompletenessPartial;
  /** A chunk of the population. */
  map(chunk: PopulationChunk): CompletenessPartial;
  /** A chunk of the second population (tie_out). */
  mapOther(chunk: PopulationChunk): CompletenessPartial;
  merge(a: CompletenessPartial, b: CompletenessPartial): CompletenessPartial;
  /** Every check's result, in `checkIds` order. */
  finish(partial: CompletenessPartial): CheckResult[];
  /** finish + the report around it. */
  report(partial: CompletenessPartial): CompletenessReport;
}

/** The registry seen through one loose type: each check only ever receives the partials it made. */
const registered = checkIds.map((id) => [id, checkRegistry[id] as CompletenessCheck<CheckId, unknown>] as const);

function byCheck(f: (check: CompletenessCheck<CheckId, unknown>, id: CheckId) => unknown): CheckPartials {
  const out: Record<string, unknown> = {};
  for (const [id, check] of registered) out[id] = f(check, id);
  return out as unknown as CheckPartials;
}

export function completenessPlan(input: PlanInput): CompletenessPlan {
  const ctx = checkContext(input);
  const partialOf = (p: CompletenessPartial, id: CheckId): unknown => p.checks[id];
  const plan: CompletenessPlan = {
    context: ctx,
    empty: () => ({ rows: 0, checks: byCheck((check) => check.empty(ctx)) }),
    map: (chunk) => ({ rows: chunk.rows, checks: byCheck((check) => check.map(chunk, ctx)) }),
    mapOther: (chunk) => ({ rows: 0, checks: byCheck((check) => (check.mapOther ? check.mapOther(chunk, ctx) : check.empty(ctx))) }),
    merge: (a, b) => ({ rows: a.rows + b.rows, checks: byCheck((check, id) => check.merge(partialOf(a, id), partialOf(b, id), ctx)) }),
    finish: (partial) => registered.map(([id, check]) => check.finish(partialOf(partial, id), ctx)),
    report: (partial) => assembleReport(ctx, partial.rows, plan.finish(partial)),
  };
  return plan;
}

/** The report around finished checks: status = the worst check's status. */
export function assembleReport(ctx: CheckContext, rows: number, checks: CheckResult[]): CompletenessReport {
  const { meta, period } = ctx;
  return {
    status: worstStatus(checks.map((c) => c.status)),
    population: { id: meta.id, kind: meta.kind, sha256: meta.source.sha256, rows },
    period: { start: period.start, end: period.end, timeZone: period.timeZone, startMs: period.startMs, endExclusiveMs: period.endExclusiveMs },
    parameters: ctx.params,
    checks,
  };
}

/**
 * The ArrayBuffers inside a partial, for a worker's `postMessage(partial, transferList)` so typed
 * arrays move instead of being copied. The partial's typed arrays never share a buffer.
 */
export function partialTransferList(partial: CompletenessPartial): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
      return;
    }
    if (v instanceof Map) for (const x of v.values()) walk(x);
    else if (Array.isArray(v)) for (const x of v) walk(x);
    else for (const x of Object.values(v)) walk(x);
  };
  walk(partial);
  return [...buffers];
}
