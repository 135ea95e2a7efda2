/**
 * Text rules of ingest written in SQL, each once: JavaScript's `trim` (which characters are
 * whitespace: the ASCII controls TAB..CR, space, and the Unicode space separators, line and
 * paragraph separators and U+FEFF — not U+0085), ingest's blank-cell rule (`isBlankCell`:
 * empty, or a first character ≤ U+0020 and only whitespace), and a lower-casing that agrees
 * with JavaScript's `toLowerCase` whenever the other side of the comparison is ASCII (the only
 * characters that lower-case into ASCII are U+0130 and U+212A; they are mapped first, as
 * JavaScript maps them).
 *
 * @example
 * jsTrim(duckdb, 'c1') // "trim(c1, (chr(9) || …))"
 */
import type { Dialect } from '../dialects/dialect.js';

/** The code points JavaScript's `String.prototype.trim` removes (ECMAScript WhiteSpace + LineTerminator). */
export const JS_TRIM_CODE_POINTS: readonly number[] = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];

export const JS_TRIM_CHARS = String.fromCodePoint(...JS_TRIM_CODE_POINTS);

/**
 * `x.trim()` (null stays null). A cell that begins and ends with printable ASCII has nothing to
 * trim and skips the engine's trim (a set-of-characters trim is costly per row in some engines).
 */
export function jsTrim(d: Dialect, expr: string): string {
  return `CASE WHEN ${d.matches(expr, '^[!-~](.*[!-~])?$')} THEN ${expr} ELSE ${d.trimChars(expr, d.text(JS_TRIM_CHARS))} END`;
}

/** `isBlankCell(x)` for a nullable source cell: null, '', or a first character ≤ U+0020 and nothing but whitespace. */
export function isBlank(d: Dialect, expr: string): string {
  return `(CASE WHEN ${expr} IS NULL OR ${expr} = '' THEN ${d.bool(true)} WHEN ${d.binary(`substr(${expr}, 1, 1)`)} <= ${d.binary("' '")} THEN ${jsTrim(d, expr)} = '' ELSE ${d.bool(false)} END)`;
}

/** A source cell as ingest keeps it: null when blank, else the text unchanged. */
export function rawCell(d: Dialect, expr: string): string {
  return `CASE WHEN ${isBlank(d, expr)} THEN NULL ELSE ${expr} END`;
}

/** `x.toLowerCase()` as far as a comparison with ASCII text can tell. */
export function jsLower(d: Dialect, expr: string): string {
  return `lower(replace(replace(${expr}, ${d.chr(0x130)}, ${d.text('i\u0307')}), ${d.chr(0x212a)}, 'k'))`;
}

/** True when a text is plain ASCII (what a condition value must be to compare alike everywhere). */
export const isAscii = (text: string): boolean => /^[\x00-\x7f]*$/.test(text);
