/**
 * Test helpers: build a PopulationChunk and PopulationMeta from plain row objects (column names
 * = canonical field names), split a chunk, permute its rows, and a seeded shuffle.
 */
import { kindSpec, type FieldType, type Kind } from '../../src/population/kinds.js';
import type { FieldColumn, PopulationChunk, PopulationMeta } from '../../src/population/types.js';

export type Row = Record<string, string | null | undefined>;

export interface ChunkOptions {
  /** Column order (default: keys in order of first appearance). */
  headers?: string[];
  /** Types of fields that are not in the kind's spec (e.g. generic populations). */
  types?: Record<string, FieldType>;
  /** Record numbers (default 1..n). */
  records?: number[];
}

export function headersOf(rows: Row[]): string[] {
  const seen: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.includes(k)) seen.push(k);
  return seen;
}

function fieldTypes(kind: Kind, headers: string[], types: Record<string, FieldType> = {}): Map<string, { type: FieldType; values?: string[] }> {
  const out = new Map<string, { type: FieldType; values?: string[] }>();
  for (const f of kindSpec(kind).fields) if (headers.includes(f.name)) out.set(f.name, { type: f.type, ...(f.values ? { values: [...f.values] } : {}) });
  for (const [name, type] of Object.entries(types)) if (headers.includes(name)) out.set(name, { type });
  return out;
}

export function chunkOf(rows: Row[], kind: Kind, opts: ChunkOptions = {}): PopulationChunk {
  const headers = opts.headers ?? headersOf(rows);
  const n = rows.length;
  const source: Record<string, (string | null)[]> = {};
  for (const h of headers) source[h] = rows.map((r) => (r[h] == null || r[h]!.trim() === '' ? null : r[h]!));
  const fields: Record<string, FieldColumn> = {};
  for (const [name, spec] of fieldTypes(kind, headers, opts.types)) {
    const raw = source[name]!;
    if (spec.type === 'string') fields[name] = { type: 'string', values: raw.map((v) => (v == null ? null : v.trim())) };
    else if (spec.type === 'enum') fields[name] = { type: 'enum', values: raw.map((v) => (v == null ? null : spec.values!.includes(v.trim().toLowerCase()) ? v.trim().toLowerCase() : null)) };
    else if (spec.type === 'timestamp') fields[name] = { type: 'timestamp', values: Float64Array.from(raw, (v) => (v == null ? NaN : Date.parse(v))) };
    else if (spec.type === 'number') fields[name] = { type: 'number', values: Float64Array.from(raw, (v) => (v == null ? NaN : Number(v.replaceAll(',', '')))) };
    else fields[name] = { type: 'boolean', values: Float64Array.from(raw, (v) => (v == null ? NaN : v === 'true' ? 1 : v === 'false' ? 0 : NaN)) };
  }
  const record = Int32Array.from(opts.records ?? rows.map((_, i) => i + 1));
  const line = Int32Array.from(record, (r) => r + 1);
  return { rows: n, record, line, source, fields };
}

export function metaOf(kind: Kind, headers: string[], extra: Partial<PopulationMeta> & { mapped?: string[] } = {}): PopulationMeta {
  const spec = kindSpec(kind);
  const mapping: Record<string, string> = {};
  for (const f of spec.fields) if (headers.includes(f.name)) mapping[f.name] = f.name;
  for (const m of extra.mapped ?? []) mapping[m] = m;
  const { mapped: _mapped, ...rest } = extra;
  return <PopulationMeta>{
    id: `${kind}-test`,
    kind,
    source: { name: `${kind}.csv`, format: 'csv', sha256: 'ab'.repeat(32), bytes: 1000 },
    headers,
    mapping,
    key: spec.key,
    eventTime: spec.eventTime,
    typing: { timeZone: 'UTC' },
    rows: { total: 0, accepted: 0, malformed: 0 },
    columns: [],
    issues: { total: 0, byCode: {}, byColumn: {}, first: [] },
    chunks: [],
    engineVersion: 'test',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...(rest as Partial<PopulationMeta>),
  };
}

/** Rows `from`..`to` (exclusive) of a chunk as a new chunk (copies, no shared buffers). */
export function sliceChunk(chunk: PopulationChunk, from: number, to: number): PopulationChunk {
  return pickRows(chunk, Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i));
}

/** The chunk's rows in the given order. */
export function pickRows(chunk: PopulationChunk, order: number[]): PopulationChunk {
  const source: Record<string, (string | null)[]> = {};
  for (const [h, col] of Object.entries(chunk.source)) source[h] = order.map((i) => col[i]!);
  const fields: Record<string, FieldColumn> = {};
  for (const [f, col] of Object.entries(chunk.fields)) {
    fields[f] = col.type === 'string' || col.type === 'enum'
      ? { type: col.type, values: order.map((i) => col.values[i]!) }
      : { type: col.type, values: Float64Array.from(order, (i) => (col.values as Float64Array)[i]!) };
  }
  return { rows: order.length, record: Int32Array.from(order, (i) => chunk.record[i]!), line: Int32Array.from(order, (i) => chunk.line[i]!), source, fields };
}

/** Split into chunks of the given sizes (the last takes the rest). */
export function splitChunk(chunk: PopulationChunk, sizes: number[]): PopulationChunk[] {
  const out: PopulationChunk[] = [];
  let at = 0;
  for (const s of sizes) { out.push(sliceChunk(chunk, at, Math.min(chunk.rows, at + s))); at += s; }
  if (at < chunk.rows) out.push(sliceChunk(chunk, at, chunk.rows));
  return out;
}

/** A deterministic pseudo-random generator (mulberry32) for tests. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const r = rng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
