/**
 * Text as a cell holds it. Every string that reaches the workbook passes here, so population text
 * is always a literal value (we never write formulas from text) that survives the file format:
 * - characters XML cannot carry (C0 controls but tab and newline) and the carriage return (which
 *   an XML reader turns into a newline) are written as the OOXML escape `_xHHHH_`, and a literal
 *   `_xHHHH_` in the text is protected as `_x005F_xHHHH_` — Excel and LibreOffice decode both on
 *   display, as does tickmark's own XLSX reader (written raw, the controls would make the XML invalid);
 * - a lone UTF-16 surrogate (not encodable in UTF-8) becomes U+FFFD;
 * - text longer than Excel's 32,767 characters per cell is cut, and says so.
 *
 * @example
 * cellText('=HYPERLINK("http://x","y")') // '=HYPERLINK("http://x","y")' — unchanged, written as text
 * cellText('\rline')                    // '_x000D_line'
 */

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_CHARS = 32_767;
const CUT = ' …[cut: longer than an Excel cell holds]';

// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[\u0000-\u0008\u000b-\u001f\ud800-\udfff\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;
// eslint-disable-next-line no-control-regex
const ESCAPES = /[\u0000-\u0008\u000b-\u001f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const hex4 = (code: number): string => code.toString(16).toUpperCase().padStart(4, '0');

/**
 * The text to store in a cell for `value` (see the module comment).
 *
 * @example
 * cellText('_x0041_') // '_x005F_x0041_' (shown as "_x0041_", not "A")
 */
export function cellText(value: string): string {
  let text = value.length > MAX_CELL_CHARS ? value.slice(0, MAX_CELL_CHARS - CUT.length) + CUT : value;
  if (!NEEDS_WORK.test(text)) return text;
  text = text.replace(ESCAPES, (m) => {
    if (m.length > 1) return `_x005F_${m.slice(1)}`;
    const code = m.charCodeAt(0);
    return code >= 0xd800 && code <= 0xdfff ? '\ufffd' : `_x${hex4(code)}_`;
  });
  return text;
}

/**
 * Undo `cellText`'s escapes (what Excel shows).
 *
 * @example
 * decodeCellText('_x000D_line') // '\rline'
 */
export function decodeCellText(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * User text inside a page header or footer: `&` starts a code there, so it is doubled; the
 * whole header is limited to 255 characters, so each part is kept short.
 *
 * @example
 * headerFooterText('R&D change control') // 'R&&D change control'
 */
export function headerFooterText(text: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f]+/g, ' ').trim();
  const short = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return short.replaceAll('&', '&&');
}
