/**
 * Test helper: build a PopulationChunk from plain row objects, typed by the kind's field specs
 * (timestamps via Date.parse; naive timestamps read in `zone`), every key also a source column
 * (header = key), and split a chunk into several for chunking-invariance tests.
 */
import { kindSpec } from '../../../src/population/kinds.js';
import type { FieldColumn, PopulationChunk } from '../../../src/population/types.js';
import { zonedToUtc } from '../../../src/time/zone.js';
import { makeCalendar } from '../../../src/period/calendar.js';
import type { TestContext } from '../../../src/rules/index.js';

export type Row = Record<string, string | number | null | undefined>;

const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/;

export function parseTime(text: string, zone: string): number {
  const t = text.trim();
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (!date) return NaN;
  const check = new Date(Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!));
  if (check.getUTCMonth() !== +date[2]! - 1 || check.getUTCDate() !== +date[3]!) return NaN; // 2025-02-30 is not a date
  if (HAS_ZONE.test(t)) return Date.parse(t);
  const wall = Date.parse((t.length === 10 ? `${t}T00:00:00` : t) + 'Z');
  return Number.isNaN(wall) ? NaN : zonedToUtc(wall, zone);
}

export function chunkOf(rows: Row[], kind: string, opts: { zone?: string | undefined; firstRecord?: number } = {}): PopulationChunk {
  const zone = opts.zone ?? 'UTC';
  const spec = kindSpec(kind);
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const source: Record<string, (string | null)[]> = {};
  for (const h of headers) {
    source[h] = rows.map((r) => {
      const v = r[h];
      return v == null || String(v).trim() === '' ? null : String(v);
    });
  }
  const fields: Record<string, FieldColumn> = {};
  for (const f of spec.fields) {
    if (!headers.includes(f.name)) continue;
    const raw = source[f.name]!;
    if (f.type === 'string' || f.type === 'enum') {
      fields[f.name] = { type: f.type, values: raw.map((v) => (v == null ? null : f.type === 'enum' ? v.trim().toLowerCase() : v.trim())) };
    } else if (f.type === 'timestamp') {
      fields[f.name] = { type: 'timestamp', values: Float64Array.from(raw, (v) => (v == null ? NaN : parseTime(v, zone))) };
    } else if (f.type === 'number') {
      fields[f.name] = { type: 'number', values: Float64Array.from(raw, (v) => (v == null || !/^-?\d+(\.\d+)?$/.test(v.trim()) ? NaN : Number(v))) };
    } else {
      fields[f.name] = { type: 'boolean', values: Float64Array.from(raw, (v) => (v == null ? NaN : /^(true|yes|1)$/i.test(v) ? 1 : /^(false|no|0)$/i.test(v) ? 0 : NaN)) };
    }
  }
  const first = opts.firstRecord ?? 1;
  return {
    rows: rows.length,
    record: Int32Array.from(rows, (_, i) => first + i),
    line: Int32Array.from(rows, (_, i) => first + i + 1),
    source,
    fields,
  };
}

/** Split a chunk into consecutive chunks of the given sizes (the last takes the rest). */
export function splitChunk(chunk: PopulationChunk, sizes: number[]): PopulationChunk[] {
  const out: PopulationChunk[] = [];
  let at = 0;
  const bounds = [...sizes, chunk.rows];
  for (const size of bounds) {
    if (at >= chunk.rows) break;
    const end = Math.min(chunk.rows, at + size);
    const source: Record<string, (string | null)[]> = {};
    for (const h of Object.keys(chunk.source)) source[h] = chunk.source[h]!.slice(at, end);
    const fields: Record<string, FieldColumn> = {};
    for (const f of Object.keys(chunk.fields)) {
      const c = chunk.fields[f]!;
      fields[f] = c.type === 'string' || c.type === 'enum' ? { type: c.type, values: c.values.slice(at, end) } : { type: c.type, values: (c.values as Float64Array).slice(at, end) };
    }
    out.push({ rows: end - at, record: chunk.record.slice(at, end), line: chunk.line.slice(at, end), source, fields });
    at = end;
  }
  return out;
}

export function ctxOf(over: Partial<TestContext> = {}, zone = 'UTC', holidays: string[] = []): TestContext {
  return { scope: 'population', calendar: makeCalendar({ timeZone: zone, holidays }), items: true, ...over };
}
