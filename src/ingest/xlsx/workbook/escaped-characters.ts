/**
 * OOXML string escapes: characters XML cannot carry (carriage return, other control characters)
 * are written as `_xHHHH_`, and a literal `_x` sequence is protected as `_x005F_`. Excel decodes
 * them on display, so the reader does too.
 *
 * @example
 * decodeEscapedCharacters('line 1_x000D_\nline 2') // 'line 1\r\nline 2'
 * decodeEscapedCharacters('_x005F_x000D_')        // '_x000D_'
 */
const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

export function decodeEscapedCharacters(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
