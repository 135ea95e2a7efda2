/**
 * The workbook's sheets in their stable order. Re-exports and the order only.
 *
 * @example
 * WORKBOOK_SHEETS.map((s) => s.name) // ['Lead', 'Population', 'Completeness', 'Selection', 'Test matrix', 'Sample detail', 'Exceptions', 'Evaluation', 'Legend']
 */
import { completenessSheet } from './completeness.js';
import { evaluationSheet } from './evaluation.js';
import { exceptionsSheet } from './exceptions.js';
import { leadSheet } from './lead.js';
import { legendSheet } from './legend.js';
import { populationSheet } from './population.js';
import { sampleDetailSheet } from './sample-detail.js';
import { selectionSheet } from './selection.js';
import type { WorkbookSheet } from './sheet.js';
import { testMatrixSheet } from './test-matrix.js';

export const WORKBOOK_SHEETS: readonly WorkbookSheet[] = [
  leadSheet, populationSheet, completenessSheet, selectionSheet, testMatrixSheet, sampleDetailSheet, exceptionsSheet, evaluationSheet, legendSheet,
];

export type { WorkbookSheet } from './sheet.js';
export { populationDataSheet, POPULATION_DATA_SHEET, MAX_SHEET_DATA_ROWS } from './population-data.js';
