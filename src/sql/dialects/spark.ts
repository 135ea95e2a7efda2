/**
 * Spark SQL (3.2+): backquoted identifiers, string literals with backslash escapes (`\'`, `\\`,
 * `\uXXXX` — Spark's `chr()` is ASCII only, so other characters are written as escapes, a
 * supplementary character as its UTF-16 pair), `sha2(x, 256)` over UTF-8, Java patterns through
 * `RLIKE`, `btrim(x, chars)` with a set of characters, truncating `div` and `%`.
 */
import { doubleText, type Dialect } from './dialect.js';

function escapeText(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x27) out += "\\'";
    else if (c === 0x5c) out += '\\\\';
    else if (c >= 0x20 && c <= 0x7e) out += value[i];
    else out += `\\u${c.toString(16).padStart(4, '0').toUpperCase()}`;
  }
  return `'${out}'`;
}

export const spark: Dialect = {
  name: 'spark',
  functionsDoc: 'https://spark.apache.org/docs/latest/api/sql/index.html',
  ident: (name) => {
    if (name === '') throw new TypeError('an identifier must be a non-empty name');
    return `\`${name.replaceAll('`', '``')}\``;
  },
  text: escapeText,
  chr: (cp) => escapeText(String.fromCodePoint(cp)),
  textType: 'STRING',
  bigintType: 'BIGINT',
  doubleType: 'DOUBLE',
  toBigint: (e) => `try_cast(${e} AS BIGINT)`,
  double: (v) => `CAST('${doubleText(v)}' AS DOUBLE)`,
  sha256Hex: (e) => `sha2(${e}, 256)`,
  hexToBigint: (e) => `CAST(conv(${e}, 16, 10) AS BIGINT)`,
  trimChars: (e, chars) => `btrim(${e}, ${chars})`,
  ltrimSpaces: (e) => `regexp_replace(${e}, '^ +', '')`,
  matches: (e, p) => `(${e} RLIKE ${escapeText(p)})`,
  extract: (e, p) => `regexp_extract(${e}, ${escapeText(p)}, 0)`,
  intDiv: (a, b) => `((${a}) div (${b}))`,
  mod: (a, b) => `((${a}) % (${b}))`,
  contains: (h, n) => `(instr(${h}, ${n}) > 0)`,
  binary: (e) => e,
  intText: (e) => `CAST(${e} AS STRING)`,
  length: (e) => `char_length(${e})`,
  countIf: (c) => `count(CASE WHEN ${c} THEN 1 END)`,
  bigSum: (e) => `sum(CAST(${e} AS DECIMAL(38, 0)))`,
  limit: (n) => `LIMIT ${n}`,
  fence: '',
  bool: (v) => (v ? 'TRUE' : 'FALSE'),
  epochMsOfInstant: (e) => `unix_millis(${e})`,
  epochMsOfWall: (e) => `unix_millis(to_utc_timestamp(CAST(${e} AS TIMESTAMP), current_timezone()))`,
  daysOfDate: (e) => `datediff(${e}, DATE '1970-01-01')`,
};
