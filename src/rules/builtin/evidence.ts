/**
 * Small readers the built-in rules share: a required timestamp (missing → an exception that says
 * whether the cell was blank or unparseable), a required text value, and observed values for
 * findings rendered in the calendar's zone.
 *
 * @example
 * const approvedAt = requiredTime(chunk, ctx, 'approved_at', 'No approval date is recorded')
 * const ms = approvedAt(row); if (typeof ms !== 'number') return ms // the exception
 */
import type { PopulationChunk } from '../../population/types.js';
import { exception } from '../outcome.js';
import { fieldColumn, observedTime, rawText, renderTime, timestampColumn, whyMissing } from '../read/columns.js';
import type { Observed, Outcome, TestContext } from '../types.js';

export function requiredTime(chunk: PopulationChunk, ctx: TestContext, field: string, sentence: string): (row: number) => number | Outcome {
  const values = timestampColumn(chunk, field);
  return (row) => {
    const ms = values ? values[row]! : NaN;
    if (!Number.isNaN(ms)) return ms;
    return exception(`${sentence} (${field} is ${whyMissing(chunk, ctx, field, row)}).`, { [field]: observedTime(chunk, ctx, field, row, NaN) });
  };
}

/** Row → trimmed non-blank text of a string field, or null. */
export function textReader(chunk: PopulationChunk, field: string): (row: number) => string | null {
  const c = fieldColumn(chunk, field);
  if (!c || (c.type !== 'string' && c.type !== 'enum')) return () => null;
  const values = c.values;
  return (row) => {
    const v = values[row];
    return v == null || v.trim() === '' ? null : v;
  };
}

/** Observed timestamps of a row, rendered in the calendar's zone (raw text when unparseable). */
export function observedTimes(chunk: PopulationChunk, ctx: TestContext, row: number, fields: readonly string[]): Observed {
  const out: Observed = {};
  for (const f of fields) {
    const values = timestampColumn(chunk, f);
    out[f] = observedTime(chunk, ctx, f, row, values ? values[row]! : NaN);
  }
  return out;
}

/** Text of a list for a message: "standard, normal". */
export function listText(list: readonly string[]): string {
  return list.length ? list.join(', ') : '(none)';
}

/** An instant as the reader sees it: ISO 8601 in the calendar's zone. */
export function fmt(ms: number, ctx: TestContext): string {
  return renderTime(ms, ctx.calendar.timeZone) ?? '(none)';
}

/**
 * Row → the field's value, or — when the typed value is missing — the source cell's text, so a
 * value ingest could not read (an enum spelling off the scale) is named, not taken for a blank.
 */
export function valueOrRaw(chunk: PopulationChunk, ctx: TestContext, field: string): (row: number) => { value: string | null; raw: string | null } {
  const read = textReader(chunk, field);
  return (row) => {
    const value = read(row);
    if (value != null) return { value, raw: value };
    const raw = rawText(chunk, ctx, field, row);
    return { value: null, raw: raw != null && raw.trim() !== '' ? raw : null };
  };
}
