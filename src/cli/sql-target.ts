/**
 * Whether `tickmark pull` names a population that lives in SQL (a postgres:// URL, a .parquet
 * file, `--from-results DIR`), and the flags only such a pull takes. Kept apart from the SQL
 * pull's flag reading (sql-flags.ts), which a pull of a stored population or file never loads.
 */
import { str } from './args.js';
import type { CommandContext } from './command.js';

/** Flags a SQL pull adds to `tickmark pull`. */
export const sqlPullFlags = {
  'from-results': { type: 'string' },
  'record-column': { type: 'string' },
  'line-column': { type: 'string' },
} as const;

/** True when `tickmark pull` is given a population that lives in SQL. */
export function isSqlPull(ctx: CommandContext): boolean {
  const arg = ctx.positionals[0] ?? '';
  return str(ctx, 'from-results') !== undefined || /^postgres(ql)?:\/\//i.test(arg) || /\.parquet$/i.test(arg);
}
