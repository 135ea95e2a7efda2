/**
 * Bind a parsed condition to one population chunk: each clause reads a column once, so testing
 * a row is a few array reads and string compares. Canonical string/enum fields are read typed
 * (trimmed; enums lower-cased); number fields as their decimal text (`3`, `2.5`); boolean fields
 * as `true`/`false` (a clause value of yes/no/y/n/1/0 means the same); source headers as raw text.
 * Timestamp fields cannot be compared as text: filter dates with the audit period instead.
 *
 * @example
 * const test = bindSelectionCondition(parseSelectionCondition('type=emergency'), chunk);
 * test(0) // true when row 0 is an emergency change
 */
import { tickmarkError } from '../../errors.js';
import type { PopulationChunk } from '../../population/types.js';
import { columnsOf } from '../../population/vectors.js';
import { resolveConditionName, type SelectionCondition, type ConditionClause } from './parse.js';

/** A row test over one chunk (row index 0..rows-1). */
export type RowMatch = (row: number) => boolean;

const BOOLEAN_WORDS: Record<string, string> = { true: 'true', yes: 'true', y: 'true', '1': 'true', false: 'false', no: 'false', n: 'false', '0': 'false' };

/** The names a chunk offers to conditions. */
export function conditionNamesOf(chunk: PopulationChunk): { fields: string[]; headers: string[] } {
  return { fields: Object.keys(chunk.fields), headers: Object.keys(chunk.source) };
}

/** A reader of one column as normalised text (trimmed, lower-cased; blank → ''). */
function columnText(condition: SelectionCondition, clause: ConditionClause, chunk: PopulationChunk): { read: (row: number) => string; values: string[] } {
  const target = resolveConditionName(condition, clause.field, conditionNamesOf(chunk));
  if (target.kind === 'header') {
    const column = columnsOf(chunk).source(target.name)!.values();
    return { read: (row) => (column[row] ?? '').trim().toLowerCase(), values: clause.values };
  }
  const column = columnsOf(chunk).field(target.name)!;
  switch (column.type) {
    case 'string':
    case 'enum': {
      const values = column.values();
      return { read: (row) => (values[row] ?? '').trim().toLowerCase(), values: clause.values };
    }
    case 'number': {
      const values = column.values;
      const wanted = clause.values.map((v) => (v === '' || Number.isNaN(Number(v)) ? v : String(Number(v))));
      return { read: (row) => (Number.isNaN(values[row]!) ? '' : String(values[row])), values: wanted };
    }
    case 'boolean': {
      const values = column.values;
      const wanted = clause.values.map((v) => BOOLEAN_WORDS[v] ?? v);
      return { read: (row) => (Number.isNaN(values[row]!) ? '' : values[row] ? 'true' : 'false'), values: wanted };
    }
    case 'timestamp':
      throw tickmarkError('TM_ERR_BAD_EXPRESSION', {
        expr: condition.text,
        reason: `${JSON.stringify(clause.field)} is a timestamp; timestamps cannot be compared as text (use the audit period filter)`,
      });
  }
}

function clauseTest(condition: SelectionCondition, clause: ConditionClause, chunk: PopulationChunk): RowMatch {
  const { read, values } = columnText(condition, clause, chunk);
  const first = values[0]!;
  switch (clause.op) {
    case '=':
      return (row) => read(row) === first;
    case '!=':
      return (row) => read(row) !== first;
    case '~=':
      return (row) => read(row).includes(first);
    case 'in': {
      const set = new Set(values);
      return (row) => set.has(read(row));
    }
  }
}

/**
 * Compile a condition against a chunk (throws TM_ERR_BAD_EXPRESSION for an unknown field).
 *
 * @example
 * bindSelectionCondition(parseSelectionCondition('environment!=staging'), chunk)(3) // false for a staging row
 */
export function bindSelectionCondition(condition: SelectionCondition, chunk: PopulationChunk): RowMatch {
  const tests = condition.clauses.map((clause) => clauseTest(condition, clause, chunk));
  if (tests.length === 1) return tests[0]!;
  return (row) => {
    for (const test of tests) if (!test(row)) return false;
    return true;
  };
}
