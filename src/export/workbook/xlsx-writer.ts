/**
 * exceljs 4.4.0's streaming workbook writer (pinned: this module reaches past its typings):
 * loading only its module; opening one — zipped in memory by `ZipArchive` unless the workbook is
 * streamed (a population data sheet), with tickmark's `SharedStrings` table and part in place of
 * exceljs's; and the parts render.ts drives directly — a worksheet's part stream and its `<cols>`
 * + `<sheetData>` opening (exceljs writes them before the first committed row), the workbook's
 * style manager and shared-string table, gathered as the `RowSink` that `RowXml` renders rows with.
 *
 * @example
 * const wb = openWorkbookWriter(out, { sharedStrings: true, streamed: false, created: new Date() })
 * const ws = wb.addWorksheet('Lead')
 * const data = sheetData(ws)
 * data.write(new RowXml(rowSink(wb, true)).row(['Lead'], 1, 0))
 */
import { createRequire, Module } from 'node:module';
import type { Writable } from 'node:stream';
import type { stream as XlStream, Style, Worksheet } from 'exceljs';
import type { RowSink } from './row-xml.js';
import { SharedStrings } from './shared-strings.js';
import { ZipArchive } from './zip.js';

const require = createRequire(import.meta.url);
export type WorkbookWriterClass = typeof XlStream.xlsx.WorkbookWriter;
export type WorkbookWriterInstance = InstanceType<WorkbookWriterClass>;

let writerClass: WorkbookWriterClass | undefined;
/** Only the streaming writer's module (half the load time of the whole library). */
export function WorkbookWriter(): WorkbookWriterClass {
  if (!writerClass) {
    const path = require.resolve('exceljs/lib/stream/xlsx/workbook-writer.js');
    deferArchiver(path);
    writerClass = require(path) as WorkbookWriterClass;
  }
  return writerClass;
}

/**
 * The writer's module requires archiver when it loads (about 100 modules, ~0.3 s on a cold start
 * here), and calls it only in its constructor, which only the streamed writer runs. So archiver's
 * place in the module cache gets a stand-in that loads the real module on its first call.
 */
function deferArchiver(writerPath: string): void {
  try {
    const archiverPath = createRequire(writerPath).resolve('archiver');
    if (require.cache[archiverPath]) return;
    const standIn = new Module(archiverPath);
    standIn.filename = archiverPath;
    standIn.loaded = true;
    let real: ((...a: unknown[]) => unknown) | undefined;
    standIn.exports = (...args: unknown[]): unknown => {
      if (!real) {
        if (require.cache[archiverPath] === standIn) delete require.cache[archiverPath];
        real = require(archiverPath) as (...a: unknown[]) => unknown;
      }
      return real(...args);
    };
    require.cache[archiverPath] = standIn;
  } catch {
    // archiver not where it was expected: the writer's own require finds it, at the usual cost
  }
}

interface WriterInternals {
  styles: { addStyleModel(style: Partial<Style>, type?: number): number };
  sharedStrings: SharedStrings;
  zip: { append(source: string, data: { name: string }): unknown };
  addSharedStrings(): Promise<void>;
}

interface SheetInternals {
  startedData: boolean;
  stream: { write(data: string): unknown };
  _writeColumns(): void;
  _writeOpenSheetData(): void;
}

type Construct = new (...args: never[]) => object;
let parts: { StylesXform: Construct; DefinedNames: Construct } | undefined;
/** The modules the writer's constructor builds its parts with (loaded with it: free). */
function writerParts(): NonNullable<typeof parts> {
  parts ??= {
    StylesXform: require('exceljs/lib/xlsx/xform/style/styles-xform.js') as Construct,
    DefinedNames: require('exceljs/lib/doc/defined-names.js') as Construct,
  };
  return parts;
}

/**
 * What exceljs's writer constructor builds (4.4.0), with `zip` where it would make an archiver:
 * the same parts, the theme and the package relationships appended first.
 */
function writerAround(zip: ZipArchive, out: Writable, sharedStrings: boolean, created: Date): WorkbookWriterInstance {
  const { StylesXform, DefinedNames } = writerParts();
  const wb = Object.assign(Object.create(WorkbookWriter().prototype) as WorkbookWriterInstance, {
    created, modified: created, creator: 'ExcelJS', lastModifiedBy: 'ExcelJS', lastPrinted: undefined,
    useSharedStrings: sharedStrings, styles: new (StylesXform as new (init: boolean) => object)(true),
    _definedNames: new DefinedNames(), _worksheets: [], views: [], zipOptions: undefined, media: [], commentRefs: [],
    zip, stream: out,
  });
  zip.pipe(out);
  const internal = wb as unknown as { promise: Promise<unknown>; addThemes(): Promise<void>; addOfficeRels(): Promise<void> };
  internal.promise = Promise.all([internal.addThemes(), internal.addOfficeRels()]);
  return wb;
}

/**
 * A writer on `out`. Streamed: exceljs's own (archiver zips each part as it is written, memory
 * stays flat). Otherwise the same writer around a `ZipArchive`, which deflates the whole file at
 * the end (a few ms where archiver's chain of streams takes ~0.25 s on a cold start).
 */
export function openWorkbookWriter(out: Writable, options: { sharedStrings: boolean; streamed: boolean; created: Date }): WorkbookWriterInstance {
  const wb = options.streamed
    ? new (WorkbookWriter())({ stream: out, useStyles: true, useSharedStrings: options.sharedStrings })
    : writerAround(new ZipArchive(options.created), out, options.sharedStrings, options.created);
  const internal = wb as unknown as WriterInternals;
  const table = new SharedStrings();
  internal.sharedStrings = table;
  internal.addSharedStrings = async () => {
    if (table.count) internal.zip.append(table.xml(), { name: '/xl/sharedStrings.xml' });
  };
  return wb;
}

/** The sink rows of `wb` are rendered with; strings go to the shared-string table when `sharedStrings`. */
export function rowSink(wb: WorkbookWriterInstance, sharedStrings: boolean): RowSink {
  const { styles, sharedStrings: table } = wb as unknown as WriterInternals;
  return {
    styleId: (style, type) => styles.addStyleModel(style, type),
    ...(sharedStrings ? { sharedString: (text: string) => table.add(text) } : {}),
  };
}

/** A worksheet's `<sheetData>` content stream. */
export interface SheetData {
  /** Open the sheet data (columns first), as exceljs does at the first row committed, even an empty one. */
  open(): void;
  /** Append rows' XML (opening the sheet data first if needed). */
  write(xml: string): void;
}

export function sheetData(ws: Worksheet): SheetData {
  const sheet = ws as unknown as SheetInternals;
  const open = (): void => {
    if (sheet.startedData) return;
    sheet._writeColumns();
    sheet._writeOpenSheetData();
    sheet.startedData = true;
  };
  return {
    open,
    write(xml) {
      open();
      if (xml) sheet.stream.write(xml);
    },
  };
}
