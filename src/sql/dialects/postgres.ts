/**
 * PostgreSQL (11+, a UTF8 database): standard quoting, `chr(n)` for any code point (UTF8),
 * `sha256(convert_to(x, 'UTF8'))`, ARE patterns, `btrim(x, chars)` with a set of characters,
 * truncating `/` and `%` on bigint. Text is compared under `COLLATE "C"` (code point order),
 * never the database's linguistic collation.
 */
import { doubleQuoted, doubleText, literalFromPieces, quoted, type Dialect } from './dialect.js';

export const postgres: Dialect = {
  name: 'postgres',
  functionsDoc: 'https://www.postgresql.org/docs/current/functions.html',
  ident: doubleQuoted,
  text: (value) => literalFromPieces(value, quoted, (cp) => `chr(${cp})`),
  chr: (cp) => `chr(${cp})`,
  textType: 'text',
  bigintType: 'bigint',
  doubleType: 'double precision',
  toBigint: (e) => `CAST(${e} AS bigint)`,
  double: (v) => `CAST(${quoted(doubleText(v))} AS double precision)`,
  sha256Hex: (e) => `encode(sha256(convert_to(${e}, 'UTF8')), 'hex')`,
  hexToBigint: (e) => `CAST(CAST('x' || lpad(${e}, 16, '0') AS bit(64)) AS bigint)`,
  trimChars: (e, chars) => `btrim(${e}, ${chars})`,
  ltrimSpaces: (e) => `ltrim(${e}, ' ')`,
  matches: (e, p) => `(${e} ~ ${quoted(p)})`,
  extract: (e, p) => `substring(${e} from ${quoted(p)})`,
  intDiv: (a, b) => `((${a}) / (${b}))`,
  mod: (a, b) => `((${a}) % (${b}))`,
  contains: (h, n) => `(strpos(${h}, ${n}) > 0)`,
  binary: (e) => `(${e} COLLATE "C")`,
  intText: (e) => `CAST(${e} AS text)`,
  length: (e) => `length(${e})`,
  countIf: (c) => `count(CASE WHEN ${c} THEN 1 END)`,
  bigSum: (e) => `sum(CAST(${e} AS numeric))`,
  limit: (n) => `LIMIT ${n}`,
  bool: (v) => (v ? 'TRUE' : 'FALSE'),
  epochMsOfInstant: (e) => `CAST(floor(extract(epoch from ${e}) * 1000) AS bigint)`,
  epochMsOfWall: (e) => `CAST(floor(extract(epoch from ${e}) * 1000) AS bigint)`,
  daysOfDate: (e) => `(${e} - DATE '1970-01-01')`,
};
