/**
 * The typed fields' cells, one row per (field, source row) — `tm_cells` — each read as ingest
 * types it: a timestamp by the ISO rules (timestamp.ts), a number when it is a plain decimal, a
 * boolean by its words, an enum by its values, text trimmed. `tm_ok` = 1 when the cell typed,
 * `tm_num` / `tm_ms` the typed number / instant (a timestamp field's cells only go through the
 * timestamp parser). The profile, the value issues, the blank and
 * invalid counts, and the values SQL does not read (for tickmark to classify) all come from here.
 *
 * @example
 * cellsCte(ctx, ['approved_at', 'type']) // { name: 'tm_cells', sql: 'SELECT … UNION ALL …' }
 */
import type { FieldSpec } from '../../population/kinds.js';
import { FALSE_WORDS, TRUE_WORDS } from './condition.js';
import { columnAlias, type CompileContext } from './context.js';
import { layered } from './layers.js';
import { fieldSpec } from './model.js';
import type { Cte } from './statement.js';
import { jsLower, jsTrim } from './text.js';
import { timestampLayers } from './timestamp.js';

export const PLAIN_NUMBER_PATTERN = '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$';

/** The mapped fields with a typed (non-text) type, in mapping order. */
export function typedFields(ctx: CompileContext): FieldSpec[] {
  return Object.keys(ctx.model.mapping).map((f) => fieldSpec(ctx.model, f)).filter((f): f is FieldSpec => !!f && f.type !== 'string');
}

/** tm_cells over the given mapped fields (typed or not). */
export function cellsCte(ctx: CompileContext, fields: readonly string[], name = 'tm_cells'): Cte {
  const { d, model } = ctx;
  const parts = fields.map((f, i) => `SELECT ${i} AS tm_field, tm_record, tm_line, tm_key_display, ${columnAlias(ctx, model.mapping[f]!)} AS tm_raw FROM tm_population`);
  const unpivoted = parts.length ? parts.join('\nUNION ALL\n') : `SELECT 0 AS tm_field, tm_record, tm_line, tm_key_display, tm_event_raw AS tm_raw FROM tm_population WHERE 1 = 0`;
  const trimmed = 'tm_trim';
  const lowered = jsLower(d, trimmed);
  const okOf = (f: string, i: number): string => {
    const spec = fieldSpec(model, f);
    switch (spec?.type ?? 'string') {
      case 'timestamp': return `WHEN ${i} THEN tm_cv_ok`;
      case 'number': return `WHEN ${i} THEN CASE WHEN ${d.matches(trimmed, PLAIN_NUMBER_PATTERN)} THEN 1 ELSE 0 END`;
      case 'boolean': return `WHEN ${i} THEN CASE WHEN ${lowered} IN (${[...TRUE_WORDS, ...FALSE_WORDS].map((w) => `'${w}'`).join(', ')}) THEN 1 ELSE 0 END`;
      case 'enum': return `WHEN ${i} THEN CASE WHEN ${lowered} IN (${(spec!.values ?? []).map((v) => d.text(v)).join(', ') || "''"}) THEN 1 ELSE 0 END`;
      default: return `WHEN ${i} THEN CASE WHEN ${trimmed} <> '' THEN 1 ELSE 0 END`;
    }
  };
  const numbered = fields.map((f, i) => (fieldSpec(model, f)?.type === 'number' ? i : -1)).filter((i) => i >= 0);
  // Only a timestamp field's cells go through the timestamp parser (the other fields' tm_ms is null).
  const timed = fields.map((f, i) => (fieldSpec(model, f)?.type === 'timestamp' ? i : -1)).filter((i) => i >= 0);
  const timestampInput = timed.length === fields.length ? 'tm_trim' : timed.length ? `CASE WHEN tm_field IN (${timed.join(', ')}) THEN tm_trim END` : `CAST(NULL AS ${d.textType})`;
  const sql = layered(unpivoted, [
    [['tm_trim', jsTrim(d, 'tm_raw')]],
    [['tm_ts_raw', timestampInput]],
    ...timestampLayers(d, 'tm_ts_raw', 'tm_cv', ctx.toUtc),
    [
      ['tm_ok', `CASE WHEN tm_raw IS NULL THEN 0 ELSE CASE tm_field ${fields.map(okOf).join(' ')} ELSE 0 END END`],
      ['tm_num', numbered.length ? `CASE WHEN tm_field IN (${numbered.join(', ')}) AND ${d.matches(trimmed, PLAIN_NUMBER_PATTERN)} THEN CAST(${trimmed} AS ${d.doubleType}) END` : `CAST(NULL AS ${d.doubleType})`],
      ['tm_ms', 'tm_cv_ms'],
      ['tm_trimmed', trimmed],
    ],
  ], d.fence);
  return { name, sql: `SELECT tm_field, tm_record, tm_line, tm_key_display, tm_raw, tm_ok, tm_num, tm_ms, tm_trimmed FROM (${sql}) AS tm_c` };
}
