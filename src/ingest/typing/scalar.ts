/**
 * Number and boolean parsing for population cells.
 *
 * @example
 * parseNumber('(1,234.50)') // -1234.5
 * parseBoolean('Yes')       // 1
 */

export const NUMBER_EXPECTED = 'a number (1234.56, -1,234.56, (1234.56), $1,234)';
export const BOOLEAN_EXPECTED = 'a boolean (true/false, yes/no, y/n, 1/0)';

const PLAIN = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/** NaN when the text is not a number. */
export function parseNumber(raw: string): number {
  let s = raw.trim();
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  s = s.replace(/^[$€£¥]\s*/, '').replace(/\s*[$€£¥%]$/, '');
  if (PLAIN.test(s)) return negative ? -Number(s) : Number(s);
  if (GROUPED.test(s)) {
    const v = Number(s.replaceAll(',', ''));
    return negative ? -v : v;
  }
  return NaN;
}

const TRUE = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0']);

/** 1, 0 or NaN. */
export function parseBoolean(raw: string): number {
  const s = raw.trim().toLowerCase();
  if (TRUE.has(s)) return 1;
  if (FALSE.has(s)) return 0;
  return NaN;
}
