/**
 * Exports of a sample: the auditor-ready workbook (eight sheets, a very hidden machine-readable
 * copy), CSV and JSON; reading a workbook's manifest back and re-performing it. Re-exports only.
 *
 * @example
 * import { writeWorkbook, readWorkbookManifest, exportSample } from './export/index.js'
 */
export { neutralizeCsvCell, toCsv } from './csv.js';
export type { WorkbookInput, SampledRow, ControlInfo, ExtractionInfo } from './workbook/input.js';
export { writeWorkbook, workbookBuffer } from './workbook/write.js';
export { workbookContents, workbookDocument } from './workbook/build.js';
export { workbookModel, type WorkbookModel, type ItemView, type AttributeView } from './workbook/model.js';
export { readWorkbookManifest, type WorkbookManifest } from './workbook/read-manifest.js';
export { MACHINE_SHEET, MACHINE_FORMAT, machineCopy, parseMachineRows, type WorkbookMachineCopy, type WorkbookTestResults } from './workbook/machine-copy.js';
export { WORKBOOK_SHEETS, POPULATION_DATA_SHEET, MAX_SHEET_DATA_ROWS, type WorkbookSheet } from './workbook/sheets/index.js';
export { cellText, decodeCellText } from './workbook/text.js';
export { TICK, MANUAL_CHOICES } from './workbook/tickmarks.js';
export { exportSample, sampleJsonExport, EXPORT_FORMATS, type ExportFormat, type ExportedSample } from './export-sample.js';
export { sampleTable, type SampleTable } from './sample-table.js';
export { readFilledWorkbook, type FilledWorkbook } from './workbook/read-filled.js';
export { normalizeMark } from './workbook/entries-from-cells.js';
export type { CellDifference } from './workbook/compare.js';
export type { EntryField } from './workbook/entry-fields.js';
