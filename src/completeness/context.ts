/**
 * What every check needs to know besides the chunk: the population's description, the period
 * (as local days), the resolved parameters, the business calendar and the second population of
 * a tie-out. Built once per plan from structured-cloneable inputs, so a worker can rebuild the
 * exact same context from (meta, period, params).
 *
 * @example
 * const ctx = checkContext({ meta, period, params: { calendar: 'all' } }); ctx.days.count // 365
 */
import { kindSpec, type KindSpec } from '../population/kinds.js';
import type { PopulationMeta } from '../population/types.js';
import { makeCalendar, type BusinessCalendar } from '../period/calendar.js';
import type { AuditPeriod } from '../period/period.js';
import { resolveParams, type CompletenessParams, type ResolvedCompletenessParams } from './params.js';
import { periodDays, type PeriodDays } from './support/period-days.js';

export interface CheckContext {
  meta: PopulationMeta;
  spec: KindSpec;
  period: AuditPeriod;
  days: PeriodDays;
  params: ResolvedCompletenessParams;
  cap: number;
  /** The event field and its source header, or null when the population has none. */
  event: { field: string; header: string | null } | null;
  keyFields: string[];
  calendar: BusinessCalendar;
  /** The second population of a tie-out. */
  other: PopulationMeta | null;
}

export interface PlanInput {
  meta: PopulationMeta;
  period: AuditPeriod;
  params?: CompletenessParams | undefined;
  /** Description of the second population (tie_out). */
  other?: PopulationMeta | undefined;
}

export function checkContext(input: PlanInput): CheckContext {
  const { meta, period } = input;
  const params = resolveParams(meta, input.params, input.other);
  return {
    meta,
    spec: kindSpec(meta.kind),
    period,
    days: periodDays(period),
    params,
    cap: params.evidenceCap,
    event: params.eventField ? { field: params.eventField, header: meta.mapping[params.eventField] ?? null } : null,
    keyFields: meta.key,
    calendar: makeCalendar({ timeZone: period.timeZone, holidays: params.calendar === 'all' ? [] : params.holidays, weekend: params.calendar === 'all' ? [] : [0, 6] }),
    other: input.other ?? null,
  };
}
