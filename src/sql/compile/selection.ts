/**
 * The selection in SQL, for every method, on the same rules as sampling/:
 *
 * - units (`tm_units`): rows sharing `tm_key` form one unit; its representative is the row with
 *   the earliest event (none last), ties by lowest record — `row_number() OVER (PARTITION BY key
 *   ORDER BY event nulls last, record)`; the other rows are members and are never drawn;
 * - eligibility (`tm_eligible`): members first, then the filter, then the period (no event time
 *   = outside), each row counted against the first rule that excludes it; key items are the
 *   eligible rows matching the key-item condition; every eligible row gets `tm_prn` = the first
 *   13 hex digits of SHA-256(seed ␟ key) (prn.ts), compared as text (fixed width, lower-case:
 *   text order is numeric order);
 * - random: ascending (prn, key by code point, record), the first n (a top-n: ORDER BY … LIMIT n);
 * - stratified: the strata's populations first (statement `strata`), then the allocation in
 *   TypeScript (allocation.ts, the same function), then each stratum's smallest PRNs: the seat
 *   table (stratum, rank, order) is written into the selection statement as literals;
 * - systematic: eligible rows ordered by (event nulls last, key, record), N of them, start
 *   r = floor(u·N) with u the seed's `systematic-start` number written as an exact double (the
 *   same IEEE product as JavaScript's), draw i at position floor((r + i·N) / n);
 * - key items: all key items first (ascending PRN), then the rest by random or stratified.
 *
 * @example
 * selectionStatement(ctx, spec, seats).name // 'selection'
 */
import { tickmarkError } from '../../errors.js';
import { PRN_SEPARATOR } from '../../sampling/prn.js';
import type { SelectionSpec } from '../../sampling/spec.js';
import { systematicStart } from '../../sampling/methods/systematic.js';
import { seededStream } from '../../sampling/rng.js';
import { SYSTEMATIC_START_PURPOSE } from '../../sampling/methods/systematic.js';
import { UNDATED_STRATUM } from '../../sampling/strata.js';
import { conditionSql } from './condition.js';
import type { CompileContext } from './context.js';
import { populationSql } from './population.js';
import { POPULATION, type Cte, type Statement } from './statement.js';

void systematicStart;

/** One seat of a stratified allocation: the `rank`-th smallest PRN of `stratum` is draw `order`. */
export interface Seat {
  stratum: string;
  rank: number;
  order: number;
}

export function populationCte(ctx: CompileContext): Cte {
  return { name: POPULATION, sql: populationSql(ctx) };
}

function unitsCte(): Cte {
  return {
    name: 'tm_units',
    sql: `SELECT p.*,
  row_number() OVER (PARTITION BY tm_key ORDER BY CASE WHEN tm_event_ms IS NULL THEN 1 ELSE 0 END, tm_event_ms, tm_record) AS tm_unit_rank
FROM ${POPULATION} AS p`,
  };
}

/** The stratum id of a row: `2025-03` / `2025-Q1` in the period's zone, `undated` without an event time. */
export function stratumSql(ctx: CompileContext, by: 'month' | 'quarter'): string {
  const { d } = ctx;
  const year = `lpad(${d.intText('tm_local_year')}, 4, '0')`;
  const label = by === 'month'
    ? `${year} || '-' || lpad(${d.intText('tm_local_month')}, 2, '0')`
    : `${year} || '-Q' || ${d.intText(d.intDiv('(tm_local_month + 2)', '3'))}`;
  return `CASE WHEN tm_event_ms IS NULL THEN ${d.text(UNDATED_STRATUM)} ELSE ${label} END`;
}

function isStratified(spec: SelectionSpec): boolean {
  return spec.method === 'stratified' || (spec.method === 'key-items' && spec.keyItems?.rest === 'stratified');
}

function eligibleCte(ctx: CompileContext, spec: SelectionSpec): Cte {
  const { d } = ctx;
  const filter = spec.filter !== undefined ? conditionSql(ctx, spec.filter) : undefined;
  const period = spec.period ? `tm_event_ms >= ${spec.period.startMs} AND tm_event_ms < ${spec.period.endExclusiveMs}` : undefined;
  const status = `CASE WHEN tm_unit_rank > 1 THEN 'member'${filter ? ` WHEN NOT (coalesce(${filter}, ${d.bool(false)})) THEN 'filter'` : ''}${period ? ` WHEN NOT (coalesce(${period}, ${d.bool(false)})) THEN 'period'` : ''} ELSE 'eligible' END`;
  const keyItem = spec.method === 'key-items' && spec.keyItems ? conditionSql(ctx, spec.keyItems.condition) : undefined;
  const prn = `substr(${d.sha256Hex(`${d.text(spec.seed + PRN_SEPARATOR)} || tm_key`)}, 1, 13)`;
  const stratum = isStratified(spec) ? stratumSql(ctx, spec.stratify!.by) : "''";
  return {
    name: 'tm_eligible',
    sql: `SELECT s.*,
  CASE WHEN tm_status = 'eligible' THEN ${prn} END AS tm_prn,
  CASE WHEN tm_status = 'eligible' AND ${keyItem ? `coalesce(${keyItem}, ${d.bool(false)})` : d.bool(false)} THEN 1 ELSE 0 END AS tm_key_item,
  ${stratum} AS tm_stratum
FROM (SELECT u.*, ${status} AS tm_status FROM tm_units AS u) AS s`,
  };
}

/** The CTEs every selection statement reads. */
export function selectionCtes(ctx: CompileContext, spec: SelectionSpec): Cte[] {
  return [populationCte(ctx), unitsCte(), eligibleCte(ctx, spec)];
}

/** Eligibility counts (manifest `counts`), key items and the units of several rows. */
export function countsStatement(ctx: CompileContext, spec: SelectionSpec): Statement {
  const { d } = ctx;
  return {
    name: 'counts',
    purpose: 'rows considered, unit members, excluded by the filter and by the period, eligible, key items, units of several rows',
    ctes: selectionCtes(ctx, spec),
    body: `SELECT count(*) AS considered,
  ${d.countIf("tm_status = 'member'")} AS unit_members,
  ${d.countIf("tm_status = 'filter'")} AS excluded_by_filter,
  ${d.countIf("tm_status = 'period'")} AS excluded_by_period,
  ${d.countIf("tm_status = 'period' AND tm_event_ms IS NULL")} AS undated,
  ${d.countIf("tm_status = 'eligible'")} AS eligible,
  ${d.countIf('tm_key_item = 1')} AS key_items,
  ${d.countIf('tm_unit_rank = 2')} AS repeated_units
FROM tm_eligible`,
    columns: { considered: 'int', unit_members: 'int', excluded_by_filter: 'int', excluded_by_period: 'int', undated: 'int', eligible: 'int', key_items: 'int', repeated_units: 'int' },
  };
}

/** Eligible rows per stratum (key items left out): the counts the allocation is computed from. */
export function strataStatement(ctx: CompileContext, spec: SelectionSpec): Statement {
  return {
    name: 'strata',
    purpose: 'eligible units per stratum (key items apart): the allocation is computed from these counts',
    ctes: selectionCtes(ctx, spec),
    body: `SELECT tm_stratum AS stratum, count(*) AS population
FROM tm_eligible
WHERE tm_status = 'eligible' AND tm_key_item = 0
GROUP BY tm_stratum
ORDER BY tm_stratum`,
    columns: { stratum: 'text', population: 'int' },
  };
}

const SELECTED_COLUMNS = { selection_order: 'int', key: 'text', prn_hex: 'text', stratum: 'text', record: 'int', line: 'int', event_ms: 'int', key_item: 'int' } as const;

function itemColumns(order: string, keyItem: string): string {
  return `${order} AS selection_order, tm_key AS key, tm_prn AS prn_hex, tm_stratum AS stratum, tm_record AS record, tm_line AS line, tm_event_ms AS event_ms, ${keyItem} AS key_item`;
}

/** The ascending PRN order (ties by key by code point, then record). */
function prnOrder(ctx: CompileContext): string {
  return `tm_prn, ${ctx.d.binary('tm_key')}, tm_record`;
}

function keyItemsCte(ctx: CompileContext): Cte {
  return { name: 'tm_key_items', sql: `SELECT e.*, row_number() OVER (ORDER BY ${prnOrder(ctx)}) AS tm_order FROM tm_eligible AS e WHERE tm_key_item = 1` };
}

/** Rows drawn by the random rule from the rest (key items apart): the first n by PRN, orders after K key items. */
function randomBody(ctx: CompileContext, spec: SelectionSpec, keyItems: boolean): { ctes: Cte[]; body: string } {
  const offset = keyItems ? '(SELECT count(*) FROM tm_key_items)' : '0';
  // The n smallest first (a top-n, not a sort of every eligible row), then ranked among themselves.
  const smallest = `SELECT * FROM tm_eligible WHERE tm_status = 'eligible' AND tm_key_item = 0 ORDER BY ${prnOrder(ctx)} ${ctx.d.limit(spec.n)}`;
  const ranked: Cte = { name: 'tm_ranked', sql: `SELECT e.*, row_number() OVER (ORDER BY ${prnOrder(ctx)}) AS tm_rank FROM (${smallest}) AS e` };
  const drawn = `SELECT ${itemColumns(`${offset} + tm_rank`, '0')} FROM tm_ranked WHERE tm_rank <= ${spec.n}`;
  return { ctes: [ranked], body: drawn };
}

/** Rows drawn by the seat table: stratum's rank-th smallest PRN at the seat's order (after K key items). */
function stratifiedBody(ctx: CompileContext, seats: readonly Seat[], keyItems: boolean): { ctes: Cte[]; body: string } {
  const { d } = ctx;
  const offset = keyItems ? '(SELECT count(*) FROM tm_key_items)' : '0';
  const ranked: Cte = { name: 'tm_ranked', sql: `SELECT e.*, row_number() OVER (PARTITION BY tm_stratum ORDER BY ${prnOrder(ctx)}) AS tm_rank FROM tm_eligible AS e WHERE tm_status = 'eligible' AND tm_key_item = 0` };
  const seatRows = seats.length
    ? seats.map((s) => `SELECT ${d.text(s.stratum)} AS seat_stratum, ${s.rank} AS seat_rank, ${s.order} AS seat_order`).join('\n  UNION ALL ')
    : `SELECT ${d.text('')} AS seat_stratum, 0 AS seat_rank, 0 AS seat_order`;
  const seatCte: Cte = { name: 'tm_seats', sql: `  ${seatRows}` };
  const body = `SELECT ${itemColumns(`${offset} + seat_order`, '0')}
FROM tm_ranked JOIN tm_seats ON tm_stratum = seat_stratum AND tm_rank = seat_rank`;
  return { ctes: [ranked, seatCte], body };
}

/** The systematic draw (no key items; no extension). */
function systematicBody(ctx: CompileContext, spec: SelectionSpec): { ctes: Cte[]; body: string } {
  const { d } = ctx;
  const u = seededStream(spec.seed, SYSTEMATIC_START_PURPOSE)();
  const n = spec.n;
  const ordered: Cte = {
    name: 'tm_ordered',
    sql: `SELECT e.*,
  row_number() OVER (ORDER BY CASE WHEN tm_event_ms IS NULL THEN 1 ELSE 0 END, tm_event_ms, ${d.binary('tm_key')}, tm_record) - 1 AS tm_pos,
  count(*) OVER () AS tm_n
FROM tm_eligible AS e WHERE tm_status = 'eligible'`,
  };
  // r = floor(u·N) in IEEE doubles, as systematicStart computes it.
  const start: Cte = { name: 'tm_start', sql: `SELECT o.*, CAST(floor(${d.double(u)} * CAST(tm_n AS ${d.doubleType})) AS ${d.bigintType}) AS tm_r FROM tm_ordered AS o` };
  // The smallest i with r + i·N ≥ pos·n; the position is drawn when that i < n and r + i·N < (pos + 1)·n.
  const first = `CASE WHEN tm_pos * ${n} <= tm_r THEN 0 ELSE ${d.intDiv(`(tm_pos * ${n} - tm_r + tm_n - 1)`, 'tm_n')} END`;
  const draw: Cte = { name: 'tm_draw', sql: `SELECT s.*, ${first} AS tm_i FROM tm_start AS s` };
  const body = `SELECT ${itemColumns('CASE WHEN tm_n <= ' + n + ' THEN tm_pos + 1 ELSE tm_i + 1 END', '0')}
FROM tm_draw
WHERE ${n} > 0 AND (tm_n <= ${n} OR (tm_i < ${n} AND tm_r + tm_i * tm_n < (tm_pos + 1) * ${n}))`;
  return { ctes: [ordered, start, draw], body };
}

/**
 * The selection: one row per selected item — selection_order, key, prn_hex, stratum, record,
 * line, event_ms, key_item — in draw order. Stratified designs need their seats (allocation).
 */
export function selectionStatement(ctx: CompileContext, spec: SelectionSpec, seats?: readonly Seat[]): Statement {
  if (spec.extendFrom !== undefined) throw tickmarkError('TM_ERR_SQL_UNSUPPORTED', { what: 'extending a sample', reason: 'draw the larger sample with the same seed instead (random and stratified samples are nested)' });
  const keyItems = spec.method === 'key-items';
  const rest = keyItems ? spec.keyItems!.rest : spec.method;
  if (isStratified(spec) && !seats) throw new TypeError('a stratified selection statement needs its seats (from the strata counts)');
  const drawn = rest === 'systematic' ? systematicBody(ctx, spec) : rest === 'stratified' ? stratifiedBody(ctx, seats!, keyItems) : randomBody(ctx, spec, keyItems);
  const keyItemCtes = keyItems ? [keyItemsCte(ctx)] : [];
  const keyRows = keyItems ? `SELECT ${itemColumns('tm_order', '1')} FROM tm_key_items\nUNION ALL\n` : '';
  return {
    name: 'selection',
    purpose: 'the selected items in draw order (key items first): selection_order, key, prn_hex, stratum, record, line, event_ms, key_item',
    ctes: [...selectionCtes(ctx, spec), ...keyItemCtes, ...drawn.ctes, { name: 'tm_selected', sql: `${keyRows}${drawn.body}` }],
    body: 'SELECT * FROM tm_selected ORDER BY selection_order',
    columns: { ...SELECTED_COLUMNS },
  };
}

/** Every row of the selected units (members too): what the attribute tests and the workbook read. */
export function unitRowsStatement(ctx: CompileContext, spec: SelectionSpec, seats?: readonly Seat[]): Statement {
  const selection = selectionStatement(ctx, spec, seats);
  const cells = ctx.model.headers.map((_, i) => `c${i}`);
  return {
    name: 'unit_rows',
    purpose: 'every row of the selected units, with every column as text (null when blank), by record',
    ctes: selection.ctes,
    body: `SELECT tm_record AS record, tm_line AS line, tm_key AS key, ${cells.join(', ')}
FROM tm_units
WHERE tm_key IN (SELECT key FROM tm_selected)
ORDER BY tm_record`,
    columns: { record: 'int', line: 'int', key: 'text', ...Object.fromEntries(cells.map((c) => [c, 'text' as const])) },
  };
}
