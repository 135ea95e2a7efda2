/**
 * The workbook's shared-string table: each distinct text numbered in the order first seen (a
 * Map: a dictionary object would intern every long text on lookup), and its part
 * (xl/sharedStrings.xml) rendered in pieces: `count` and `uniqueCount` both the number of
 * distinct strings, `xml:space="preserve"` on a string that starts or ends with white space or
 * holds a line break.
 *
 * @example
 * const table = new SharedStrings()
 * table.add('Key') // 0
 * [...table.xml()].join('') // '<?xml …?>\n<sst … count="1" uniqueCount="1"><si><t>Key</t></si></sst>'
 */
import { xmlText } from './xml-escape.js';

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const PRESERVE = /^\s|\n|\s$/;

export class SharedStrings {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  /** Distinct strings. */
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

  /** The part's XML, in pieces of about `pieceChars` characters. */
  *xml(pieceChars = 1 << 20): Generator<string> {
    let piece = `${HEAD} count="${this.count}" uniqueCount="${this.count}">`;
    for (const text of this.values) {
      piece += `<si><t${PRESERVE.test(text) ? ' xml:space="preserve"' : ''}>${xmlText(text)}</t></si>`;
      if (piece.length >= pieceChars) {
        yield piece;
        piece = '';
      }
    }
    yield `${piece}</sst>`;
  }
}
