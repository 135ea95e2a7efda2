/**
 * Test helpers: build a PopulationChunk from plain rows (typed by the kind's field specs, as
 * ingest would), split it into chunks, and make a row-shuffled copy (record numbers renumbered,
 * as for a re-ordered file).
 */
import seedrandom from 'seedrandom';
import { kindSpec, type Kind } from '../../../src/population/kinds.js';
import type { FieldColumn, PopulationChunk } from '../../../src/population/types.js';

export type Row = Record<string, string | null>;

function typedColumn(type: string, raw: (string | null)[]): FieldColumn {
  if (type === 'string' || type === 'enum') {
    return { type, values: raw.map((v) => (v == null || v.trim() === '' ? null : type === 'enum' ? v.trim().toLowerCase() : v.trim())) } as FieldColumn;
  }
  const values = new Float64Array(raw.length);
  raw.forEach((v, i) => {
    const text = v?.trim() ?? '';
    if (text === '') values[i] = NaN;
    else if (type === 'timestamp') values[i] = Date.parse(text);
    else if (type === 'boolean') values[i] = /^(true|yes|y|1)$/i.test(text) ? 1 : /^(false|no|n|0)$/i.test(text) ? 0 : NaN;
    else values[i] = Number(text);
  });
  return { type: type as 'timestamp' | 'number' | 'boolean', values };
}

/** Headers (first-seen order) of a list of rows. */
export function headersOf(rows: Row[]): string[] {
  const headers: string[] = [];
  for (const row of rows) for (const h of Object.keys(row)) if (!headers.includes(h)) headers.push(h);
  return headers;
}

export function chunkOf(rows: Row[], kind: Kind, headers = headersOf(rows)): PopulationChunk {
  const source: Record<string, (string | null)[]> = {};
  for (const h of headers) source[h] = rows.map((r) => (r[h] == null || r[h] === '' ? null : r[h]!));
  const fields: Record<string, FieldColumn> = {};
  for (const f of kindSpec(kind).fields) if (headers.includes(f.name)) fields[f.name] = typedColumn(f.type, source[f.name]!);
  return {
    rows: rows.length,
    record: Int32Array.from(rows, (_, i) => i + 1),
    line: Int32Array.from(rows, (_, i) => i + 2),
    source,
    fields,
  };
}

/** Rows [from, to) of a chunk. */
export function sliceChunk(chunk: PopulationChunk, from: number, to: number): PopulationChunk {
  const fields: Record<string, FieldColumn> = {};
  for (const [name, col] of Object.entries(chunk.fields)) {
    fields[name] = col.type === 'string' || col.type === 'enum'
      ? { type: col.type, values: col.values.slice(from, to) }
      : { type: col.type, values: (col.values as Float64Array).slice(from, to) };
  }
  const source: Record<string, (string | null)[]> = {};
  for (const [h, values] of Object.entries(chunk.source)) source[h] = values.slice(from, to);
  return { rows: to - from, record: chunk.record.slice(from, to), line: chunk.line.slice(from, to), source, fields };
}

/** Split into `parts` contiguous chunks of near-equal size (some may be empty). */
export function splitChunk(chunk: PopulationChunk, parts: number): PopulationChunk[] {
  const out: PopulationChunk[] = [];
  for (let p = 0; p < parts; p++) out.push(sliceChunk(chunk, Math.floor((p * chunk.rows) / parts), Math.floor(((p + 1) * chunk.rows) / parts)));
  return out;
}

/** A seeded permutation of 0..n-1. */
export function permutation(n: number, seed: string): number[] {
  const rng = seedrandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** The same rows in another order, renumbered as a re-ordered file would be. */
export function shuffledRows(rows: Row[], seed: string): Row[] {
  return permutation(rows.length, seed).map((i) => rows[i]!);
}
