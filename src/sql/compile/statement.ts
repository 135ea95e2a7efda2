/**
 * A compiled statement: its name (the file its result is saved as: NAME.csv / NAME.json), what it
 * computes, the CTEs it reads (the population first), its final SELECT and the columns it
 * returns. Rendered inline (self-contained, for `tickmark sql`) or against a population already
 * materialised as a table (`tm_population`), which is how the engines run a pull.
 *
 * @example
 * renderStatement(statement) // "-- counts: …\nWITH tm_population AS (…)\nSELECT …"
 */
export interface Cte {
  name: string;
  sql: string;
}

export type ResultType = 'int' | 'text' | 'bool';

export interface Statement {
  name: string;
  purpose: string;
  ctes: Cte[];
  body: string;
  /** Result columns, in order, with their types (how a results file is read back). */
  columns: Record<string, ResultType>;
}

export const POPULATION = 'tm_population';

/** The statement as one self-contained query. `materialised`: tm_population exists as a table. */
export function renderStatement(s: Statement, materialised = false): string {
  const ctes = s.ctes.filter((c) => !(materialised && c.name === POPULATION));
  const withClause = ctes.length ? `WITH ${ctes.map((c) => `${c.name} AS (\n${c.sql}\n)`).join(',\n')}\n` : '';
  return `${withClause}${s.body}`;
}

/** The statement with its header comment, as printed and recorded. */
export function printStatement(s: Statement, materialised = false): string {
  return `-- statement: ${s.name}\n-- ${s.purpose}\n${renderStatement(s, materialised)};\n`;
}
