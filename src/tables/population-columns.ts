/**
 * The columns of a stored population's chunks as table columns, by name: `record` and `line` (the
 * source's numbering), each canonical field typed (numbers, timestamps as UTC epoch ms and
 * booleans as 1/0 in a Float64Array, NaN where blank or invalid; text and enums as text), and each
 * source header's raw text (null where blank). A name is looked up in that order, so a header
 * that shares a field's name is reached through the field.
 *
 * @example
 * populationColumn(meta, chunks, 'deployed_at') // Float64Array of epoch ms
 * populationColumn(meta, chunks, 'Short Description').at(0) // raw text of the first row
 */
import { tickmarkError } from '../errors.js';
import type { PopulationChunk, PopulationMeta } from '../population/types.js';
import { columnsOf, type FieldVector } from '../population/vectors.js';
import { closestName } from '../text/closest.js';
import { ChunkedTextColumn } from './chunked-column.js';

export type PopulationColumn = Int32Array | Float64Array | ChunkedTextColumn;

/** The default columns: numbering, every canonical field, and the source headers no field is read from. */
export function populationColumnNames(meta: Pick<PopulationMeta, 'mapping' | 'headers'>): string[] {
  const fields = Object.keys(meta.mapping);
  const mapped = new Set(Object.values(meta.mapping));
  return ['record', 'line', ...fields, ...meta.headers.filter((h) => !mapped.has(h) && h !== 'record' && h !== 'line' && !fields.includes(h))];
}

function joined<T extends Int32Array | Float64Array>(Ctor: { new (n: number): T }, parts: readonly T[]): T {
  const out = new Ctor(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function populationColumn(meta: Pick<PopulationMeta, 'mapping' | 'headers'>, chunks: readonly PopulationChunk[], name: string): PopulationColumn {
  if (name === 'record' || name === 'line') return joined(Int32Array, chunks.map((c) => c[name].subarray(0, c.rows)));
  if (Object.hasOwn(meta.mapping, name)) {
    const field = (c: PopulationChunk): FieldVector | undefined => columnsOf(c).field(name);
    const first = chunks[0] && field(chunks[0]);
    if (first?.kind === 'number') return joined(Float64Array, chunks.map((c) => (field(c) as typeof first).values.subarray(0, c.rows)));
    // A verb reads a chunk's column whole once it reaches it: its cells as strings, made once.
    return new ChunkedTextColumn(chunks, (c) => {
      const v = field(c);
      return v?.kind === 'text' ? v.values() : [];
    });
  }
  if (meta.headers.includes(name)) return new ChunkedTextColumn(chunks, (c) => columnsOf(c).source(name)?.values() ?? []);
  const known = ['record', 'line', ...Object.keys(meta.mapping), ...meta.headers];
  const closest = closestName(name, known);
  throw tickmarkError('TM_ERR_UNKNOWN_FIELD', { field: name, where: 'population column', ...(closest ? { closest } : {}), known });
}
