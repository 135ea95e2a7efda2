/**
 * BigQuery (GoogleSQL): backquoted identifiers (each part of `project.dataset.table` quoted
 * alone), string literals with backslash escapes (`\'`, `\\`, `\uXXXX`, `\UXXXXXXXX`),
 * `TO_HEX(SHA256(x))` over UTF-8, RE2 patterns through `REGEXP_CONTAINS`, `TRIM(x, chars)` with
 * a set of characters, truncating `DIV` and `MOD`.
 */
import { doubleText, type Dialect } from './dialect.js';

function escapeText(value: string): string {
  let out = '';
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (c === 0x27) out += "\\'";
    else if (c === 0x5c) out += '\\\\';
    else if (c >= 0x20 && c <= 0x7e) out += ch;
    else if (c <= 0xffff) out += `\\u${c.toString(16).padStart(4, '0').toUpperCase()}`;
    else out += `\\U${c.toString(16).padStart(8, '0').toUpperCase()}`;
  }
  return `'${out}'`;
}

export const bigquery: Dialect = {
  name: 'bigquery',
  functionsDoc: 'https://cloud.google.com/bigquery/docs/reference/standard-sql/functions-all',
  ident: (name) => {
    if (name === '') throw new TypeError('an identifier must be a non-empty name');
    return `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``;
  },
  text: escapeText,
  chr: (cp) => escapeText(String.fromCodePoint(cp)),
  textType: 'STRING',
  bigintType: 'INT64',
  doubleType: 'FLOAT64',
  toBigint: (e) => `SAFE_CAST(${e} AS INT64)`,
  double: (v) => `CAST('${doubleText(v)}' AS FLOAT64)`,
  sha256Hex: (e) => `TO_HEX(SHA256(${e}))`,
  hexToBigint: (e) => `CAST(CONCAT('0x', ${e}) AS INT64)`,
  trimChars: (e, chars) => `TRIM(${e}, ${chars})`,
  ltrimSpaces: (e) => `LTRIM(${e}, ' ')`,
  matches: (e, p) => `REGEXP_CONTAINS(${e}, ${escapeText(p)})`,
  extract: (e, p) => `REGEXP_EXTRACT(${e}, ${escapeText(p)})`,
  intDiv: (a, b) => `DIV(${a}, ${b})`,
  mod: (a, b) => `MOD(${a}, ${b})`,
  contains: (h, n) => `(STRPOS(${h}, ${n}) > 0)`,
  binary: (e) => e,
  intText: (e) => `CAST(${e} AS STRING)`,
  length: (e) => `CHAR_LENGTH(${e})`,
  countIf: (c) => `COUNTIF(${c})`,
  bigSum: (e) => `SUM(CAST(${e} AS BIGNUMERIC))`,
  limit: (n) => `LIMIT ${n}`,
  fence: '',
  bool: (v) => (v ? 'TRUE' : 'FALSE'),
  epochMsOfInstant: (e) => `UNIX_MILLIS(${e})`,
  epochMsOfWall: (e) => `UNIX_MILLIS(TIMESTAMP(${e}, 'UTC'))`,
  daysOfDate: (e) => `UNIX_DATE(${e})`,
};
