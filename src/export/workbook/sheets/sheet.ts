/**
 * The one interface every sheet implements: a stable tab name and a pure `build` from the
 * workbook model to the sheet's contents. A contract test runs every sheet through the same
 * checks (name, frozen header, widths, no formula-looking text outside string cells…).
 *
 * @example
 * export const legendSheet: WorkbookSheet = { name: 'Legend', build: (model) => … }
 */
import type { SheetContent } from '../content.js';
import type { WorkbookModel } from '../model.js';

export interface WorkbookSheet {
  name: string;
  build(model: WorkbookModel): SheetContent;
}
