/**
 * Which number formats show a date. A cell whose style has a date format holds an Excel serial
 * that the reader turns into naive date-time text; any other number stays a number.
 * Time-only and elapsed formats (`h:mm`, `mm:ss`, `[h]:mm:ss`) are not dates: they show a time of
 * day or a duration, and a duration read as a timestamp would land in 1899.
 *
 * @example
 * isDateFormatCode('yyyy-mm-dd hh:mm') // true
 * isDateFormatCode('[h]:mm')           // false
 * isDateFormatCode('#,##0.00 "days"')  // false
 */

/** Built-in format ids with a date part: 14–17 and 22 (ECMA-376), 27–31, 36 and 50–58 (East Asian locales). */
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isDateFormatId(id: number, customFormats: ReadonlyMap<number, string>): boolean {
  const code = customFormats.get(id);
  if (code !== undefined) return isDateFormatCode(code);
  return BUILTIN_DATE_IDS.has(id);
}

export function isDateFormatCode(code: string): boolean {
  const unquoted = firstSection(code).replace(/"[^"]*"/g, ''); // quoted literals
  if (/\[(h+|m+|s+)\]/i.test(unquoted)) return false; // elapsed time: a duration
  const section = unquoted
    .replace(/\\./g, '') // escaped characters
    .replace(/[_*]./g, '') // padding and fill
    .replace(/\[[^\]]*\]/g, '') // colours, conditions, locales, elapsed [h] [mm] [ss]
    .toLowerCase()
    .replace(/general/g, '');
  if (/[yd]/.test(section)) return true;
  // A month on its own ("mmm", "mmmm"): an m with no hours, seconds or digits around it.
  return /m/.test(section) && !/[hs0#?]/.test(section);
}

/** The format for positive numbers: sections are separated by unquoted semicolons. */
function firstSection(code: string): string {
  let inQuote = false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '"') inQuote = !inQuote;
    else if (c === '\\' && !inQuote) i++;
    else if (c === ';' && !inQuote) return code.slice(0, i);
  }
  return code;
}
