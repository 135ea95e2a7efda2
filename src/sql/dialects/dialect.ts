/**
 * A SQL dialect: the few spellings that differ between engines, each behind one method, so the
 * compiler writes every statement once. Two methods are the only way user text enters SQL:
 * `ident` (a table or column name, always quoted, inner quotes doubled) and `text` (a string
 * literal, inner quotes doubled, control and non-ASCII characters written as code points so the
 * statement stays printable ASCII). Nothing else ever splices a value a user gave into SQL.
 *
 * Integer arithmetic is truncating (`intDiv`, `mod`); the compiler only divides non-negative
 * numbers, or corrects for the sign itself. Patterns given to `matches` / `extract` are written
 * in the subset every engine reads alike (POSIX ERE: bracket classes, `{m,n}`, `?`, `*`, `|`,
 * anchors, no `\d`, no lookaround), always anchored.
 *
 * @example
 * duckdb.ident('Change "ID"') // '"Change ""ID"""'
 * duckdb.text("O'Brien")      // "'O''Brien'"
 */
export const dialectNames = ['duckdb', 'postgres', 'trino', 'spark', 'bigquery', 'snowflake'] as const;
export type DialectName = (typeof dialectNames)[number];

export interface Dialect {
  readonly name: DialectName;
  /** Where the engine's function reference is (the committed function list cites it). */
  readonly functionsDoc: string;
  /** A quoted identifier (one name part). */
  ident(name: string): string;
  /** A string literal of any text. */
  text(value: string): string;
  /** One character by its Unicode code point. */
  chr(codePoint: number): string;
  /** SQL text type name for CAST. */
  readonly textType: string;
  /** 64-bit integer type name for CAST. */
  readonly bigintType: string;
  /** IEEE double type name for CAST. */
  readonly doubleType: string;
  /** Text → 64-bit integer; null (or an error) when not an integer: callers guard with a pattern. */
  toBigint(expr: string): string;
  /** An exact double literal (the shortest text that reads back as this number). */
  double(value: number): string;
  /** SHA-256 of the UTF-8 bytes of a text, as 64 lower-case hex digits. */
  sha256Hex(expr: string): string;
  /** `n` hex digits (n ≤ 8) → integer. */
  hexToBigint(expr: string): string;
  /** Remove every character of the set `chars` (a text expression) from both ends. */
  trimChars(expr: string, chars: string): string;
  /** Remove leading spaces (U+0020 only). */
  ltrimSpaces(expr: string): string;
  /** Anchored pattern test (true/false; null on null). */
  matches(expr: string, pattern: string): string;
  /** The text matched by an anchored pattern, or null / '' when it does not match. */
  extract(expr: string, pattern: string): string;
  /** Truncating integer division and remainder of 64-bit integers. */
  intDiv(a: string, b: string): string;
  mod(a: string, b: string): string;
  /** True when `needle` occurs in `haystack`. */
  contains(haystack: string, needle: string): string;
  /** A sort/compare key ordering text by code point (binary UTF-8). */
  binary(expr: string): string;
  /** Integer → decimal text. */
  intText(expr: string): string;
  /** Characters (code points) in a text. */
  length(expr: string): string;
  /** Count of rows where a condition holds (an aggregate). */
  countIf(condition: string): string;
  /** An exact sum of integers that may exceed 64 bits (as a decimal type). */
  bigSum(expr: string): string;
  /** Row limit clause appended to a query. */
  limit(n: number): string;
  /**
   * Appended to a layer's subquery so the planner keeps it a subquery (PostgreSQL: `OFFSET 0`):
   * a planner that inlines each layer into the next copies every repeated reference, and a
   * long chain of layers then grows exponentially. Empty where the engine shares them.
   */
  readonly fence: string;
  /** Boolean literal. */
  bool(value: boolean): string;
  /** Epoch milliseconds of a TIMESTAMP WITH TIME ZONE value (engines that read typed columns). */
  epochMsOfInstant(expr: string): string;
  /** Milliseconds since 1970-01-01 00:00 of a naive TIMESTAMP read as if UTC (its wall clock). */
  epochMsOfWall(expr: string): string;
  /** Days since 1970-01-01 of a DATE. */
  daysOfDate(expr: string): string;
}

/** Characters that may stay as themselves in a string literal (quotes are doubled): printable ASCII. */
export const PLAIN_LITERAL = /^[\x20-\x7e]*$/;

/**
 * A string literal from pieces: runs of plain ASCII as quoted text, other characters through
 * `chr`, joined by `||`. Used by dialects whose literals have no portable escape for them.
 */
export function literalFromPieces(value: string, quote: (plain: string) => string, chr: (cp: number) => string): string {
  if (PLAIN_LITERAL.test(value)) return quote(value);
  const parts: string[] = [];
  let run = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if ((cp >= 0x20 && cp <= 0x7e)) run += ch;
    else {
      if (run) parts.push(quote(run));
      run = '';
      parts.push(chr(cp));
    }
  }
  if (run || parts.length === 0) parts.push(quote(run));
  return parts.length === 1 ? parts[0]! : `(${parts.join(' || ')})`;
}

/** Text between single quotes, inner quotes doubled (the SQL standard). */
export const quoted = (plain: string): string => `'${plain.replaceAll("'", "''")}'`;

/** Name between double quotes, inner double quotes doubled (the SQL standard). */
export const doubleQuoted = (name: string): string => {
  if (name === '' || name.includes('\u0000')) throw new TypeError('an identifier must be a non-empty name without NUL');
  return `"${name.replaceAll('"', '""')}"`;
};

/** The shortest decimal text of a double that reads back as the same double. */
export function doubleText(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
  const s = String(value);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** An integer literal (safe integers only). */
export function intLiteral(n: number | bigint): string {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) throw new TypeError(`not a safe integer: ${n}`);
  return String(n);
}
