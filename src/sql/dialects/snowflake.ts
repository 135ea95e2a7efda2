/**
 * Snowflake: standard quoting (a quoted name keeps its case: write it as the table has it),
 * `CHR(n)` for any code point, `SHA2(x, 256)` over UTF-8, POSIX patterns through `REGEXP_LIKE`
 * (which matches the whole text), `TRIM(x, chars)` with a set of characters. Integer division
 * is written `(a - MOD(a, b)) / b`: an exact quotient, never a rounded decimal.
 */
import { doubleQuoted, doubleText, literalFromPieces, quoted, type Dialect } from './dialect.js';

export const snowflake: Dialect = {
  name: 'snowflake',
  functionsDoc: 'https://docs.snowflake.com/en/sql-reference/functions-all',
  ident: doubleQuoted,
  text: (value) => literalFromPieces(value.replaceAll('\\', '\u0000'), (plain) => quoted(plain), (cp) => (cp === 0 ? `'\\\\'` : `CHR(${cp})`)),
  chr: (cp) => `CHR(${cp})`,
  textType: 'VARCHAR',
  bigintType: 'BIGINT',
  doubleType: 'DOUBLE',
  toBigint: (e) => `TRY_CAST(${e} AS BIGINT)`,
  double: (v) => `CAST('${doubleText(v)}' AS DOUBLE)`,
  sha256Hex: (e) => `SHA2(${e}, 256)`,
  hexToBigint: (e) => `TO_NUMBER(${e}, 'XXXXXXXX')`,
  trimChars: (e, chars) => `TRIM(${e}, ${chars})`,
  ltrimSpaces: (e) => `LTRIM(${e}, ' ')`,
  matches: (e, p) => `REGEXP_LIKE(${e}, ${quoted(p)})`,
  extract: (e, p) => `REGEXP_SUBSTR(${e}, ${quoted(p)})`,
  intDiv: (a, b) => `(((${a}) - MOD(${a}, ${b})) / (${b}))`,
  mod: (a, b) => `MOD(${a}, ${b})`,
  contains: (h, n) => `CONTAINS(${h}, ${n})`,
  binary: (e) => e,
  intText: (e) => `CAST(${e} AS VARCHAR)`,
  length: (e) => `LENGTH(${e})`,
  countIf: (c) => `COUNT_IF(${c})`,
  bigSum: (e) => `SUM(CAST(${e} AS NUMBER(38, 0)))`,
  limit: (n) => `LIMIT ${n}`,
  fence: '',
  bool: (v) => (v ? 'TRUE' : 'FALSE'),
  epochMsOfInstant: (e) => `DATE_PART(EPOCH_MILLISECOND, ${e})`,
  epochMsOfWall: (e) => `DATE_PART(EPOCH_MILLISECOND, ${e})`,
  daysOfDate: (e) => `DATEDIFF(day, DATE '1970-01-01', ${e})`,
};
