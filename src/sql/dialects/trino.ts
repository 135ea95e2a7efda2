/**
 * Trino: standard quoting, `chr(n)` for any code point, `sha256(to_utf8(x))` hex-encoded and
 * lower-cased, Java-style patterns through `regexp_like`, the standard `trim(BOTH chars FROM x)`
 * with a set of characters (code points), truncating `/` and `mod` on bigint. varchar compares by code point.
 */
import { doubleQuoted, doubleText, literalFromPieces, quoted, type Dialect } from './dialect.js';

export const trino: Dialect = {
  name: 'trino',
  functionsDoc: 'https://trino.io/docs/current/functions/list.html',
  ident: doubleQuoted,
  text: (value) => literalFromPieces(value, quoted, (cp) => `chr(${cp})`),
  chr: (cp) => `chr(${cp})`,
  textType: 'varchar',
  bigintType: 'bigint',
  doubleType: 'double',
  toBigint: (e) => `TRY_CAST(${e} AS bigint)`,
  double: (v) => `CAST(${quoted(doubleText(v))} AS double)`,
  sha256Hex: (e) => `lower(to_hex(sha256(to_utf8(${e}))))`,
  hexToBigint: (e) => `from_base(${e}, 16)`,
  trimChars: (e, chars) => `trim(BOTH ${chars} FROM ${e})`,
  ltrimSpaces: (e) => `trim(LEADING ' ' FROM ${e})`,
  matches: (e, p) => `regexp_like(${e}, ${quoted(p)})`,
  extract: (e, p) => `regexp_extract(${e}, ${quoted(p)})`,
  intDiv: (a, b) => `((${a}) / (${b}))`,
  mod: (a, b) => `mod(${a}, ${b})`,
  contains: (h, n) => `(strpos(${h}, ${n}) > 0)`,
  binary: (e) => e,
  intText: (e) => `CAST(${e} AS varchar)`,
  length: (e) => `length(${e})`,
  countIf: (c) => `count(CASE WHEN ${c} THEN 1 END)`,
  bigSum: (e) => `sum(CAST(${e} AS decimal(38, 0)))`,
  limit: (n) => `LIMIT ${n}`,
  fence: '',
  bool: (v) => (v ? 'TRUE' : 'FALSE'),
  epochMsOfInstant: (e) => `date_diff('millisecond', from_unixtime(0), ${e})`,
  epochMsOfWall: (e) => `date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', ${e})`,
  daysOfDate: (e) => `date_diff('day', DATE '1970-01-01', ${e})`,
};
