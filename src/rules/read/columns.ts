/**
 * Reading a chunk's columns for rules, through the column model (`columnsOf`): canonical fields
 * first, then raw source columns; a header named `__proto__` or `constructor` reads as absent,
 * never as Object.prototype. A rule that reads every row takes a text column's cells as strings
 * at once (`values()`, made once per chunk); what a finding says about one row (its raw text, why
 * it is missing) reads that one cell. Timestamps render in the calendar's zone for findings.
 *
 * @example
 * const approved = timestampColumn(chunk, 'approved_at') // Float64Array | null (null: not mapped)
 */
import type { FieldColumn, PopulationChunk } from '../../population/types.js';
import { columnsOf, type TextVector } from '../../population/vectors.js';
import { formatInZone } from '../../time/zone.js';
import type { TestContext } from '../types.js';

/** A canonical field's every row: float64 as stored, text as strings (made once per chunk). */
export function fieldColumn(chunk: PopulationChunk, field: string): FieldColumn | null {
  const v = columnsOf(chunk).field(field);
  if (!v) return null;
  return v.kind === 'number' ? { type: v.type, values: v.values } : { type: v.type, values: v.values() };
}

/** A source header's every row as strings (made once per chunk). */
export function sourceColumn(chunk: PopulationChunk, header: string): (string | null)[] | null {
  return columnsOf(chunk).source(header)?.values() ?? null;
}

/** A canonical field, else a source header (raw text), else null. */
export function anyColumn(chunk: PopulationChunk, name: string): FieldColumn | null {
  const f = fieldColumn(chunk, name);
  if (f) return f;
  const s = sourceColumn(chunk, name);
  return s ? { type: 'string', values: s } : null;
}

export function timestampColumn(chunk: PopulationChunk, field: string): Float64Array | null {
  const c = fieldColumn(chunk, field);
  return c && c.type === 'timestamp' ? c.values : null;
}

export function numberColumn(chunk: PopulationChunk, field: string): Float64Array | null {
  const c = fieldColumn(chunk, field);
  return c && (c.type === 'number' || c.type === 'boolean') ? c.values : null;
}

/** String or enum field values (null when not mapped); a raw header when no such field. */
export function textColumn(chunk: PopulationChunk, field: string): (string | null)[] | null {
  const c = anyColumn(chunk, field);
  return c && (c.type === 'string' || c.type === 'enum') ? c.values : null;
}

/** The source column behind a canonical field: its mapped header, else a header of the same name. */
function sourceOf(chunk: PopulationChunk, ctx: TestContext, field: string): TextVector | undefined {
  const mapping = ctx.mapping;
  const header = mapping && Object.hasOwn(mapping, field) ? mapping[field] : field;
  return header == null ? undefined : columnsOf(chunk).source(header);
}

/** The raw source text behind a canonical field, when its column is known. */
export function rawText(chunk: PopulationChunk, ctx: TestContext, field: string, row: number): string | null {
  return sourceOf(chunk, ctx, field)?.cell(row) ?? null;
}

export function isBlank(text: string | null | undefined): boolean {
  return text == null || text.trim() === '';
}

/** Why a typed value is missing: the cell was blank, held text that did not parse, or we cannot tell. */
export function cellState(chunk: PopulationChunk, ctx: TestContext, field: string, row: number): 'blank' | 'unparseable' | 'unknown' {
  const column = sourceOf(chunk, ctx, field);
  if (!column) return 'unknown';
  return isBlank(column.cell(row)) ? 'blank' : 'unparseable';
}

/** ISO 8601 with the zone's offset, or null for NaN. */
export function renderTime(ms: number, zone: string): string | null {
  return Number.isNaN(ms) ? null : formatInZone(ms, zone);
}

/**
 * Why a typed value is missing, for a message: `blank`, `unparseable ("31/02/2025")`, or
 * `blank or unparseable` when the source column is not known.
 */
export function whyMissing(chunk: PopulationChunk, ctx: TestContext, field: string, row: number): string {
  const state = cellState(chunk, ctx, field, row);
  if (state === 'unparseable') return `unparseable (${JSON.stringify(rawText(chunk, ctx, field, row)!.slice(0, 80))})`;
  return state === 'blank' ? 'blank' : 'blank or unparseable';
}

/** True only when the cell is known to be blank (not merely unreadable). */
export function isBlankCell(chunk: PopulationChunk, ctx: TestContext, field: string, row: number): boolean {
  return cellState(chunk, ctx, field, row) === 'blank';
}

/** Observed value of a timestamp for a finding: rendered time, or the raw text when unparseable. */
export function observedTime(chunk: PopulationChunk, ctx: TestContext, field: string, row: number, ms: number): string | null {
  if (!Number.isNaN(ms)) return formatInZone(ms, ctx.calendar.timeZone);
  const raw = rawText(chunk, ctx, field, row);
  return raw != null && raw.trim() !== '' ? raw.slice(0, 200) : null;
}
