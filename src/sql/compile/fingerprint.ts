/**
 * The content fingerprint in SQL (population/content-fingerprint.ts): each row's hash is the first
 * 16 hex digits of SHA-256 over its canonical row text, summed as two 32-bit halves with exact
 * (decimal) sums; tickmark adds the halves modulo 2^64.
 *
 * @example
 * fingerprintStatement(ctx).columns // { row_count: 'int', sum_hi: 'text', sum_lo: 'text' }
 */
import type { CompileContext } from './context.js';
import { populationCte } from './selection.js';
import type { Statement } from './statement.js';

export function fingerprintStatement(ctx: CompileContext): Statement {
  const { d } = ctx;
  return {
    name: 'fingerprint',
    purpose: 'the content fingerprint: rows, and the sums of the high and low 32 bits of each row hash (SHA-256 of the canonical row text)',
    ctes: [populationCte(ctx), { name: 'tm_row_hashes', sql: 'SELECT tm_row_hash AS h FROM tm_population' }],
    body: `SELECT count(*) AS row_count, CAST(${d.bigSum(d.hexToBigint('substr(h, 1, 8)'))} AS ${d.textType}) AS sum_hi, CAST(${d.bigSum(d.hexToBigint('substr(h, 9, 8)'))} AS ${d.textType}) AS sum_lo
FROM tm_row_hashes`,
    columns: { row_count: 'int', sum_hi: 'text', sum_lo: 'text' },
  };
}
