/**
 * Permanent random numbers (PRN): every record's number in [0, 1), a pure function of the seed
 * and the record key, that a reviewer can recompute outside tickmark with standard tools.
 *
 *   digest = SHA-256( UTF-8( seed + U+001F + key ) )
 *   prnHex = the first 13 hex digits of the digest (its top 52 bits)
 *   prn    = integer(prnHex) / 2^52
 *
 * The integer is below 2^52, so it and the quotient are exact in a double (and in a spreadsheet).
 * Node's one-shot `crypto.hash` is the per-record cost. The hot path asks for the digest as
 * Latin-1 text (one char per byte, no hex encoding, no Buffer) and reads its first 7 bytes
 * instead of parsing the hex digest.
 *
 * @example
 * prn('20251231', 'CHG0001234') // a number in [0, 1), the same on every machine
 */
import * as crypto from 'node:crypto';

/** Versioned identifier of the PRN function and the selection rules built on it. */
export const PRN_ALGORITHM = 'tickmark-prn-sha256-52/1' as const;
export type PrnAlgorithm = typeof PRN_ALGORITHM;

/** Separator between the seed and the key in the hashed text (ASCII unit separator, U+001F). */
export const PRN_SEPARATOR = '\u001f';

const TWO_52 = 2 ** 52;
const TWO_24 = 2 ** 24;

type OneShotHash = (algorithm: string, data: string, outputEncoding: 'hex' | 'latin1') => string;
const oneShot: OneShotHash | undefined = (crypto as unknown as { hash?: OneShotHash }).hash;

/** SHA-256 hex digest of a UTF-8 string (one-shot when the runtime has it). */
function sha256Hex(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SHA-256 digest of a UTF-8 string as Latin-1 text: 32 chars, each one byte of the digest. */
function sha256Bytes(text: string): string {
  return oneShot ? oneShot('sha256', text, 'latin1') : crypto.createHash('sha256').update(text, 'utf8').digest().toString('latin1');
}

/** The text that is hashed for a record: `seed ␟ key`. */
export function prnInput(seed: string, key: string): string {
  return seed + PRN_SEPARATOR + key;
}

/**
 * PRN of an already-prefixed input (`seed + U+001F` computed once per chunk, then `+ key`).
 * Hot path: one hash and one parseInt per record, no other allocation.
 */
export function prnOfInput(input: string): number {
  const d = sha256Bytes(input);
  // The top 52 bits: bytes 0–5 whole and the high nibble of byte 6 (exact integer arithmetic below 2^53).
  const high = d.charCodeAt(0) * 16777216 + d.charCodeAt(1) * 65536 + d.charCodeAt(2) * 256 + d.charCodeAt(3);
  return (high * 1048576 + d.charCodeAt(4) * 4096 + d.charCodeAt(5) * 16 + (d.charCodeAt(6) >> 4)) / TWO_52;
}

/**
 * The record's permanent random number in [0, 1).
 *
 * @example
 * prn('42', 'CHG0000001') === parseInt(prnHex('42', 'CHG0000001'), 16) / 2 ** 52 // true
 */
export function prn(seed: string, key: string): number {
  return prnOfInput(prnInput(seed, key));
}

/**
 * The PRN's exact 52-bit integer as 13 lower-case hex digits (the first 13 of the SHA-256 digest).
 *
 * @example
 * prnHex('42', 'CHG0000001').length // 13
 */
export function prnHex(seed: string, key: string): string {
  return sha256Hex(prnInput(seed, key)).slice(0, 13);
}

/**
 * The 13 hex digits of a PRN value (exact: a PRN times 2^52 is an integer below 2^52).
 *
 * @example
 * hexOfPrn(prn('42', 'K')) === prnHex('42', 'K') // true
 */
export function hexOfPrn(value: number): string {
  // Two small integers (28 + 24 bits): Number#toString(16) is slow on large doubles.
  const integer = value * TWO_52;
  const high = Math.floor(integer / TWO_24);
  return high.toString(16).padStart(7, '0') + (integer - high * TWO_24).toString(16).padStart(6, '0');
}

/**
 * How to recompute a PRN with standard tools: the text printed in workbooks and manifests.
 *
 * @example
 * describePrn().includes('sha256sum') // true
 */
export function describePrn(): string {
  return [
    `Permanent random numbers (algorithm ${PRN_ALGORITHM})`,
    'Every record has a permanent random number (PRN) in [0, 1) that depends only on the seed and the record key:',
    '  1. Join the seed and the key with the ASCII unit separator (byte 0x1F, octal 037) and encode as UTF-8.',
    '  2. Take the SHA-256 digest of those bytes, written as 64 hexadecimal digits.',
    '  3. Keep the first 13 hex digits (the top 52 bits of the digest): this is prnHex.',
    '  4. Convert prnHex to an integer and divide by 2^52 (4503599627370496): this is the PRN.',
    'Record key: the business key fields, trimmed and joined by the same 0x1F separator; a row with no key',
    'uses a content key: "#" followed by the SHA-256 (hex) of its source cells joined by 0x1F.',
    'Recompute in a shell (SEED and KEY as printed in the workbook):',
    "  printf '%s\\037%s' 'SEED' 'KEY' | sha256sum | cut -c1-13",
    "  (a key of two fields, e.g. employee and account: printf '%s\\037%s\\037%s' 'SEED' 'FIELD1' 'FIELD2' | sha256sum)",
    "  python3 -c 'import sys; print(int(sys.argv[1], 16) / 2**52)' PRNHEX",
    'or in one step with Python:',
    "  python3 -c 'import hashlib,sys; h=hashlib.sha256((sys.argv[1]+chr(31)+sys.argv[2]).encode()).hexdigest()[:13]; print(h, int(h,16)/2**52)' 'SEED' 'KEY'",
    'or in a spreadsheet, with the 13 hex digits in cell A1 (HEX2DEC reads at most 10 digits, so in two parts):',
    '  =(HEX2DEC(LEFT(A1,7))*2^24 + HEX2DEC(MID(A1,8,6))) / 2^52',
    'Simple random selection takes the records with the smallest PRN; equal PRNs (identical keys) are',
    'ordered by key (Unicode code units), then by source record number.',
  ].join('\n');
}
