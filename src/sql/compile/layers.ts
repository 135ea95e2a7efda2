/**
 * Layered SELECTs: each layer adds named columns computed from the layer below
 * (`SELECT *, expr AS name FROM (…) AS tm_lN`), so a long computation — a timestamp parsed from
 * text, a civil date from a day number — reads as a list of small steps, each written once, and
 * every engine evaluates a repeated sub-expression only once.
 *
 * @example
 * layered('SELECT 1 AS a', [[['b', 'a + 1']], [['c', 'b * 2']]]) // SELECT *, b * 2 AS c FROM (SELECT *, a + 1 AS b FROM (SELECT 1 AS a) AS tm_l1) AS tm_l2
 */
export type Column = readonly [name: string, expr: string];
export type Layer = readonly Column[];

export function layered(inner: string, layers: readonly Layer[], fence = ''): string {
  let sql = inner;
  let depth = 0;
  for (const layer of layers) {
    if (!layer.length) continue;
    sql = `SELECT *, ${layer.map(([name, expr]) => `${expr} AS ${name}`).join(', ')}\nFROM (${sql}${fence}) AS tm_l${++depth}`;
  }
  return sql;
}

/** Indentation for readable statements. */
export const indent = (sql: string, by = '  '): string => sql.split('\n').map((l) => by + l).join('\n');
