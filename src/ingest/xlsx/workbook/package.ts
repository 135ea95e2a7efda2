/**
 * The workbook's structure, read from its small parts before any row is streamed: the package
 * relationships lead to the workbook part, the workbook lists the sheets in tab order and the date
 * system, and its relationships give each worksheet's part and the shared-string and style parts.
 * Chart sheets and dialog sheets are not worksheets and are left out.
 *
 * @example
 * const book = await readWorkbookPackage(archive)
 * book.worksheets.map((s) => s.name) // ['Changes', 'Deployments']
 */
import type { ZipArchive } from '../zip/archive.js';
import { invalidXlsx } from '../invalid.js';
import { inflateEntry } from '../zip/inflate-entry.js';
import { decodeUtf8, readXml, type XmlHandler } from '../xml/events.js';
import { relationshipKind, relationshipsHandler, relationshipsPartOf, resolvePartTarget, type Relationship } from './relationships.js';
import { workbookHandler, type WorkbookSheet } from './workbook-xml.js';

export interface WorksheetRef {
  name: string;
  state: WorkbookSheet['state'];
  /** The worksheet's part name in the zip, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
}

export interface WorkbookPackage {
  worksheets: WorksheetRef[];
  date1904: boolean;
  sharedStringsPart?: string;
  stylesPart?: string;
}

const DEFAULT_WORKBOOK_PART = 'xl/workbook.xml';

export async function readWorkbookPackage(archive: ZipArchive): Promise<WorkbookPackage> {
  const packageRels = archive.entry('_rels/.rels') ? await readRelationships(archive, '_rels/.rels', '') : [];
  const office = packageRels.find((r) => relationshipKind(r.type) === 'officeDocument' && !r.external);
  const workbookPart = office ? resolvePartTarget('', office.target) : DEFAULT_WORKBOOK_PART;
  if (!archive.entry(workbookPart)) {
    throw invalidXlsx(`no workbook part (${workbookPart}): this zip is not an Excel workbook`);
  }
  const workbook = workbookHandler();
  await readXmlPart(archive, workbookPart, workbook);
  const relsPart = relationshipsPartOf(workbookPart);
  if (!archive.entry(relsPart)) throw invalidXlsx(`the workbook has no relationships part (${relsPart})`);
  const rels = await readRelationships(archive, relsPart, workbookPart);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const worksheets: WorksheetRef[] = [];
  for (const sheet of workbook.result().sheets) {
    const rel = byId.get(sheet.relationshipId);
    if (!rel || relationshipKind(rel.type) !== 'worksheet') continue;
    worksheets.push({ name: sheet.name, state: sheet.state, part: rel.target });
  }
  const partOf = (kind: string) => {
    const rel = rels.find((r) => relationshipKind(r.type) === kind && !r.external);
    return rel && archive.entry(rel.target) ? rel.target : undefined;
  };
  const sharedStringsPart = partOf('sharedStrings');
  const stylesPart = partOf('styles');
  return { worksheets, date1904: workbook.result().date1904, ...(sharedStringsPart ? { sharedStringsPart } : {}), ...(stylesPart ? { stylesPart } : {}) };
}

/** Inflate, decode and parse one XML part through a handler. */
export async function readXmlPart(archive: ZipArchive, part: string, handler: XmlHandler): Promise<void> {
  const entry = archive.entry(part);
  if (!entry) throw invalidXlsx(`missing part ${part}`);
  await readXml(decodeUtf8(inflateEntry(archive, entry), part), handler, part);
}

async function readRelationships(archive: ZipArchive, relsPart: string, sourcePart: string): Promise<Relationship[]> {
  const handler = relationshipsHandler();
  await readXmlPart(archive, relsPart, handler);
  return handler.result().map((r) => (r.external ? r : { ...r, target: resolvePartTarget(sourcePart, r.target) }));
}
