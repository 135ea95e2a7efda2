/** Workbooks written by exceljs's own writer (the in-memory Workbook: small, formatted sheets). */
import ExcelJS from 'exceljs';

export type Sheet = ExcelJS.Worksheet;

export async function writeBook(file: string, build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  await workbook.xlsx.writeFile(file);
  return file;
}
