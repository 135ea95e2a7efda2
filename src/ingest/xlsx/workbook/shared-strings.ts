/**
 * `xl/sharedStrings.xml`: the table of distinct strings that `t="s"` cells index. Each `<si>` is
 * plain text (`<t>`) or rich text (runs `<r><t>`), concatenated; phonetic guides (`<rPh>`, the
 * furigana of Japanese workbooks) are not part of the text. exceljs 4.4.0's streaming reader
 * returns the phonetic guide instead of the text; hence our own handler.
 *
 * @example
 * // <si><r><t>Jo</t></r><r><t>sé</t></r></si> → 'José'
 */
import type { XmlHandler } from '../xml/events.js';
import { decodeEscapedCharacters } from './escaped-characters.js';

export function sharedStringsHandler(): XmlHandler & { result(): string[] } {
  const strings: string[] = [];
  let inItem = false;
  let inText = false;
  let phoneticDepth = 0;
  let text = '';
  return {
    open(name) {
      if (name === 'si') {
        inItem = true;
        text = '';
      } else if (name === 'rPh') phoneticDepth++;
      else if (name === 't' && inItem && phoneticDepth === 0) inText = true;
    },
    text(value) {
      if (inText) text += value;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phoneticDepth--;
      else if (name === 'si') {
        strings.push(decodeEscapedCharacters(text));
        inItem = false;
      }
    },
    result: () => strings,
  };
}
