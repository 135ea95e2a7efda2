/**
 * The completeness checks in SQL: each statement returns the aggregates a check's partial (or its
 * result) is made of, and tickmark finishes every check with its own code (assemble/
 * completeness.ts) — statuses, thresholds, summaries and evidence are the embedded engine's.
 * Listings keep the rows with the lowest record numbers, as the embedded checks do.
 *
 * @example
 * checkStatements(ctx, checkContext).map((s) => s.name) // ['coverage', 'out_of_period', …]
 */
import type { CheckContext } from '../../completeness/context.js';
import { columnAlias, type CompileContext } from './context.js';
import { cell, cellRows, cellText, TYPED, typedCte } from './cells.js';
import { fieldSpec } from './model.js';
import { eventCell } from './population.js';
import { populationCte } from './selection.js';
import { INVALID_CELLS, type Cte, type Statement } from './statement.js';
import { jsTrim } from './text.js';

/** A step function as nested CASEs: the index i with thresholds[i] ≤ x < thresholds[i + 1]. */
export function stepIndexSql(thresholds: ArrayLike<number>, x: string): string {
  const emit = (lo: number, hi: number): string => {
    if (lo === hi) return String(lo);
    const mid = (lo + hi + 1) >> 1;
    return `CASE WHEN ${x} < ${thresholds[mid]} THEN ${emit(lo, mid - 1)} ELSE ${emit(mid, hi)} END`;
  };
  return emit(0, thresholds.length - 1);
}


const inPeriod = (c: CheckContext) => `(tm_event_ms >= ${c.period.startMs} AND tm_event_ms < ${c.period.endExclusiveMs})`;

function pop(ctx: CompileContext, ...more: Cte[]): Cte[] {
  return [populationCte(ctx), ...more];
}

/** Rows, records, zone coverage, the period count, and per column its non-blank and distinct cells. */
export function profileStatement(ctx: CompileContext, check: CheckContext): Statement {
  const { d, model } = ctx;
  const columns = model.headers.map((_, i) => `count(c${i}) AS c${i}_non_blank, count(DISTINCT c${i}) AS c${i}_distinct`);
  return {
    name: 'profile',
    purpose: 'rows, record numbers (unique?), events outside the zone table, rows in the period, non-blank and distinct cells per column',
    ctes: pop(ctx),
    body: `SELECT count(*) AS row_count, count(DISTINCT tm_record) AS records, min(tm_record) AS record_min, max(tm_record) AS record_max,
  ${d.countIf('tm_event_out = 1')} AS zone_outside, ${d.countIf(inPeriod(check))} AS in_period, min(tm_event_ms) AS event_min, max(tm_event_ms) AS event_max,
  ${columns.join(',\n  ')}
FROM tm_population`,
    columns: {
      row_count: 'int', records: 'int', record_min: 'int', record_max: 'int', zone_outside: 'int', in_period: 'int', event_min: 'int', event_max: 'int',
      ...Object.fromEntries(model.headers.flatMap((_, i) => [[`c${i}_non_blank`, 'int' as const], [`c${i}_distinct`, 'int' as const]])),
    },
  };
}

/** The cells of the typed fields that have text and did not type, one row each (few): `invalidCells`. */
function invalidCellsCte(ctx: CompileContext, fields: readonly string[], typed: readonly number[]): Cte {
  return {
    name: INVALID_CELLS,
    sql: cellRows(ctx, typed.map((i) => ({ i, n: i })), (i) => `${cell(i).ok} = 0`, { tm_raw: (i) => cellText(ctx, fields[i]!) }),
  };
}

/** Typed fields: non-blank, invalid, min and max (ms or number), aggregated in one pass over tm_typed. */
export function fieldProfileStatement(ctx: CompileContext, fields: readonly string[], typed: readonly number[]): Statement {
  const { d } = ctx;
  const typeOf = (i: number) => fieldSpec(ctx.model, fields[i]!)?.type;
  const aggregates = typed.flatMap((i) => {
    const c = cell(i);
    return [
      `count(${c.ok}) AS tm_p${i}_non_blank`, `${d.countIf(`${c.ok} = 0`)} AS tm_p${i}_invalid`,
      ...(typeOf(i) === 'timestamp' ? [`min(${c.ms}) AS tm_p${i}_min_ms`, `max(${c.ms}) AS tm_p${i}_max_ms`] : []),
      ...(typeOf(i) === 'number' ? [`CAST(min(${c.num}) AS ${d.textType}) AS tm_p${i}_min_num`, `CAST(max(${c.num}) AS ${d.textType}) AS tm_p${i}_max_num`] : []),
    ];
  });
  const noMs = `CAST(NULL AS ${d.bigintType})`;
  const noNum = `CAST(NULL AS ${d.textType})`;
  // One row per typed field, as a GROUP BY over its cells gives: none when the population is empty.
  const perField = typed.map((i) => {
    const ms = typeOf(i) === 'timestamp';
    const num = typeOf(i) === 'number';
    return `SELECT ${i} AS field, tm_p${i}_non_blank AS non_blank, tm_p${i}_invalid AS invalid, ${ms ? `tm_p${i}_min_ms` : noMs} AS min_ms, ${ms ? `tm_p${i}_max_ms` : noMs} AS max_ms, ${num ? `tm_p${i}_min_num` : noNum} AS min_num, ${num ? `tm_p${i}_max_num` : noNum} AS max_num FROM tm_fp WHERE tm_rows > 0`;
  });
  return {
    name: 'field_profile',
    purpose: 'per typed field: cells with text, cells that do not type, the smallest and largest typed value',
    ctes: pop(ctx, typedCte(ctx, fields), { name: 'tm_fp', sql: `SELECT ${['count(*) AS tm_rows', ...aggregates].join(', ')} FROM ${TYPED}` }),
    body: perField.length
      ? `${perField.join('\nUNION ALL\n')}\nORDER BY field`
      : `SELECT 0 AS field, 0 AS non_blank, 0 AS invalid, ${noMs} AS min_ms, ${noMs} AS max_ms, ${noNum} AS min_num, ${noNum} AS max_num FROM tm_fp WHERE 1 = 0`,
    columns: { field: 'int', non_blank: 'int', invalid: 'int', min_ms: 'int', max_ms: 'int', min_num: 'text', max_num: 'text' },
  };
}

/** The distinct cells SQL did not type, per field (at most `cap + 1` each): tickmark classifies them. */
export function otherValuesStatement(ctx: CompileContext, fields: readonly string[], typed: readonly number[], cap: number): Statement {
  return {
    name: 'other_values',
    purpose: 'per typed field, the distinct cells SQL does not read (with their rows and first record): tickmark reads each, and refuses a value it would type',
    ctes: pop(ctx, typedCte(ctx, fields), invalidCellsCte(ctx, fields, typed), {
      name: 'tm_other',
      sql: `SELECT tm_field, tm_raw, count(*) AS n, min(tm_record) AS first_record FROM ${INVALID_CELLS} GROUP BY tm_field, tm_raw`,
    }),
    body: `SELECT field, value, row_count, first_record FROM (
  SELECT tm_field AS field, tm_raw AS value, n AS row_count, first_record, row_number() OVER (PARTITION BY tm_field ORDER BY first_record) AS tm_rank FROM tm_other
) AS t WHERE tm_rank <= ${cap + 1} ORDER BY field, first_record`,
    columns: { field: 'int', value: 'text', row_count: 'int', first_record: 'int' },
  };
}

/** The first `limit` cells that did not type, by record then field: the population's first value issues. */
export function issuesStatement(ctx: CompileContext, fields: readonly string[], typed: readonly number[], limit: number): Statement {
  return {
    name: 'issues',
    purpose: `the first ${limit} cells that did not type, by record`,
    ctes: pop(ctx, typedCte(ctx, fields), invalidCellsCte(ctx, fields, typed)),
    body: `SELECT tm_record AS record, tm_line AS line, tm_field AS field, tm_raw AS value FROM ${INVALID_CELLS} ORDER BY tm_record, tm_field ${ctx.d.limit(limit)}`,
    columns: { record: 'int', line: 'int', field: 'int', value: 'text' },
  };
}

/** period_coverage: the rows with the earliest and latest event, in the period and overall (ties: lowest record). */
export function coverageStatement(ctx: CompileContext, check: CheckContext): Statement {
  return {
    name: 'coverage',
    purpose: 'period_coverage: the first and last event in the period and the earliest and latest overall (ties to the lowest record), and the rows in the period',
    ctes: pop(ctx,
      { name: 'tm_b', sql: `SELECT min(tm_event_ms) AS mn, max(tm_event_ms) AS mx, min(CASE WHEN ${inPeriod(check)} THEN tm_event_ms END) AS fmn, max(CASE WHEN ${inPeriod(check)} THEN tm_event_ms END) AS fmx, ${ctx.d.countIf(inPeriod(check))} AS in_period FROM tm_population` },
      {
        name: 'tm_ends',
        sql: ['earliest:mn', 'latest:mx', 'first:fmn', 'last:fmx'].map((w) => {
          const [which, col] = w.split(':');
          return `SELECT '${which}' AS which, min(tm_record) AS record FROM tm_population CROSS JOIN tm_b WHERE tm_event_ms = ${col}`;
        }).join('\nUNION ALL\n'),
      }),
    body: `SELECT e.which AS which, p.tm_record AS record, p.tm_line AS line, p.tm_key_display AS key, p.tm_event_ms AS event_ms, b.in_period AS in_period
FROM tm_ends AS e JOIN tm_population AS p ON p.tm_record = e.record CROSS JOIN tm_b AS b
UNION ALL
SELECT 'in_period', NULL, NULL, NULL, NULL, in_period FROM tm_b`,
    columns: { which: 'text', record: 'int', line: 'int', key: 'text', event_ms: 'int', in_period: 'int' },
  };
}

const reasonSql = (c: CheckContext, raw: string) =>
  `CASE WHEN tm_event_ms IS NULL THEN CASE WHEN ${raw} IS NULL THEN 'blank' ELSE 'invalid' END WHEN tm_event_ms < ${c.period.startMs} THEN 'before' WHEN tm_event_ms >= ${c.period.endExclusiveMs} THEN 'after' END`;

export function outOfPeriodStatements(ctx: CompileContext, check: CheckContext): Statement[] {
  const raw = eventCell(ctx);
  const reasons: Cte = { name: 'tm_oop', sql: `SELECT tm_record, tm_line, tm_key_display, ${raw} AS tm_event_raw, tm_event_ms, ${reasonSql(check, raw)} AS reason FROM tm_population` };
  return [
    {
      name: 'out_of_period',
      purpose: 'out_of_period: rows before, after, blank and invalid',
      ctes: pop(ctx, reasons),
      body: `SELECT reason, count(*) AS row_count FROM tm_oop WHERE reason IS NOT NULL GROUP BY reason ORDER BY reason`,
      columns: { reason: 'text', row_count: 'int' },
    },
    {
      name: 'out_of_period_rows',
      purpose: `out_of_period: the first ${check.cap} such rows by record`,
      ctes: pop(ctx, reasons),
      body: `SELECT tm_record AS record, tm_line AS line, tm_key_display AS key, reason, tm_event_raw AS value, tm_event_ms AS event_ms FROM tm_oop WHERE reason IS NOT NULL ORDER BY tm_record ${ctx.d.limit(check.cap)}`,
      columns: { record: 'int', line: 'int', key: 'text', reason: 'text', value: 'text', event_ms: 'int' },
    },
  ];
}

/** empty_periods: events per local day of the period (the day index of period-days.ts, by its day starts). */
export function eventDaysStatement(ctx: CompileContext, check: CheckContext): Statement {
  const { starts, count } = check.days;
  return {
    name: 'event_days',
    purpose: 'empty_periods: events per day of the period (day 0 = the first day; days start at local midnight in the period zone)',
    ctes: pop(ctx),
    body: `SELECT ${stepIndexSql(starts.subarray(0, count), 'tm_event_ms')} AS day, count(*) AS events
FROM tm_population WHERE tm_event_ms >= ${starts[0]} AND tm_event_ms < ${starts[count]}
GROUP BY 1 ORDER BY 1`,
    columns: { day: 'int', events: 'int' },
  };
}

/** sequence_gaps: per prefix (and year) the numbers' range, distinct, repeats, gaps; the first gaps; the values without a number. */
export function sequenceStatements(ctx: CompileContext, check: CheckContext): Statement[] {
  const { d, model } = ctx;
  const field = check.params.sequenceField;
  if (!field) return [];
  const header = model.mapping[field] ?? (model.headers.includes(field) ? field : undefined);
  if (!header) return [];
  const yearly = check.params.sequenceRestart === 'yearly';
  const base: Cte = {
    name: 'tm_seq',
    sql: `SELECT tm_record, tm_line, tm_key_display, v, digits, CASE WHEN v = '' THEN 'blank' WHEN ${d.length('digits')} = 0 OR ${d.length('digits')} > 15 THEN 'other' ELSE 'numeric' END AS kind,
  substr(v, 1, ${d.length('v')} - ${d.length('digits')}) AS prefix, ${yearly ? 'tm_local_year' : `CAST(NULL AS ${d.bigintType})`} AS year,
  CASE WHEN ${d.length('digits')} BETWEEN 1 AND 15 THEN ${d.toBigint('digits')} END AS num,
  CASE WHEN ${d.length('digits')} > 1 AND substr(digits, 1, 1) = '0' THEN ${d.length('digits')} ELSE 0 END AS padded
FROM (SELECT tm_record, tm_line, tm_key_display, tm_local_year, v, coalesce(${d.extract('v', '[0-9]+$')}, '') AS digits
  FROM (SELECT tm_record, tm_line, tm_key_display, tm_local_year, coalesce(${jsTrim(d, columnAlias(ctx, header))}, '') AS v FROM tm_population) AS s1) AS s2`,
  };
  const distinct: Cte = { name: 'tm_seq_d', sql: `SELECT prefix, year, num, lag(num) OVER (PARTITION BY prefix, year ORDER BY num) AS prev FROM (SELECT DISTINCT prefix, year, num FROM tm_seq WHERE kind = 'numeric') AS s` };
  const groupOrder = `${d.binary('prefix')}, CASE WHEN year IS NULL THEN 0 ELSE 1 END, year`;
  return [
    {
      name: 'sequence_counts',
      purpose: 'sequence_gaps: values with a number, blank, and without a number',
      ctes: pop(ctx, base),
      body: `SELECT ${d.countIf("kind = 'numeric'")} AS numeric_keys, ${d.countIf("kind = 'blank'")} AS blank, ${d.countIf("kind = 'other'")} AS non_numeric FROM tm_seq`,
      columns: { numeric_keys: 'int', blank: 'int', non_numeric: 'int' },
    },
    {
      name: 'sequence_groups',
      purpose: 'sequence_gaps: per prefix (and year) the first and last number, distinct numbers, repeats, missing numbers, gap ranges, zero padding',
      ctes: pop(ctx, base, distinct,
        { name: 'tm_seq_g', sql: `SELECT prefix, year, min(num) AS first_number, max(num) AS last_number, count(*) AS numbers, count(DISTINCT num) AS distinct_numbers, max(padded) AS pad FROM tm_seq WHERE kind = 'numeric' GROUP BY prefix, year` },
        { name: 'tm_seq_m', sql: `SELECT prefix, year, sum(CASE WHEN num - prev > 1 THEN num - prev - 1 ELSE 0 END) AS missing, ${d.countIf('num - prev > 1')} AS gap_ranges FROM tm_seq_d GROUP BY prefix, year` }),
      body: `SELECT g.prefix AS prefix, g.year AS year, first_number, last_number, distinct_numbers, numbers - distinct_numbers AS repeated, coalesce(m.missing, 0) AS missing, coalesce(m.gap_ranges, 0) AS gap_ranges, pad
FROM tm_seq_g AS g LEFT JOIN tm_seq_m AS m ON g.prefix = m.prefix AND (g.year = m.year OR (g.year IS NULL AND m.year IS NULL))
ORDER BY ${groupOrder.replaceAll('prefix', 'g.prefix').replaceAll('year', 'g.year')}`,
      columns: { prefix: 'text', year: 'int', first_number: 'int', last_number: 'int', distinct_numbers: 'int', repeated: 'int', missing: 'int', gap_ranges: 'int', pad: 'int' },
    },
    {
      name: 'sequence_gaps',
      purpose: `sequence_gaps: the first ${check.cap} gap ranges, by prefix, year and number`,
      ctes: pop(ctx, base, distinct),
      body: `SELECT prefix, year, prev + 1 AS from_number, num - 1 AS to_number FROM tm_seq_d WHERE num - prev > 1 ORDER BY ${groupOrder}, num ${d.limit(check.cap)}`,
      columns: { prefix: 'text', year: 'int', from_number: 'int', to_number: 'int' },
    },
    {
      name: 'sequence_non_numeric',
      purpose: `sequence_gaps: the first ${check.cap} values without a number, by record`,
      ctes: pop(ctx, base),
      body: `SELECT tm_record AS record, tm_line AS line, coalesce(tm_key_display, v) AS key FROM tm_seq WHERE kind = 'other' ORDER BY tm_record ${d.limit(check.cap)}`,
      columns: { record: 'int', line: 'int', key: 'text' },
    },
  ];
}

/** duplicate_keys: totals and the first groups (by lowest record) with their first records. */
export function duplicateKeyStatements(ctx: CompileContext, check: CheckContext): Statement[] {
  if (!ctx.model.key.length) return [];
  const { d } = ctx;
  const groups: Cte = { name: 'tm_dk', sql: `SELECT tm_bkey, count(*) AS n, min(tm_record) AS first_record FROM tm_population WHERE tm_bkey IS NOT NULL GROUP BY tm_bkey HAVING count(*) > 1` };
  return [
    {
      name: 'duplicate_keys',
      purpose: 'duplicate_keys: rows with a key, blank keys, keys on more than one row and the rows involved',
      ctes: pop(ctx, groups),
      body: `SELECT (SELECT count(tm_bkey) FROM tm_population) AS rows_with_key, (SELECT count(*) - count(tm_bkey) FROM tm_population) AS blank_key,
  (SELECT count(*) FROM tm_dk) AS duplicate_keys, (SELECT coalesce(sum(n), 0) FROM tm_dk) AS rows_involved`,
      columns: { rows_with_key: 'int', blank_key: 'int', duplicate_keys: 'int', rows_involved: 'int' },
    },
    {
      name: 'duplicate_key_rows',
      purpose: `duplicate_keys: the first ${check.cap} keys by lowest record, each with its first ${check.cap} records`,
      ctes: pop(ctx, groups,
        { name: 'tm_dk_top', sql: `SELECT tm_bkey, n, first_record FROM tm_dk ORDER BY first_record ${d.limit(check.cap)}` },
        { name: 'tm_dk_rows', sql: `SELECT p.tm_bkey AS tm_bkey, t.n AS n, t.first_record AS first_record, p.tm_record AS tm_record, row_number() OVER (PARTITION BY p.tm_bkey ORDER BY p.tm_record) AS tm_rank FROM tm_population AS p JOIN tm_dk_top AS t ON p.tm_bkey = t.tm_bkey` }),
      body: `SELECT tm_bkey AS key, n AS row_count, first_record, tm_record AS record FROM tm_dk_rows WHERE tm_rank <= ${check.cap} ORDER BY first_record, tm_record`,
      columns: { key: 'text', row_count: 'int', first_record: 'int', record: 'int' },
    },
  ];
}

/** duplicate_rows: identical rows (every cell), grouped by the SHA-256 of the canonical row text. */
export function duplicateRowStatements(ctx: CompileContext, check: CheckContext): Statement[] {
  const { d, model } = ctx;
  const cells = model.headers.map((_, i) => `c${i}`);
  const hashed: Cte = { name: 'tm_rh', sql: `SELECT tm_record, ${cells.join(', ')}, tm_row_hash AS h FROM tm_population` };
  const groups: Cte = { name: 'tm_dr', sql: `SELECT h, count(*) AS n, min(tm_record) AS first_record FROM tm_rh GROUP BY h HAVING count(*) > 1` };
  return [
    {
      name: 'duplicate_rows',
      purpose: 'duplicate_rows: sets of identical rows and the rows involved',
      ctes: pop(ctx, hashed, groups),
      body: `SELECT count(*) AS duplicate_groups, coalesce(sum(n), 0) AS rows_involved FROM tm_dr`,
      columns: { duplicate_groups: 'int', rows_involved: 'int' },
    },
    {
      name: 'duplicate_row_rows',
      purpose: `duplicate_rows: the first ${check.cap} sets by lowest record, each with its first ${check.cap} records and the cells they share`,
      ctes: pop(ctx, hashed, groups,
        { name: 'tm_dr_top', sql: `SELECT h, n, first_record FROM tm_dr ORDER BY first_record ${d.limit(check.cap)}` },
        { name: 'tm_dr_rows', sql: `SELECT r.*, t.n AS n, t.first_record AS first_record, row_number() OVER (PARTITION BY r.h ORDER BY r.tm_record) AS tm_rank FROM tm_rh AS r JOIN tm_dr_top AS t ON r.h = t.h` }),
      body: `SELECT n AS row_count, first_record, tm_record AS record, ${cells.join(', ')} FROM tm_dr_rows WHERE tm_rank <= ${check.cap} ORDER BY first_record, tm_record`,
      columns: { row_count: 'int', first_record: 'int', record: 'int', ...Object.fromEntries(cells.map((c) => [c, 'text' as const])) },
    },
  ];
}

/** blank_required: per required (mapped) field, blank and invalid cells, and the first rows of each. */
export function blankRequiredStatements(ctx: CompileContext, check: CheckContext, cellFields: readonly string[]): Statement[] {
  const { d } = ctx;
  const fields = check.params.requiredFields.filter((f) => ctx.model.mapping[f] !== undefined);
  if (!fields.length) return [];
  const at = (n: number) => cellFields.indexOf(fields[n]!);
  const typeOf = (n: number) => ctx.model.fields.find((x) => x.name === fields[n])?.type ?? 'string';
  const typeAt = new Map(fields.map((_, n) => [at(n), typeOf(n)]));
  // The invalid rule per type (blank-required.ts): text never invalid; an enum invalid when its trimmed text is not empty; other types when the cell has text.
  const problemOf = (i: number) => {
    const t = typeAt.get(i);
    return t === 'string' ? "'blank'" : t === 'enum' ? `CASE WHEN ${cell(i).nonBlank} = 1 THEN 'invalid' ELSE 'blank' END` : `CASE WHEN ${cell(i).ok} = 0 THEN 'invalid' ELSE 'blank' END`;
  };
  // tm_field is the required field's place (0, 1, … in the order of the mapped required fields).
  const problems: Cte = {
    name: 'tm_problems',
    sql: cellRows(ctx, fields.map((_, n) => ({ i: at(n), n })), (i) => `${cell(i).ok} IS NULL OR ${cell(i).ok} = 0`, { tm_raw: (i) => cellText(ctx, cellFields[i]!), problem: problemOf }),
  };
  return [
    {
      name: 'blank_required',
      purpose: 'blank_required: per field (in the order of the required fields that are mapped) blank and invalid cells',
      ctes: pop(ctx, typedCte(ctx, cellFields), problems),
      body: `SELECT tm_field AS field, ${d.countIf("problem = 'blank'")} AS blank, ${d.countIf("problem = 'invalid'")} AS invalid FROM tm_problems GROUP BY tm_field ORDER BY tm_field`,
      columns: { field: 'int', blank: 'int', invalid: 'int' },
    },
    {
      name: 'blank_required_rows',
      purpose: `blank_required: per field, the first ${check.cap} such rows by record`,
      ctes: pop(ctx, typedCte(ctx, cellFields), problems),
      body: `SELECT field, record, line, key, problem, value FROM (
  SELECT tm_field AS field, tm_record AS record, tm_line AS line, tm_key_display AS key, problem, tm_raw AS value, row_number() OVER (PARTITION BY tm_field ORDER BY tm_record) AS tm_rank FROM tm_problems
) AS t WHERE tm_rank <= ${check.cap} ORDER BY field, record`,
      columns: { field: 'int', record: 'int', line: 'int', key: 'text', problem: 'text', value: 'text' },
    },
  ];
}

export const PLAIN_DECIMAL_PATTERN = '^[-+]?([0-9]{1,18}[.]?[0-9]*|[.][0-9]+)$';

/** control_total: exact sums of the amount column per decimal scale, and the cells that are not plain decimals. */
export function controlTotalStatements(ctx: CompileContext, check: CheckContext): Statement[] {
  const { d } = ctx;
  const sum = check.params.expectSum;
  if (!sum) return [];
  const c = columnAlias(ctx, sum.header);
  const scope = check.params.controlScope === 'in_period' ? `WHERE ${inPeriod(check)}` : '';
  const amounts: Cte = {
    name: 'tm_amounts',
    sql: `SELECT tm_record, tm_line, tm_key_display, ${c} AS tm_raw, t,
  CASE WHEN t = '' THEN 'blank' WHEN ${d.matches('t', PLAIN_DECIMAL_PATTERN)} AND ${d.length("replace(replace(replace(t, '.', ''), '+', ''), '-', '')")} <= 18 THEN 'plain' ELSE 'other' END AS kind,
  CASE WHEN strpos_dot > 0 THEN ${d.length('t')} - strpos_dot ELSE 0 END AS scale
FROM (SELECT tm_record, tm_line, tm_key_display, ${c}, coalesce(${jsTrim(d, c)}, '') AS t, ${d.length(`coalesce(${d.extract(`coalesce(${jsTrim(d, c)}, '')`, '^[^.]*[.]')}, '')`)} AS strpos_dot FROM tm_population ${scope}) AS s`,
  };
  return [
    {
      name: 'control_total',
      purpose: 'control_total: per decimal scale, the sum of the plain amounts as integer units; blank cells',
      ctes: pop(ctx, amounts),
      body: `SELECT kind, scale, count(*) AS row_count, CAST(${d.bigSum(`CASE WHEN kind = 'plain' THEN ${d.toBigint("replace(replace(t, '.', ''), '+', '')")} ELSE 0 END`)} AS ${d.textType}) AS units
FROM tm_amounts WHERE kind <> 'other' GROUP BY kind, scale ORDER BY kind, scale`,
      columns: { kind: 'text', scale: 'int', row_count: 'int', units: 'text' },
    },
    {
      name: 'control_total_other',
      purpose: 'control_total: the amounts that are not plain decimals (tickmark reads each), with their rows',
      ctes: pop(ctx, amounts),
      body: `SELECT tm_record AS record, tm_line AS line, tm_key_display AS key, tm_raw AS value FROM tm_amounts WHERE kind = 'other' ORDER BY tm_record ${d.limit(10_000)}`,
      columns: { record: 'int', line: 'int', key: 'text', value: 'text' },
    },
  ];
}
