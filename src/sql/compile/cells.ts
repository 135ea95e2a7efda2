/**
 * The typed fields' cells, read once per source row — `tm_typed`, one row per source row (its
 * tm_record) — each cell read as ingest types it: a timestamp by the ISO rules (timestamp.ts), a
 * number when it is a plain decimal, a boolean by its words, an enum by its values, text trimmed.
 * Per field i (its place in the list of fields): `tm_fi_ok` null when the cell is blank, 1 when it
 * typed, 0 when it did not; `tm_fi_num` / `tm_fi_ms` the typed number / instant (number /
 * timestamp fields); `tm_fi_nb` 1 when its trimmed text is not empty (enum fields). The cells' text
 * stays in the population: the profile aggregates tm_typed per field in one pass, and the cells
 * that did not type — few — are listed one row each with their text (`cellRows`).
 *
 * @example
 * typedCte(ctx, ['approved_at', 'type']) // { name: 'tm_typed', sql: 'SELECT tm_record, tm_f0_ok, tm_f0_ms, tm_f1_ok, tm_f1_nb FROM (…)' }
 */
import type { FieldSpec } from '../../population/kinds.js';
import { FALSE_WORDS, TRUE_WORDS } from './condition.js';
import { columnAlias, type CompileContext } from './context.js';
import { layered, type Layer } from './layers.js';
import { fieldSpec } from './model.js';
import type { Cte } from './statement.js';
import { jsLower, jsTrim } from './text.js';
import { timestampLayers } from './timestamp.js';

export const PLAIN_NUMBER_PATTERN = '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$';

export const TYPED = 'tm_typed';

/** The mapped fields with a typed (non-text) type, in mapping order. */
export function typedFields(ctx: CompileContext): FieldSpec[] {
  return Object.keys(ctx.model.mapping).map((f) => fieldSpec(ctx.model, f)).filter((f): f is FieldSpec => !!f && f.type !== 'string');
}

/** The columns of field i in tm_typed. */
export const cell = (i: number) => ({ ok: `tm_f${i}_ok`, num: `tm_f${i}_num`, ms: `tm_f${i}_ms`, nonBlank: `tm_f${i}_nb` });

/** The population column of a mapped field (its cell's text: null when blank). */
export const cellText = (ctx: CompileContext, field: string): string => columnAlias(ctx, ctx.model.mapping[field]!);

const typeOf = (ctx: CompileContext, f: string) => fieldSpec(ctx.model, f)?.type ?? 'string';

/** Layer k of every field's layers side by side (the fields' computations are independent). */
function zip(stacks: readonly Layer[][]): Layer[] {
  const depth = Math.max(0, ...stacks.map((s) => s.length));
  return Array.from({ length: depth }, (_, k) => stacks.flatMap((s) => s[k] ?? []));
}

/** tm_typed over the given mapped fields (typed or not). */
export function typedCte(ctx: CompileContext, fields: readonly string[]): Cte {
  const { d, model } = ctx;
  const stacks = fields.map((f, i): Layer[] => {
    const c = cell(i);
    const raw = cellText(ctx, f);
    const t = `tm_f${i}_t`;
    const lowered = jsLower(d, t);
    const whenOk = (cond: string) => `CASE WHEN ${raw} IS NULL THEN NULL WHEN ${cond} THEN 1 ELSE 0 END`;
    const spec = fieldSpec(model, f);
    switch (typeOf(ctx, f)) {
      case 'timestamp': {
        // The event field's text cells are read once, by the population (the same layers, the same zone).
        if (f === model.eventTime && (model.types[model.mapping[f]!] ?? 'text') === 'text') return [[[c.ok, `CASE WHEN ${raw} IS NULL THEN NULL ELSE tm_event_ok END`], [c.ms, 'tm_event_ms']]];
        // The timestamp layers trim the cell themselves.
        const p = `tm_f${i}_ts`;
        return [...timestampLayers(d, raw, p, ctx.toUtc), [[c.ok, `CASE WHEN ${raw} IS NULL THEN NULL ELSE ${p}_ok END`], [c.ms, `${p}_ms`]]];
      }
      case 'number':
        return [[[t, jsTrim(d, raw)]], [[c.ok, whenOk(d.matches(t, PLAIN_NUMBER_PATTERN))]], [[c.num, `CASE WHEN ${c.ok} = 1 THEN CAST(${t} AS ${d.doubleType}) END`]]];
      case 'boolean':
        return [[[t, jsTrim(d, raw)]], [[c.ok, whenOk(`${lowered} IN (${[...TRUE_WORDS, ...FALSE_WORDS].map((w) => `'${w}'`).join(', ')})`)]]];
      case 'enum':
        return [[[t, jsTrim(d, raw)]], [[c.ok, whenOk(`${lowered} IN (${(spec!.values ?? []).map((v) => d.text(v)).join(', ') || "''"})`)], [c.nonBlank, `CASE WHEN ${t} <> '' THEN 1 ELSE 0 END`]]];
      default:
        return [[[t, jsTrim(d, raw)]], [[c.ok, whenOk(`${t} <> ''`)]]];
    }
  });
  const columns = fields.flatMap((f, i) => {
    const c = cell(i);
    const type = typeOf(ctx, f);
    return [c.ok, ...(type === 'number' ? [c.num] : []), ...(type === 'timestamp' ? [c.ms] : []), ...(type === 'enum' ? [c.nonBlank] : [])];
  });
  const raws = [...new Set(fields.map((f) => cellText(ctx, f)))];
  const sql = layered(`SELECT ${['tm_record', 'tm_event_ok', 'tm_event_ms', ...raws].join(', ')} FROM tm_population`, zip(stacks), d.fence);
  return { name: TYPED, sql: `SELECT ${['tm_record', ...columns].join(', ')} FROM (${sql}) AS tm_c` };
}

/**
 * The cells of some fields (by their place i in tm_typed) that `keep` keeps, one row each:
 * `tm_field` (the field's number in `numbered`), the row's tm_record, tm_line, tm_key_display and
 * the columns `pick` names (which may read the population's columns). The rows with such a cell
 * are found in one pass over tm_typed, joined to their population rows, then crossed with the
 * field numbers.
 */
export function cellRows(
  ctx: CompileContext,
  numbered: readonly { i: number; n: number }[],
  keep: (i: number) => string,
  pick: Record<string, (i: number) => string>,
): string {
  const { d } = ctx;
  const caseOf = (of: (i: number) => string) => `CASE tm_n.tm_field ${numbered.map(({ i, n }) => `WHEN ${n} THEN ${of(i)}`).join(' ')} END`;
  if (!numbered.length) {
    return `SELECT 0 AS tm_field, tm_record, tm_line, tm_key_display, ${Object.keys(pick).map((name) => `CAST(NULL AS ${d.textType}) AS ${name}`).join(', ')} FROM tm_population WHERE 1 = 0`;
  }
  const fieldNumbers = numbered.map(({ n }) => `SELECT ${n} AS tm_field`).join(' UNION ALL ');
  const rows = `SELECT * FROM ${TYPED} WHERE ${numbered.map(({ i }) => `(${keep(i)})`).join(' OR ')}`;
  const picked = Object.entries(pick).map(([name, of]) => `${caseOf(of)} AS ${name}`);
  return `SELECT tm_field, tm_record, tm_line, tm_key_display, ${Object.keys(pick).join(', ')} FROM (
  SELECT tm_n.tm_field AS tm_field, tm_p.tm_record AS tm_record, tm_p.tm_line AS tm_line, tm_p.tm_key_display AS tm_key_display, ${picked.join(', ')}, ${caseOf((i) => `CASE WHEN ${keep(i)} THEN 1 ELSE 0 END`)} AS tm_keep
  FROM (${rows}) AS tm_b JOIN tm_population AS tm_p ON tm_p.tm_record = tm_b.tm_record CROSS JOIN (${fieldNumbers}) AS tm_n
) AS tm_u WHERE tm_keep = 1`;
}
