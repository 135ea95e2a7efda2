/**
 * The population as every statement reads it (`tm_population`), one row per source row:
 *
 * - `tm_record`, `tm_line`: the record number (the record column, or the rank of the canonical
 *   row text) and its line (the line column, or record + 1);
 * - `c0…cN`: each column's cell as ingest keeps it — null when blank, else its text unchanged
 *   (a typed column as the engine writes it as text);
 * - `tm_row_hash`: SHA-256 (hex) of the canonical row text (content fingerprint, content keys, identical rows);
 * - `tm_key`: the sampling unit's key, as `recordKeys` makes it: the unit's key fields, each
 *   trimmed (JavaScript's trim), joined by U+001F; a blank part, or a row unit, gives the
 *   content key `#` + SHA-256 of every cell (blank as '') joined by U+001F;
 * - `tm_key_display`: the business key joined by " | " (null when a part is blank), as checks cite rows;
 *   `tm_bkey` the same joined by U+001F (duplicate keys);
 * - `tm_event_ms`: the event time (UTC ms; null when blank or not read; its cell is `eventCell`),
 *   `tm_event_out` 1 when its wall-clock value falls outside the years the zone table covers,
 *   `tm_event_ok` 1 when a text event cell was read as a timestamp (0 for a typed event column);
 * - `tm_local_day`, `tm_local_year`, `tm_local_month`: the event's local date in the period's zone.
 *
 * @example
 * populationSql(ctx) // "SELECT tm_record, tm_line, c0, …, tm_key, … FROM (…)"
 */
import { civilLayers } from './civil.js';
import { columnAlias, type CompileContext } from './context.js';
import { layered, type Layer } from './layers.js';
import { jsTrim, rawCell } from './text.js';
import { timestampLayers, withShift } from './timestamp.js';
import { DAY_MS } from './civil.js';

/** FROM clause of the source: the table (each name part quoted) or the user's query as a subquery. */
export function sourceFrom(ctx: CompileContext): string {
  const { d, model } = ctx;
  const { table, query } = model.source;
  return table ? table.map((part) => d.ident(part)).join('.') : `(\n${query}\n) AS tm_query`;
}

/** A column's cell as text (typed columns cast by the engine), before the blank rule. */
function cellText(ctx: CompileContext, name: string): string {
  const { d, model } = ctx;
  const type = model.types[name] ?? 'text';
  return type === 'text' ? d.ident(name) : `CAST(${d.ident(name)} AS ${d.textType})`;
}

/** The canonical row text: every cell (blank as '') joined by U+001F. */
export function rowText(ctx: CompileContext): string {
  const { d, model } = ctx;
  return model.headers.map((h) => `coalesce(${columnAlias(ctx, h)}, '')`).join(` || ${d.chr(0x1f)} || `) || "''";
}

/** The content key of a row (its row hash, computed once per row in `tm_row_hash`). */
export const CONTENT_KEY = "'#' || tm_row_hash";

/** The trimmed key cells, each computed once (`tm_kN`): the key fields of the unit and of the business key. */
function trimmedKeyCells(ctx: CompileContext, fields: readonly string[]): { layer: Layer; of: (field: string) => string } {
  const names = new Map<string, string>();
  for (const f of fields) if (!names.has(f)) names.set(f, `tm_k${names.size}`);
  return {
    layer: [...names].map(([f, name]) => [name, jsTrim(ctx.d, columnAlias(ctx, ctx.model.mapping[f]!))] as const),
    of: (field) => names.get(field)!,
  };
}

function keyOf(trimmed: (field: string) => string, fields: readonly string[], separator: string, whenBlank: string): string {
  if (fields.length === 0) return whenBlank;
  const parts = fields.map(trimmed);
  const blank = parts.map((p) => `${p} IS NULL OR ${p} = ''`).join(' OR ');
  return `CASE WHEN ${blank} THEN ${whenBlank} ELSE ${parts.join(` || ${separator} || `)} END`;
}

/** The event-time layers: tm_event_ms from a text or typed column. */
function eventLayers(ctx: CompileContext): { layers: Layer[] } {
  const { d, model } = ctx;
  const header = model.eventTime ? model.mapping[model.eventTime] : undefined;
  if (!header) return { layers: [[['tm_event_ms', `CAST(NULL AS ${d.bigintType})`], ['tm_event_out', '0']]] };
  const c = columnAlias(ctx, header);
  const type = model.types[header] ?? 'text';
  const { coverFrom, coverTo } = ctx.toUtc;
  const outside = (wall: string) => `CASE WHEN ${wall} < ${coverFrom} OR ${wall} >= ${coverTo} THEN 1 ELSE 0 END`;
  if (type === 'text') {
    return {
      layers: [...timestampLayers(d, c, 'tm_ev', ctx.toUtc), [['tm_event_ms', 'tm_ev_ms'], ['tm_event_ok', 'tm_ev_ok'], ['tm_event_out', `CASE WHEN tm_ev_ok = 1 AND tm_ev_z = '' THEN ${outside('tm_ev_wall')} ELSE 0 END`]]],
    };
  }
  if (type === 'timestamptz') return { layers: [[['tm_event_ms', d.epochMsOfInstant(`tm_ev_src`)], ['tm_event_out', '0']]] };
  const wall = type === 'date' ? `(${d.daysOfDate('tm_ev_src')} * ${DAY_MS})` : type === 'timestamp' ? d.epochMsOfWall('tm_ev_src') : null;
  if (!wall) return { layers: [[['tm_event_ms', `CAST(NULL AS ${d.bigintType})`], ['tm_event_out', '0']]] };
  return { layers: [[['tm_ev_wall', wall]], [['tm_event_ms', withShift('tm_ev_wall', ctx.toUtc)], ['tm_event_out', outside('tm_ev_wall')]]] };
}

/** The event time's cell (its column, kept once), or a null text when no event time is mapped. */
export function eventCell(ctx: CompileContext): string {
  const header = ctx.model.eventTime ? ctx.model.mapping[ctx.model.eventTime] : undefined;
  return header === undefined ? `CAST(NULL AS ${ctx.d.textType})` : columnAlias(ctx, header);
}

export function populationSql(ctx: CompileContext): string {
  const { d, model, source } = { ...ctx, source: ctx.model.source };
  const eventHeader = model.eventTime ? model.mapping[model.eventTime] : undefined;
  const typedEvent = eventHeader !== undefined && (model.types[eventHeader] ?? 'text') !== 'text';
  const cells = model.headers.map((h, i) => `${rawCell(d, cellText(ctx, h))} AS c${i}`);
  const given = [
    ...(source.recordColumn ? [`CAST(${d.ident(source.recordColumn)} AS ${d.bigintType}) AS tm_record_given`] : []),
    ...(source.lineColumn ? [`CAST(${d.ident(source.lineColumn)} AS ${d.bigintType}) AS tm_line_given`] : []),
    ...(typedEvent ? [`${d.ident(eventHeader!)} AS tm_ev_src`] : []),
  ];
  const cellsSql = `SELECT ${[...given, ...cells].join(', ')}\nFROM ${sourceFrom(ctx)}`;
  const record = source.recordColumn ? 'tm_record_given' : `row_number() OVER (ORDER BY ${d.binary(rowText(ctx))})`;
  const line = source.lineColumn ? 'tm_line_given' : 'tm_record + 1';
  const unitKey = model.unit.by === 'item' ? model.unit.key : [];
  const event = eventLayers(ctx);
  const keys = trimmedKeyCells(ctx, [...unitKey, ...model.key]);
  const eventOk = eventHeader !== undefined && !typedEvent ? [] : [['tm_event_ok', '0'] as const];
  const keyed = layered(cellsSql, [
    [['tm_record', record], ['tm_row_hash', d.sha256Hex(rowText(ctx))], ...keys.layer],
    [
      ['tm_line', line],
      ['tm_key', keyOf(keys.of, unitKey, d.chr(0x1f), CONTENT_KEY)],
      ['tm_key_display', keyOf(keys.of, model.key, `' | '`, 'NULL')],
      ['tm_bkey', keyOf(keys.of, model.key, d.chr(0x1f), 'NULL')],
      ...eventOk,
    ],
    ...event.layers,
    [['tm_local', `CASE WHEN tm_event_ms IS NULL THEN NULL ELSE ${withShift('tm_event_ms', ctx.toLocal)} END`]],
    ...civilLayers(d, 'tm_local', 'tm_local'),
  ], d.fence);
  const columns = ['tm_record', 'tm_line', ...model.headers.map((_, i) => `c${i}`), 'tm_row_hash', 'tm_key', 'tm_key_display', 'tm_bkey', 'tm_event_ms', 'tm_event_ok', 'tm_event_out', 'tm_local_day', 'tm_local_year', 'tm_local_month'];
  return `SELECT ${columns.join(', ')}\nFROM (${keyed}) AS tm_p`;
}
