/**
 * The workbook's shared-string table, in place of exceljs 4.4.0's: the same indexes in the same
 * order (first seen, first numbered), kept in a Map rather than a dictionary object (whose lookup
 * interns every long text first), and its part (xl/sharedStrings.xml) rendered exactly as exceljs
 * renders it with one string concatenation instead of its XML builder per string: `count` and
 * `uniqueCount` both the number of distinct strings, `xml:space="preserve"` on a string that
 * starts or ends with white space or holds a line break.
 *
 * @example
 * const table = new SharedStrings()
 * table.add('Key') // 0
 * table.xml() // '<?xml …?>\n<sst … count="1" uniqueCount="1"><si><t>Key</t></si></sst>'
 */
import { xmlEscape } from './xml-escape.js';

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const PRESERVE = /^\s|\n|\s$/;

export class SharedStrings {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  /** Distinct strings (what exceljs's writer checks before adding the part). */
  get count(): number {
    return this.values.length;
  }

  /** The string's index, numbering it when new. */
  add(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.values.length;
      this.index.set(text, i);
      this.values.push(text);
    }
    return i;
  }

  xml(): string {
    const parts: string[] = [`${HEAD} count="${this.count}" uniqueCount="${this.count}">`];
    for (const text of this.values) parts.push(`<si><t${PRESERVE.test(text) ? ' xml:space="preserve"' : ''}>${xmlEscape(text)}</t></si>`);
    parts.push('</sst>');
    return parts.join('');
  }
}
