/**
 * DuckDB: standard quoting, `chr(n)` for any code point, `sha256()` over UTF-8 text, RE2
 * patterns, `trim(x, chars)` with a set of characters, truncating `//` and `%` on integers.
 * Text compares by its UTF-8 bytes (code point order) under the default collation.
 */
import { doubleQuoted, doubleText, literalFromPieces, quoted, type Dialect } from './dialect.js';

export const duckdb: Dialect = {
  name: 'duckdb',
  functionsDoc: 'https://duckdb.org/docs/stable/sql/functions/overview',
  ident: doubleQuoted,
  text: (value) => literalFromPieces(value, quoted, (cp) => `chr(${cp})`),
  chr: (cp) => `chr(${cp})`,
  textType: 'VARCHAR',
  bigintType: 'BIGINT',
  doubleType: 'DOUBLE',
  toBigint: (e) => `TRY_CAST(${e} AS BIGINT)`,
  double: (v) => `CAST(${quoted(doubleText(v))} AS DOUBLE)`,
  sha256Hex: (e) => `sha256(${e})`,
  hexToBigint: (e) => `CAST('0x' || ${e} AS BIGINT)`,
  trimChars: (e, chars) => `trim(${e}, ${chars})`,
  ltrimSpaces: (e) => `ltrim(${e}, ' ')`,
  matches: (e, p) => `regexp_full_match(${e}, ${quoted(p)})`,
  extract: (e, p) => `regexp_extract(${e}, ${quoted(p)})`,
  intDiv: (a, b) => `((${a}) // (${b}))`,
  mod: (a, b) => `((${a}) % (${b}))`,
  contains: (h, n) => `contains(${h}, ${n})`,
  binary: (e) => e,
  intText: (e) => `CAST(${e} AS VARCHAR)`,
  length: (e) => `length(${e})`,
  countIf: (c) => `count(CASE WHEN ${c} THEN 1 END)`,
  bigSum: (e) => `sum(CAST(${e} AS HUGEINT))`,
  limit: (n) => `LIMIT ${n}`,
  fence: '',
  bool: (v) => (v ? 'TRUE' : 'FALSE'),
  epochMsOfInstant: (e) => `epoch_ms(${e})`,
  epochMsOfWall: (e) => `epoch_ms(${e})`,
  daysOfDate: (e) => `(${e} - DATE '1970-01-01')`,
};
