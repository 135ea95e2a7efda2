/**
 * A worksheet part's frame: what comes before the rows (sheet properties, the frozen pane, column
 * widths, `<sheetData>`) and after them (protection, autofilter, merged cells, conditional
 * formats, data validations, page margins and setup, header and footer), each in the place
 * ECMA-376 Part 1 (18.3.1.99, CT_Worksheet) gives it. The rows in between are the caller's.
 *
 * @example
 * worksheetHead({ name: 'Lead', columns: [30, 90], freeze: { rows: 2, columns: 0 }, … }) // '<?xml …?><worksheet …><sheetPr>…<sheetData>'
 */
import { columnLetter } from '../text/column-letter.js';
import type { DifferentialFormat } from './styles.js';
import { xmlEscape } from './xml-escape.js';

/** A drop-down list of values on a range. */
export interface ListValidation {
  ref: string;
  values: readonly string[];
  prompt?: string;
  error?: string;
}

export type ConditionalFormat =
  /** Cells equal to `text` get `format`. */
  | { type: 'equal'; ref: string; text: string; format: DifferentialFormat }
  /** A data bar from 0 to the range's maximum. */
  | { type: 'dataBar'; ref: string; color: string };

export interface PageSetup {
  paperSize: number;
  orientation: 'landscape' | 'portrait';
  /** Inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Fit to this many pages wide (0: as many as needed) and tall; else print at `scale` percent. */
  fit?: { width: number; height: number };
  scale?: number;
}

export interface SheetSetup {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** Column widths in characters, from column A. */
  columns: readonly number[];
  freeze?: { rows: number; columns: number };
  autoFilter?: string;
  merges?: readonly string[];
  validations?: readonly ListValidation[];
  conditionalFormats?: readonly ConditionalFormat[];
  /** Lock every cell but the unlocked ones (no password: a reviewer can unprotect). */
  protect?: boolean;
  page?: PageSetup;
  /** Header and footer in Excel's codes (`&L…&C…&R…`). */
  header?: string;
  footer?: string;
  /** Rows (first, last) and columns (first, last) repeated on every printed page. */
  printTitles?: { rows?: [number, number]; columns?: [number, number] };
}

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

const attr = (name: string, value: string | number | undefined): string => (value === undefined ? '' : ` ${name}="${typeof value === 'number' ? value : xmlEscape(value)}"`);

function pane(freeze: { rows: number; columns: number }): string {
  const { rows, columns } = freeze;
  if (!rows && !columns) return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const active = rows && columns ? 'bottomRight' : rows ? 'bottomLeft' : 'topRight';
  const topLeft = `${columnLetter(columns + 1)}${rows + 1}`;
  return `<sheetViews><sheetView workbookViewId="0"><pane${columns ? attr('xSplit', columns) : ''}${rows ? attr('ySplit', rows) : ''}${attr('topLeftCell', topLeft)}${attr('activePane', active)} state="frozen"/><selection pane="${active}"/></sheetView></sheetViews>`;
}

/** `<cols>`: runs of equal widths as one `<col>`. */
function cols(widths: readonly number[]): string {
  if (!widths.length) return '';
  let xml = '<cols>';
  for (let i = 0; i < widths.length; ) {
    let j = i;
    while (j + 1 < widths.length && widths[j + 1] === widths[i]) j++;
    xml += `<col min="${i + 1}" max="${j + 1}" width="${widths[i]}" customWidth="1"/>`;
    i = j + 1;
  }
  return `${xml}</cols>`;
}

/** Everything before the first row, ending with `<sheetData>`. */
export function worksheetHead(setup: SheetSetup): string {
  const fit = setup.page?.fit;
  return HEAD
    + (fit ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '')
    + (setup.freeze ? pane(setup.freeze) : '')
    + '<sheetFormatPr defaultRowHeight="15"/>'
    + cols(setup.columns)
    + '<sheetData>';
}

/** Everything after the last row, from `</sheetData>`. `dxfId` numbers a differential format. */
export function worksheetTail(setup: SheetSetup, dxfId: (format: DifferentialFormat) => number): string {
  let xml = '</sheetData>';
  if (setup.protect) xml += '<sheetProtection sheet="1" formatColumns="0" formatRows="0" autoFilter="0"/>';
  if (setup.autoFilter) xml += `<autoFilter${attr('ref', setup.autoFilter)}/>`;
  if (setup.merges?.length) xml += `<mergeCells count="${setup.merges.length}">${setup.merges.map((ref) => `<mergeCell${attr('ref', ref)}/>`).join('')}</mergeCells>`;
  let priority = 0;
  for (const cf of setup.conditionalFormats ?? []) {
    priority++;
    const rule = cf.type === 'equal'
      ? `<cfRule type="cellIs" dxfId="${dxfId(cf.format)}" priority="${priority}" operator="equal"><formula>${xmlEscape(`"${cf.text.replace(/"/g, '""')}"`)}</formula></cfRule>`
      : `<cfRule type="dataBar" priority="${priority}"><dataBar minLength="0" maxLength="100"><cfvo type="num" val="0"/><cfvo type="max"/><color rgb="${xmlEscape(cf.color)}"/></dataBar></cfRule>`;
    xml += `<conditionalFormatting${attr('sqref', cf.ref)}>${rule}</conditionalFormatting>`;
  }
  const validations = setup.validations ?? [];
  if (validations.length) {
    xml += `<dataValidations count="${validations.length}">`;
    for (const v of validations) {
      xml += `<dataValidation type="list" allowBlank="1" showInputMessage="1"${attr('prompt', v.prompt)} showErrorMessage="1" errorStyle="stop"${attr('error', v.error)}${attr('sqref', v.ref)}>`
        + `<formula1>${xmlEscape(`"${v.values.join(',')}"`)}</formula1></dataValidation>`;
    }
    xml += '</dataValidations>';
  }
  const page = setup.page;
  if (page) {
    const m = page.margins;
    xml += `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`;
    xml += `<pageSetup${attr('paperSize', page.paperSize)}${attr('orientation', page.orientation)}${page.fit ? attr('fitToWidth', page.fit.width) + attr('fitToHeight', page.fit.height) : attr('scale', page.scale)}/>`;
  }
  if (setup.header !== undefined || setup.footer !== undefined) {
    xml += `<headerFooter>${setup.header !== undefined ? `<oddHeader>${xmlEscape(setup.header)}</oddHeader>` : ''}${setup.footer !== undefined ? `<oddFooter>${xmlEscape(setup.footer)}</oddFooter>` : ''}</headerFooter>`;
  }
  return `${xml}</worksheet>`;
}

/** The sheet name as a formula reference: quoted, quotes doubled. */
export const quotedSheetName = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** The `_xlnm.Print_Titles` defined name's formula of a sheet; undefined when none. */
export function printTitlesFormula(setup: SheetSetup): string | undefined {
  const t = setup.printTitles;
  if (!t?.rows && !t?.columns) return undefined;
  const sheet = quotedSheetName(setup.name);
  const parts: string[] = [];
  if (t.columns) parts.push(`${sheet}!$${columnLetter(t.columns[0])}:$${columnLetter(t.columns[1])}`);
  if (t.rows) parts.push(`${sheet}!$${t.rows[0]}:$${t.rows[1]}`);
  return parts.join(',');
}
