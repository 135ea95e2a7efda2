/**
 * Minimal hand-written .xlsx packages for tests that need exact XML (cell types, styles, part
 * order, prefixes, phonetic runs) that no writer library produces on demand.
 */
import { writeZip, type ZipOptions, type ZipPart } from './zip-writer.js';

export interface SheetSpec {
  name: string;
  /** The inner XML of <sheetData>. */
  rows: string;
  state?: 'hidden' | 'veryHidden';
  /** Part name; default xl/worksheets/sheetN.xml. */
  part?: string;
}

export interface BookSpec {
  sheets: SheetSpec[];
  /** Plain strings, or the raw XML of the whole part. */
  sharedStrings?: string[] | { xml: string };
  /** Custom number formats by id. */
  numFmts?: Record<number, string>;
  /** numFmtId of each cellXfs entry (index = the cell's s attribute); default [0]. */
  cellXfs?: number[];
  date1904?: boolean;
  /** 'excel': workbook first, sheets before shared strings; 'workbook-last': exceljs's own writer's order. */
  order?: 'excel' | 'workbook-last';
  /** Extra parts (e.g. a chart sheet's), appended. */
  extra?: ZipPart[];
  /** Per-part overrides (method, level, lying sizes…) by part name. */
  tweak?: Record<string, Partial<ZipPart>>;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const xmlHead = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A row of inline-string and number cells: strings become inlineStr, numbers n, null is skipped. */
export function row(r: number, values: readonly (string | number | null)[]): string {
  const cells = values.map((v, i) => {
    if (v === null) return '';
    const ref = `${columnName(i + 1)}${r}`;
    return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`;
  });
  return `<row r="${r}">${cells.join('')}</row>`;
}

export function columnName(n: number): string {
  let name = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export function sheetXml(rows: string): string {
  return `${xmlHead}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${rows}</sheetData></worksheet>`;
}

export function xlsxParts(spec: BookSpec): ZipPart[] {
  const sheetParts = spec.sheets.map((s, i) => s.part ?? `xl/worksheets/sheet${i + 1}.xml`);
  const rels = [
    ...spec.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${sheetParts[i]!.replace(/^xl\//, '')}"/>`),
    `<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/>`,
    spec.sharedStrings ? `<Relationship Id="rIdT" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : '',
  ].join('');
  const workbook =
    `${xmlHead}<workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
    (spec.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>') +
    `<sheets>${spec.sheets
      .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`;
  const numFmts = Object.entries(spec.numFmts ?? {});
  const styles =
    `${xmlHead}<styleSheet xmlns="${MAIN}">` +
    (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`).join('')}</numFmts>` : '') +
    '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>' +
    `<cellXfs>${(spec.cellXfs ?? [0]).map((id) => `<xf numFmtId="${id}" xfId="0" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`;
  const shared = spec.sharedStrings
    ? 'xml' in spec.sharedStrings
      ? spec.sharedStrings.xml
      : `${xmlHead}<sst xmlns="${MAIN}">${spec.sharedStrings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('')}</sst>`
    : undefined;
  const base: ZipPart[] = [
    { name: '[Content_Types].xml', data: `${xmlHead}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>` },
    { name: '_rels/.rels', data: `${xmlHead}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
  ];
  const workbookParts: ZipPart[] = [
    { name: 'xl/workbook.xml', data: workbook },
    { name: 'xl/_rels/workbook.xml.rels', data: `${xmlHead}<Relationships xmlns="${PKG}">${rels}</Relationships>` },
  ];
  const sheets: ZipPart[] = spec.sheets.map((s, i) => ({ name: sheetParts[i]!, data: sheetXml(s.rows) }));
  const tail: ZipPart[] = [{ name: 'xl/styles.xml', data: styles }, ...(shared ? [{ name: 'xl/sharedStrings.xml', data: shared }] : [])];
  const ordered = spec.order === 'workbook-last' ? [...base, ...sheets, ...tail, ...workbookParts] : [...base, ...workbookParts, ...sheets, ...tail];
  const parts = [...ordered, ...(spec.extra ?? [])];
  return parts.map((p) => ({ ...p, ...(spec.tweak?.[p.name] ?? {}) }));
}

export function xlsxBuffer(spec: BookSpec, options?: ZipOptions): Buffer {
  return writeZip(xlsxParts(spec), options);
}
