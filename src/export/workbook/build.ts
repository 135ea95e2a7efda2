/**
 * From the input to the list of sheet contents, in order: the eight working-paper sheets, the
 * optional population data, and the very hidden machine-readable copy last; plus the document
 * properties (title, subject, keywords with the selection hash) and the page header and footer.
 *
 * @example
 * const { sheets, document } = workbookContents(input)
 * sheets.map((s) => s.name) // ['Lead', …, 'Legend', 'tickmark']
 */
import type { SheetContent } from './content.js';
import type { WorkbookInput } from './input.js';
import { machineSheet, MACHINE_SHEET } from './machine-copy.js';
import { workbookModel, type WorkbookModel } from './model.js';
import type { WorkbookDocument } from './render.js';
import { populationDataSheet, WORKBOOK_SHEETS } from './sheets/index.js';

export function workbookDocument(model: WorkbookModel): WorkbookDocument {
  const { input } = model;
  const period = `${input.period.start} to ${input.period.end}`;
  return {
    title: `${input.control.id} — audit sample`,
    subject: input.control.description ?? `${input.control.id} — audit sample`,
    keywords: `tickmark; selection-sha256 ${input.sample.manifest.selectionSha256}; population-sha256 ${input.population.source.sha256}`,
    description: `Audit sampling working paper for ${input.control.id}, period ${period}. A machine-readable copy of the manifest and parameters is in the very hidden sheet "${MACHINE_SHEET}"; re-perform with: tickmark verify WORKBOOK.xlsx POPULATION_FILE.`,
    creator: input.preparer ?? 'tickmark',
    created: model.generatedAt,
    header: { left: input.control.id, right: input.engagement?.client ?? period },
    footer: `tickmark ${input.engineVersion} · period ${period}`,
    sharedStrings: true,
    paper: input.paper ?? 'letter',
  };
}

/** The model, the document properties, and the sheets before the machine copy, built one at a time as they are iterated. */
function workbookParts(input: WorkbookInput): { model: WorkbookModel; sheets: Iterable<SheetContent>; document: WorkbookDocument } {
  const model = workbookModel(input);
  const data = populationDataSheet(model);
  const document = workbookDocument(model);
  if (data?.moreRows) document.sharedStrings = false;
  function* sheets(): Generator<SheetContent> {
    for (const sheet of WORKBOOK_SHEETS) yield sheet.build(model);
    if (data) yield data;
  }
  return { model, sheets: sheets(), document };
}

/**
 * The sheets built one at a time as they are iterated (each is built just before it is written,
 * and dropped after: a large sample's sheets are never all in memory at once; their big tables
 * are made row by row as they are written), with the model and the document properties.
 */
export function workbookStream(input: WorkbookInput): { model: WorkbookModel; sheets: AsyncIterable<SheetContent>; document: WorkbookDocument } {
  const { model, sheets, document } = workbookParts(input);
  async function* all(): AsyncGenerator<SheetContent> {
    yield* sheets;
    yield machineSheet(model);
  }
  return { model, sheets: all(), document };
}

/** The same, every sheet built. */
export function workbookContents(input: WorkbookInput): { model: WorkbookModel; sheets: SheetContent[]; document: WorkbookDocument } {
  const { model, sheets, document } = workbookParts(input);
  return { model, sheets: [...sheets, machineSheet(model)], document };
}
