/**
 * One cell's text, from its type attribute `t`, its raw value text and its style:
 * shared strings (`s`) from the table, inline strings and formula strings as written, booleans as
 * `true`/`false`, errors as their text (`#N/A`), numbers as their shortest round-trip decimal
 * (`String(n)`), and numbers whose style shows a date as naive date-time text. A formula cell is
 * its cached result (the formula itself is never returned); without a cached result it is empty.
 * `t="d"` (ISO 8601 text, rare) is returned as written.
 *
 * @example
 * cellText('n', '45658.5', true, context)  // '2025-01-02 12:00:00'
 * cellText('b', '1', false, context)       // 'true'
 */
import { invalidXlsx } from '../invalid.js';
import { decodeEscapedCharacters } from '../workbook/escaped-characters.js';
import { excelSerialText } from './excel-date.js';

export interface CellContext {
  sharedStrings: readonly string[];
  date1904: boolean;
  /** For error messages: the part being read. */
  part: string;
}

export function cellText(type: string, raw: string, isDate: boolean, context: CellContext, ref = ''): string {
  switch (type) {
    case 's': {
      if (raw === '') return '';
      const index = Number(raw);
      const text = Number.isInteger(index) ? context.sharedStrings[index] : undefined;
      if (text === undefined) {
        throw invalidXlsx(`${context.part}: cell ${ref} refers to shared string ${raw} but the table has ${context.sharedStrings.length}`);
      }
      return text;
    }
    case 'str':
    case 'inlineStr':
      return decodeEscapedCharacters(raw);
    case 'b':
      return raw === '1' || raw === 'true' ? 'true' : raw === '0' || raw === 'false' ? 'false' : raw;
    case 'e':
    case 'd':
      return raw;
    default:
      return numberText(raw, isDate, context.date1904);
  }
}

function numberText(raw: string, isDate: boolean, date1904: boolean): string {
  if (raw.trim() === '') return '';
  const value = Number(raw);
  if (!Number.isFinite(value)) return raw;
  if (isDate) return excelSerialText(value, date1904) ?? String(value);
  return String(value);
}
