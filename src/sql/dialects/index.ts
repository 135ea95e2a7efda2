/**
 * The dialects, by name. Re-exports only, plus the lookup that names the choices when a name is
 * unknown.
 *
 * @example
 * dialectOf('postgres').sha256Hex('k') // "encode(sha256(convert_to(k, 'UTF8')), 'hex')"
 */
import { tickmarkError } from '../../errors.js';
import { bigquery } from './bigquery.js';
import { dialectNames, type Dialect, type DialectName } from './dialect.js';
import { duckdb } from './duckdb.js';
import { postgres } from './postgres.js';
import { snowflake } from './snowflake.js';
import { spark } from './spark.js';
import { trino } from './trino.js';

export * from './dialect.js';

export const dialects: Record<DialectName, Dialect> = { duckdb, postgres, trino, spark, bigquery, snowflake };

export function dialectOf(name: string): Dialect {
  if (!(dialectNames as readonly string[]).includes(name)) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--dialect', expected: `must be one of ${dialectNames.join(', ')}`, got: name });
  }
  return dialects[name as DialectName];
}
