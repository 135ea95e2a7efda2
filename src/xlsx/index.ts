/**
 * tickmark's own XLSX writer (SpreadsheetML in a zip, ECMA-376): sheets with cell formats, column
 * widths, frozen panes, merged cells, autofilters, drop-down lists, conditional formats, sheet
 * protection, print setup and print titles, document properties — written as a stream. The
 * reader is src/ingest/xlsx (rows of cell text, zip-bomb limits). No spreadsheet library: the
 * zip and the XML are ours, deflate and CRC-32 are node:zlib's.
 *
 * @example
 * import { WorkbookWriter } from '../xlsx/index.js'
 */
export { DeflateStream } from './deflate-stream.js';
export { SharedStrings } from './shared-strings.js';
export { StyleSheet, type Alignment, type Border, type BorderSide, type CellFormat, type Color, type DifferentialFormat, type Fill, type Font, type ValueKind } from './styles.js';
export { WorkbookWriter, type SheetWriter, type WorkbookProperties } from './workbook-writer.js';
export { quotedSheetName, type ConditionalFormat, type ListValidation, type PageSetup, type SheetSetup } from './worksheet.js';
export { ScratchBuffers, utf8Of } from './utf8.js';
export { xmlEscape, xmlText } from './xml-escape.js';
export { XmlBytes } from './xml-bytes.js';
export { ZipWriter, type ZipEntryWriter } from './zip-writer.js';
