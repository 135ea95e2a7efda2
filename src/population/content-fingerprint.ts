/**
 * The content fingerprint: an identity of a population's rows that does not depend on their
 * order, computed the same way by tickmark (here, over a stored population's chunks) and by any
 * SQL engine (sql/compile/fingerprint.ts), so a table in a warehouse has an identity a workbook
 * can cite and `verify` can recompute. For a file, the SHA-256 of its bytes stays the identity;
 * the fingerprint is recorded beside it, and a file loaded into a warehouse keeps it. Exactly:
 *
 *   row text    = every cell in column order, a blank cell (isBlankCell) as '', else its text
 *                 unchanged, joined by U+001F (the text a content key hashes, population/key.ts)
 *   row hash    = the first 16 hex digits of SHA-256(UTF-8(row text)), an unsigned 64-bit integer
 *   fingerprint = the sum of the row hashes modulo 2^64, as 16 lower-case hex digits
 *
 * written `tickmark-rows-sha256-sum64/1 rows=N sum=HEX16`. A sum is the same in any order and
 * any grouping (SQL sums the high and low 32 bits apart, exactly). It does not depend on the
 * column names, only on their order and the cells.
 *
 * @example
 * const fp = contentFingerprintOfRows([['CHG1', '2025-01-02'], ['CHG2', null]])
 * fp.text // 'tickmark-rows-sha256-sum64/1 rows=2 sum=…'
 */
import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import type { PopulationChunk } from './types.js';
import { columnsOf } from './vectors.js';

export const FINGERPRINT_ALGORITHM = 'tickmark-rows-sha256-sum64/1' as const;

export interface ContentFingerprint {
  algorithm: typeof FINGERPRINT_ALGORITHM;
  rows: number;
  /** 16 lower-case hex digits. */
  sum: string;
  /** `tickmark-rows-sha256-sum64/1 rows=N sum=HEX16`. */
  text: string;
}

const MOD = 1n << 64n;

/** The fingerprint from a row count and a sum (any integer; reduced modulo 2^64). */
export function fingerprintOf(rows: number, sum: bigint): ContentFingerprint {
  const hex = (((sum % MOD) + MOD) % MOD).toString(16).padStart(16, '0');
  return { algorithm: FINGERPRINT_ALGORITHM, rows, sum: hex, text: `${FINGERPRINT_ALGORITHM} rows=${rows} sum=${hex}` };
}

type OneShotHash = (algorithm: string, data: string, outputEncoding: 'hex') => string;
const oneShot: OneShotHash | undefined = (crypto as unknown as { hash?: OneShotHash }).hash;
const sha256Hex = (text: string): string => (oneShot ? oneShot('sha256', text, 'hex') : createHash('sha256').update(text, 'utf8').digest('hex'));

/** Rows whose 32-bit halves can be summed as doubles before the sums could lose a bit (2^53 / 2^32). */
const FLUSH_EVERY = 1 << 20;

/** A running fingerprint: add rows (cells, blank as null) in any order. */
export class FingerprintAccumulator {
  private sum = 0n;
  private high = 0;
  private low = 0;
  private pending = 0;
  private count = 0;

  addRowText(text: string): void {
    const hex = sha256Hex(text);
    this.high += parseInt(hex.slice(0, 8), 16);
    this.low += parseInt(hex.slice(8, 16), 16);
    this.count++;
    if (++this.pending === FLUSH_EVERY) this.flush();
  }

  private flush(): void {
    this.sum += (BigInt(this.high) << 32n) + BigInt(this.low);
    this.high = 0;
    this.low = 0;
    this.pending = 0;
  }

  addCells(cells: readonly (string | null | undefined)[]): void {
    this.addRowText(cells.map((c) => c ?? '').join('\u001f'));
  }

  /** Every row of a chunk (its source cells in `headers` order). */
  addChunk(chunk: PopulationChunk, headers: readonly string[]): void {
    const columns = headers.map((h) => columnsOf(chunk).source(h));
    for (let i = 0; i < chunk.rows; i++) this.addCells(columns.map((c) => c?.cell(i) ?? null));
  }

  finish(): ContentFingerprint {
    this.flush();
    return fingerprintOf(this.count, this.sum);
  }
}

/** The fingerprint of literal rows (tests, small tables). */
export function contentFingerprintOfRows(rows: Iterable<readonly (string | null | undefined)[]>): ContentFingerprint {
  const acc = new FingerprintAccumulator();
  for (const row of rows) acc.addCells(row);
  return acc.finish();
}

