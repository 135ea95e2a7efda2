/**
 * Write an .xlsx workbook onto a stream, sheet by sheet: each worksheet part is deflated as its
 * rows come (memory stays flat however many rows), then the parts that describe the package —
 * workbook (sheets in order, print titles), styles, shared strings, relationships, content types
 * and document properties. Rows are SpreadsheetML `<row>` XML the caller renders, with the cell
 * format ids (`cellFormat`) and shared-string indexes (`sharedString`) this writer hands out.
 *
 * @example
 * const wb = new WorkbookWriter(out, { title: 'Sample', creator: 'tickmark', created: new Date() })
 * const sheet = await wb.addSheet({ name: 'Lead', state: 'visible', columns: [30] })
 * await sheet.write(`<row r="1"><c r="A1" t="s"><v>${wb.sharedString('Lead')}</v></c></row>`)
 * await sheet.end()
 * await wb.finish()
 */
import type { Writable } from 'node:stream';
import { SharedStrings } from './shared-strings.js';
import { StyleSheet, type CellFormat, type ValueKind } from './styles.js';
import { printTitlesFormula, worksheetHead, worksheetTail, type SheetSetup } from './worksheet.js';
import { xmlEscape } from './xml-escape.js';
import { ZipWriter } from './zip-writer.js';

export interface WorkbookProperties {
  title?: string;
  subject?: string;
  keywords?: string;
  description?: string;
  creator?: string;
  created: Date;
}

/** A worksheet being written: its rows' XML (text, or UTF-8 bytes read before `write` returns), in order, then `end`. */
export interface SheetWriter {
  write(rowsXml: string | Uint8Array): Promise<void>;
  end(): Promise<void>;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const TYPE = 'application/vnd.openxmlformats-officedocument';
const SHEET_NAME_CHARS = /[\\/?*[\]:]/;

export class WorkbookWriter {
  private readonly zip: ZipWriter;
  private readonly styles = new StyleSheet();
  private readonly strings = new SharedStrings();
  private readonly sheets: SheetSetup[] = [];
  private writing = false;

  constructor(out: Writable, private readonly properties: WorkbookProperties) {
    this.zip = new ZipWriter(out, properties.created);
  }

  /** A cell format's id (a cell's `s` attribute). */
  cellFormat(format: CellFormat, kind: ValueKind): number {
    return this.styles.cellFormat(format, kind);
  }

  /** A text's index in the shared-string table (a cell `t="s"`'s value). */
  sharedString(text: string): number {
    return this.strings.add(text);
  }

  /** Start the next worksheet (tab order is the order added); the previous one must have ended. */
  async addSheet(setup: SheetSetup): Promise<SheetWriter> {
    if (this.writing) throw new Error('xlsx: the previous sheet has not ended');
    if (!setup.name || setup.name.length > 31 || SHEET_NAME_CHARS.test(setup.name) || setup.name.startsWith("'") || setup.name.endsWith("'")) {
      throw new Error(`xlsx: "${setup.name}" is not a valid sheet name`);
    }
    if (this.sheets.some((s) => s.name.toLowerCase() === setup.name.toLowerCase())) throw new Error(`xlsx: two sheets named "${setup.name}"`);
    this.sheets.push(setup);
    this.writing = true;
    const entry = this.zip.open(`xl/worksheets/sheet${this.sheets.length}.xml`);
    await entry.write(worksheetHead(setup));
    return {
      write: (xml) => entry.write(xml),
      end: async () => {
        await entry.write(worksheetTail(setup, (f) => this.styles.differentialFormat(f)));
        await entry.end();
        this.writing = false;
      },
    };
  }

  /** Write the package's other parts and end the stream. */
  async finish(): Promise<void> {
    if (this.writing) throw new Error('xlsx: a sheet has not ended');
    if (!this.sheets.some((s) => s.state === 'visible')) throw new Error('xlsx: a workbook needs a visible sheet');
    const zip = this.zip;
    const strings = this.strings.count > 0;
    await zip.add('xl/workbook.xml', this.workbookXml());
    await zip.add('xl/styles.xml', this.styles.xml());
    if (strings) {
      const entry = zip.open('xl/sharedStrings.xml');
      for (const piece of this.strings.xml()) await entry.write(piece);
      await entry.end();
    }
    const n = this.sheets.length;
    const sheetRels = this.sheets.map((_, i) => relationship(`rId${i + 1}`, `${REL}/worksheet`, `worksheets/sheet${i + 1}.xml`));
    await zip.add('xl/_rels/workbook.xml.rels', relationships([
      ...sheetRels,
      relationship(`rId${n + 1}`, `${REL}/styles`, 'styles.xml'),
      ...(strings ? [relationship(`rId${n + 2}`, `${REL}/sharedStrings`, 'sharedStrings.xml')] : []),
    ]));
    await zip.add('_rels/.rels', relationships([
      relationship('rId1', `${REL}/officeDocument`, 'xl/workbook.xml'),
      relationship('rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml'),
      relationship('rId3', `${REL}/extended-properties`, 'docProps/app.xml'),
    ]));
    await zip.add('docProps/core.xml', this.coreXml());
    await zip.add('docProps/app.xml', this.appXml());
    await zip.add('[Content_Types].xml', this.contentTypesXml(strings));
    await zip.finish();
  }

  private workbookXml(): string {
    const sheets = this.sheets.map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}"${s.state === 'visible' ? '' : ` state="${s.state}"`} r:id="rId${i + 1}"/>`);
    const names = this.sheets.flatMap((s, i) => {
      const formula = printTitlesFormula(s);
      return formula ? [`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlEscape(formula)}</definedName>`] : [];
    });
    const active = this.sheets.findIndex((s) => s.state === 'visible');
    return `${XML_HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}">`
      + `<bookViews><workbookView activeTab="${active}" firstSheet="${active}"/></bookViews>`
      + `<sheets>${sheets.join('')}</sheets>`
      + (names.length ? `<definedNames>${names.join('')}</definedNames>` : '')
      + '<calcPr calcId="191029"/></workbook>';
  }

  private coreXml(): string {
    const p = this.properties;
    const text = (tag: string, value: string | undefined) => (value ? `<${tag}>${xmlEscape(value)}</${tag}>` : '');
    const when = p.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`
      + text('dc:creator', p.creator) + text('dc:title', p.title) + text('dc:subject', p.subject) + text('dc:description', p.description)
      + text('cp:keywords', p.keywords) + text('cp:lastModifiedBy', p.creator)
      + `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`;
  }

  private appXml(): string {
    const names = this.sheets.map((s) => `<vt:lpstr>${xmlEscape(s.name)}</vt:lpstr>`).join('');
    return `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`
      + '<Application>tickmark</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>'
      + `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${this.sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>`
      + `<TitlesOfParts><vt:vector size="${this.sheets.length}" baseType="lpstr">${names}</vt:vector></TitlesOfParts>`
      + '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>';
  }

  private contentTypesXml(strings: boolean): string {
    const override = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
    return `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
      + override('/xl/workbook.xml', `${TYPE}.spreadsheetml.sheet.main+xml`)
      + this.sheets.map((_, i) => override(`/xl/worksheets/sheet${i + 1}.xml`, `${TYPE}.spreadsheetml.worksheet+xml`)).join('')
      + override('/xl/styles.xml', `${TYPE}.spreadsheetml.styles+xml`)
      + (strings ? override('/xl/sharedStrings.xml', `${TYPE}.spreadsheetml.sharedStrings+xml`) : '')
      + override('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml')
      + override('/docProps/app.xml', `${TYPE}.extended-properties+xml`)
      + '</Types>';
  }
}

const relationship = (id: string, type: string, target: string): string => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
const relationships = (items: readonly string[]): string =>
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;

