/**
 * Optional sheet "Population data": every row of the population as the file gave it (raw text,
 * with its source record and line), written only on request and only when it fits a worksheet
 * (1,048,575 rows under the header). Otherwise the sheet says why the population is not there and
 * that its SHA-256 fingerprint stands in for it.
 */
import type { PopulationChunk } from '../../../population/types.js';
import { columnsOf } from '../../../population/vectors.js';
import { columnName, SheetBuilder, type Row, type SheetContent } from '../content.js';
import type { WorkbookModel } from '../model.js';
import { grouped } from '../../../text/grouped.js';

export const POPULATION_DATA_SHEET = 'Population data';
/** Excel: 1,048,576 rows per sheet, one of them the header. */
export const MAX_SHEET_DATA_ROWS = 1_048_575;
/** Excel: 16,384 columns; two hold the record and line. */
export const MAX_SHEET_COLUMNS = 16_384;

const BATCH_ROWS = 1_000;

async function* chunkRows(chunks: Iterable<PopulationChunk> | AsyncIterable<PopulationChunk>, headers: readonly string[]): AsyncGenerator<Row[]> {
  for await (const chunk of chunks) {
    const columns = headers.map((h) => columnsOf(chunk).source(h)?.values());
    for (let start = 0; start < chunk.rows; start += BATCH_ROWS) {
      const end = Math.min(chunk.rows, start + BATCH_ROWS);
      const batch: Row[] = [];
      for (let i = start; i < end; i++) {
        const row: Row = new Array(headers.length + 2);
        row[0] = chunk.record[i]!;
        row[1] = chunk.line[i]!;
        for (let c = 0; c < columns.length; c++) row[c + 2] = columns[c]?.[i] ?? null;
        batch.push(row);
      }
      yield batch;
    }
  }
}

/**
 * The sheet, or undefined when no population data was given.
 *
 * @example
 * populationDataSheet({ ...model, input: { ...input, populationData: chunks } })?.name // 'Population data'
 */
export function populationDataSheet(model: WorkbookModel): SheetContent | undefined {
  const data = model.input.populationData;
  if (!data) return undefined;
  const meta = model.input.population;
  const b = new SheetBuilder(POPULATION_DATA_SHEET);
  const fits = meta.rows.accepted <= MAX_SHEET_DATA_ROWS && meta.headers.length + 2 <= MAX_SHEET_COLUMNS;
  if (!fits) {
    b.title('Population data — not included');
    b.note(`The population has ${grouped(meta.rows.accepted)} rows and ${meta.headers.length} columns: more than a worksheet holds (${grouped(MAX_SHEET_DATA_ROWS)} rows, ${grouped(MAX_SHEET_COLUMNS)} columns).`);
    b.note(`Its fingerprint stands in for it: ${meta.source.name}, SHA-256 ${meta.source.sha256}, ${grouped(meta.source.bytes)} bytes.`);
    return b.done();
  }
  b.table(['Source record', 'Source line', ...meta.headers], []);
  b.freezeAt(1, 1);
  b.more(chunkRows(data, meta.headers));
  const content = b.done();
  content.autoFilter = `A1:${columnName(meta.headers.length + 2)}${meta.rows.accepted + 1}`;
  content.headerRow = 1;
  content.printTitleRows = 1;
  content.widths = [10, 8, ...meta.headers.map((h) => Math.min(40, Math.max(10, h.length + 3)))];
  return content;
}
