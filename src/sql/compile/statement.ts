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

/**
 * Relations many statements read, which an engine running a whole pull in one session makes once
 * as temporary tables (each name always holds the same query within a pull): the population, the
 * typed cells (one row per source row), the cells that did not type, the sequence values, the units and the eligibility.
 */
export const SHARED_RELATIONS: ReadonlySet<string> = new Set([POPULATION, 'tm_typed', 'tm_invalid', 'tm_seq', 'tm_units', 'tm_eligible']);

/** The typed fields' cells that have text and did not type, one row each (checks.ts). */
export const INVALID_CELLS = 'tm_invalid';

/**
 * The statement as one query. `materialised`: the relations that exist as tables already
 * (true: every shared relation); their CTEs are left out.
 */
export function renderStatement(s: Statement, materialised: boolean | ReadonlySet<string> = false): string {
  const made = materialised === true ? SHARED_RELATIONS : materialised === false ? new Set<string>() : materialised;
  const ctes = s.ctes.filter((c) => !made.has(c.name));
  const withClause = ctes.length ? `WITH ${ctes.map((c) => `${c.name} AS (\n${c.sql}\n)`).join(',\n')}\n` : '';
  return `${withClause}${s.body}`;
}

/** The statement with its header comment, as printed and recorded. */
export function printStatement(s: Statement, materialised: boolean | ReadonlySet<string> = false): string {
  return `-- statement: ${s.name}\n-- ${s.purpose}\n${renderStatement(s, materialised)};\n`;
}
