/**
 * A workbook summarised for the golden test: per sheet its name, state, frozen panes, autofilter,
 * drop-downs, conditional formats, the main table's header row and rows, and the label → value
 * pairs of the document sheets. Read with exceljs; dates as wall-clock text; volatile cells
 * (generation time, the catalog's random sample id) left out.
 */
import ExcelJS from 'exceljs';

const VOLATILE_LABELS = new Set(['Generated at', 'Sample id', 'Test run id']);

type Plain = string | number | boolean | null;

export function plain(value: ExcelJS.CellValue): Plain {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace(/\.000Z$/, '').replace(/Z$/, '');
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return `FORMULA:${JSON.stringify(value)}`;
    return JSON.stringify(value);
  }
  return value as Plain;
}

function rowValues(ws: ExcelJS.Worksheet, r: number): Plain[] {
  const row = ws.getRow(r);
  const out: Plain[] = [];
  for (let c = 1; c <= ws.columnCount; c++) out.push(plain(row.getCell(c).value));
  while (out.length && out[out.length - 1] === null) out.pop();
  return out;
}

const solid = (cell: ExcelJS.Cell): boolean => cell.fill?.type === 'pattern' && cell.fill.pattern === 'solid';

export interface SheetSummary {
  name: string;
  state: string;
  frozen: { rows: number; columns: number } | null;
  autoFilter: string | null;
  validations: { ref: string; list: string; cells: number }[];
  conditional: { ref: string; types: string[] }[];
  headers: Plain[];
  table: Plain[][];
  pairs: Record<string, Plain>;
}

export async function summarizeWorkbook(path: string): Promise<{ sheets: SheetSummary[]; properties: { title: string; keywords: string } }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheets: SheetSummary[] = [];
  wb.eachSheet((ws) => {
    const view = (ws.views ?? [])[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
    const frozen = view?.state === 'frozen' ? { rows: view.ySplit ?? 0, columns: view.xSplit ?? 0 } : null;
    const autoFilter = typeof ws.autoFilter === 'string' ? ws.autoFilter : null;
    const headerRow = autoFilter ? Number(/\d+/.exec(autoFilter)![0]) : frozen?.rows ?? 0;
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { formulae?: string[] }> } }).dataValidations.model;
    // exceljs's reader expands a validated range into one entry per cell: fold them back per column.
    const byColumn = new Map<string, { list: string; rows: number[] }>();
    for (const [ref, v] of Object.entries(dv)) {
      if (!v) continue;
      const [, col, row] = /^([A-Z]+)(\d+)$/.exec(ref) ?? [null, ref, '0'];
      const list = v.formulae?.[0] ?? '';
      const entry = byColumn.get(`${col}|${list}`) ?? { list, rows: [] };
      entry.rows.push(Number(row));
      byColumn.set(`${col}|${list}`, entry);
    }
    const validations = [...byColumn].map(([key, e]) => {
      const col = key.split('|')[0]!;
      return { ref: `${col}${Math.min(...e.rows)}:${col}${Math.max(...e.rows)}`, list: e.list, cells: e.rows.length };
    });
    const cfs = ((ws as unknown as { conditionalFormattings?: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings ?? [])
      .map((c) => ({ ref: c.ref, types: c.rules.map((r) => r.type) }));
    const table: Plain[][] = [];
    if (headerRow > 0 && ws.state === 'visible') {
      for (let r = headerRow + 1; r <= ws.rowCount; r++) {
        const values = rowValues(ws, r);
        if (values.length === 0) break;
        table.push(values);
      }
    }
    const pairs: Record<string, Plain> = {};
    if (ws.state === 'visible') {
      ws.eachRow((row, r) => {
        if (r === headerRow) return;
        const a = row.getCell(1);
        if (typeof a.value === 'string' && a.font?.bold && !solid(a) && !VOLATILE_LABELS.has(a.value) && !(a.value in pairs)) {
          const b = plain(row.getCell(2).value);
          if (b !== null || solid(row.getCell(2))) pairs[a.value] = b;
        }
      });
    }
    sheets.push({ name: ws.name, state: ws.state, frozen, autoFilter, validations, conditional: cfs, headers: headerRow ? rowValues(ws, headerRow) : [], table, pairs });
  });
  return { sheets, properties: { title: wb.title, keywords: wb.keywords } };
}
