/**
 * The rows of the selected units, as the SQL `unit_rows` statement returns them (every cell as
 * text, null when blank), typed by ingest's own typer (the plan `makeTypingPlan` makes for a
 * file with these headers and mapping), keeping their record and line numbers: the chunk the
 * attribute tests read, and the sampled rows the workbook shows. Rules never run in SQL: they
 * run here, on the same typed values a file would give, so their outcomes are the embedded
 * engine's by construction.
 *
 * @example
 * const chunk = chunkOfRows(model, rows); testPopulation(set, [chunk], ctx)
 */
import type { SampledRow } from '../../export/workbook/input.js';
import { typeRecords } from '../../ingest/typing/type-records.js';
import { makeTypingPlan } from '../../ingest/typing/plan.js';
import type { PopulationChunk } from '../../population/types.js';
import { decodeChunk, encodeChunk } from '../../store/chunk-codec.js';
import { columnsOf } from '../../population/vectors.js';
import type { SqlPopulationModel } from '../compile/model.js';
import { int, type TypedRow } from './results.js';

/** A plain chunk of the given rows (ascending record), typed as ingest types a file. */
export function chunkOfRows(model: SqlPopulationModel, rows: readonly TypedRow[]): PopulationChunk {
  const sorted = [...rows].sort((a, b) => int(a.record) - int(b.record));
  const records = sorted.map((row) => model.headers.map((_, i) => (row[`c${i}`] === null || row[`c${i}`] === undefined ? '' : String(row[`c${i}`]))));
  const plan = makeTypingPlan(model.headers, model.mapping, model.fields, model.typing);
  const typed = typeRecords(records, { firstRecord: 1, lines: sorted.map((row) => int(row.line)) }, plan);
  const decoded = decodeChunk(encodeChunk(typed.columns));
  return {
    rows: sorted.length,
    record: Int32Array.from(sorted, (row) => int(row.record)),
    line: Int32Array.from(sorted, (row) => int(row.line)),
    source: Object.fromEntries(model.headers.map((h) => [h, decoded.source[h]!.slice()])),
    fields: Object.fromEntries(Object.keys(decoded.fields).map((f) => [f, decoded.fields[f]!])),
  };
}

/** The workbook's sampled rows from a chunk of them. */
export function sampledRowsOfChunk(chunk: PopulationChunk): SampledRow[] {
  const columns = columnsOf(chunk);
  const out: SampledRow[] = [];
  for (let i = 0; i < chunk.rows; i++) {
    const values: SampledRow['values'] = {};
    for (const h of Object.keys(chunk.source)) values[h] = columns.source(h)?.cell(i) ?? null;
    const fields: SampledRow['fields'] = {};
    for (const f of Object.keys(chunk.fields)) fields[f] = columns.field(f)?.cell(i) ?? null;
    out.push({ record: chunk.record[i]!, values, fields });
  }
  return out;
}
