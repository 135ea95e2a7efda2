/**
 * out_of_period: rows whose event time falls before the period's first instant or on/after the
 * instant after its last day (the end date is inclusive through 23:59:59.999 local), and rows
 * with no usable event time — blank (no text) or invalid (text that did not parse). Any such row
 * fails the check; the evidence lists them (record, line, key, raw value), lowest records first.
 *
 * @example
 * // period 2025-01-01..2025-12-31 America/New_York: 2025-12-31T23:59:59-05:00 is in,
 * // 2026-01-01T00:00:00-05:00 is listed with reason 'after'
 */
import { formatInZone } from '../../time/zone.js';
import type { PopulationChunk } from '../../population/types.js';
import { notRun, type CompletenessCheck } from '../check.js';
import type { CheckContext } from '../context.js';
import { cappedRows, finishCapped, mergeCapped, offer, type CappedRows } from '../support/capped.js';
import { keyReader, rawCell, timestampColumn } from '../support/columns.js';
import type { OutOfPeriodResult, OutOfPeriodRow } from '../types.js';

export interface OutOfPeriodPartial {
  before: number;
  after: number;
  blank: number;
  invalid: number;
  rows: CappedRows<OutOfPeriodRow>;
}

const empty = (): OutOfPeriodPartial => ({ before: 0, after: 0, blank: 0, invalid: 0, rows: cappedRows() });

function map(chunk: PopulationChunk, ctx: CheckContext): OutOfPeriodPartial {
  const out = empty();
  if (!ctx.event) return out;
  const times = timestampColumn(chunk, ctx.event.field);
  const raw = rawCell(chunk, ctx.event.header);
  const key = keyReader(chunk, ctx.keyFields);
  const { startMs, endExclusiveMs, timeZone } = ctx.period;
  const cap = ctx.cap;
  for (let i = 0; i < chunk.rows; i++) {
    const t = times ? times[i]! : NaN;
    let reason: OutOfPeriodRow['reason'];
    if (t !== t) reason = raw?.(i) == null ? 'blank' : 'invalid';
    else if (t < startMs) reason = 'before';
    else if (t >= endExclusiveMs) reason = 'after';
    else continue;
    out[reason]++;
    offer(out.rows, chunk.record[i]!, cap, () => ({
      record: chunk.record[i]!, line: chunk.line[i]!, key: key(i), reason, value: raw?.(i) ?? null, at: t === t ? formatInZone(t, timeZone) : null,
    }));
  }
  return out;
}

function merge(a: OutOfPeriodPartial, b: OutOfPeriodPartial, ctx: CheckContext): OutOfPeriodPartial {
  return { before: a.before + b.before, after: a.after + b.after, blank: a.blank + b.blank, invalid: a.invalid + b.invalid, rows: mergeCapped(a.rows, b.rows, ctx.cap) };
}

function finish(p: OutOfPeriodPartial, ctx: CheckContext): OutOfPeriodResult {
  const parameters = { eventField: ctx.event?.field ?? null, period: `${ctx.period.start}..${ctx.period.end}`, timeZone: ctx.period.timeZone, evidenceCap: ctx.cap };
  if (!ctx.event) return notRun('out_of_period', 'the population has no event time field (set eventField)', parameters);
  const field = ctx.event.field;
  const total = p.before + p.after + p.blank + p.invalid;
  const summary = total === 0
    ? `every row's ${field} is inside the period`
    : `${total} row(s) outside the period or without a usable ${field}: ${p.before} before, ${p.after} after, ${p.blank} blank, ${p.invalid} invalid`;
  return {
    id: 'out_of_period', status: total === 0 ? 'pass' : 'fail', ran: true, summary, parameters,
    evidence: { eventField: field, before: p.before, after: p.after, blank: p.blank, invalid: p.invalid, rows: finishCapped(p.rows, ctx.cap) },
  };
}

export const outOfPeriod: CompletenessCheck<'out_of_period', OutOfPeriodPartial> = { id: 'out_of_period', empty, map, merge, finish };
