/**
 * Statement results read back as typed rows: every engine (and a results file) hands back its
 * own spellings — bigints as strings or BigInts, numbers as text in a CSV — so each value is
 * read by the type its statement declares, and a value that is not one is refused with the
 * statement and column named.
 *
 * @example
 * typedRows(statement, [{ considered: '12' }])[0].considered // 12
 */
import { tickmarkError } from '../../errors.js';
import type { ResultRow } from '../engines/engine.js';
import type { ResultType, Statement } from '../compile/statement.js';

export type TypedRow = Record<string, number | string | boolean | null>;

function readValue(v: unknown, type: ResultType, where: string): number | string | boolean | null {
  if (v === null || v === undefined) return null;
  if (type === 'text') return typeof v === 'string' ? v : String(v);
  if (type === 'bool') return v === true || v === 1 || v === 't' || v === 'true' || v === '1';
  const text = typeof v === 'bigint' ? v.toString() : String(v).trim();
  if (text === '') return null;
  if (!/^-?\d+$/.test(text)) throw tickmarkError('TM_ERR_SQL_RESULTS', { dir: where, reason: `expected an integer, got ${JSON.stringify(text)}` });
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw tickmarkError('TM_ERR_SQL_RESULTS', { dir: where, reason: `integer ${text} is too large` });
  return n;
}

export function typedRows(statement: Pick<Statement, 'name' | 'columns'>, rows: readonly ResultRow[]): TypedRow[] {
  const columns = Object.entries(statement.columns);
  return rows.map((row) => {
    const lower = new Map(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v]));
    const out: TypedRow = {};
    for (const [name, type] of columns) out[name] = readValue(lower.get(name), type, `statement ${statement.name}, column ${name}`);
    return out;
  });
}

export const int = (v: unknown): number => (typeof v === 'number' ? v : 0);
export const text = (v: unknown): string => (typeof v === 'string' ? v : '');
