/**
 * `xl/workbook.xml`: the sheets in tab order (name, visibility, relationship id) and the date
 * system (`<workbookPr date1904="1"/>`: serial 0 is 1904-01-01 instead of 1900-01-00).
 *
 * @example
 * await readXml([xml], handler, 'xl/workbook.xml'); handler.result().sheets[0].name // 'Changes'
 */
import { prefixedAttribute, type XmlHandler } from '../xml/events.js';

export interface WorkbookSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  relationshipId: string;
}

export interface WorkbookInfo {
  sheets: WorkbookSheet[];
  date1904: boolean;
}

export function workbookHandler(): XmlHandler & { result(): WorkbookInfo } {
  const info: WorkbookInfo = { sheets: [], date1904: false };
  let inSheets = false;
  return {
    open(name, attributes) {
      if (name === 'workbookPr') info.date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      else if (name === 'sheets') inSheets = true;
      else if (name === 'sheet' && inSheets) {
        const state = attributes.state === 'hidden' || attributes.state === 'veryHidden' ? attributes.state : 'visible';
        info.sheets.push({ name: attributes.name ?? '', state, relationshipId: prefixedAttribute(attributes, 'id') ?? '' });
      }
    },
    text() {},
    close(name) {
      if (name === 'sheets') inSheets = false;
    },
    result: () => info,
  };
}
