/**
 * `xl/styles.xml`, reduced to what the reader needs: for each cell format (`<cellXfs>`, indexed by
 * a cell's `s` attribute) whether its number format shows a date.
 *
 * @example
 * stylesHandler().result() // [false, true, …]: cells with s="1" hold dates
 */
import type { XmlHandler } from '../xml/events.js';
import { isDateFormatId } from './number-format.js';

export function stylesHandler(): XmlHandler & { result(): boolean[] } {
  const customFormats = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellXfs = false;
  return {
    open(name, attributes) {
      if (name === 'numFmt') {
        const id = Number(attributes.numFmtId);
        if (Number.isInteger(id) && attributes.formatCode !== undefined) customFormats.set(id, attributes.formatCode);
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formatIds.push(Number(attributes.numFmtId ?? 0));
    },
    text() {},
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    // Formats are defined before cellXfs in the schema, but decide only at the end to be safe.
    result: () => formatIds.map((id) => Number.isInteger(id) && isDateFormatId(id, customFormats)),
  };
}
