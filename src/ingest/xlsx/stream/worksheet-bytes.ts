/**
 * A worksheet part's inflated bytes, streamed by exceljs's WorkbookReader and metered by us:
 * each chunk counts against the size the central directory declared (more is TM_ERR_XLSX_BOMB,
 * the read stops there), and at the end the size and CRC-32 must match (else TM_ERR_XLSX_INVALID).
 * Every await on exceljs is raced against the latch, which fails on an 'error' from the zip
 * stream or the feed, so a damaged entry ends the read with an error instead of a hang.
 *
 * @example
 * for await (const bytes of worksheetBytes(archive, entry, latch)) parser.write(bytes)
 */
import { TickmarkError } from '../../../errors.js';
import { streamWorkbookParts, type WorkbookParseEvent, type WorksheetPartReader } from '../exceljs.js';
import { invalidXlsx } from '../invalid.js';
import type { ZipArchive } from '../zip/archive.js';
import { bomb, InflatedSizeMeter } from '../zip/bomb-guard.js';
import type { ZipEntry } from '../zip/central-directory.js';
import type { Latch } from './latch.js';
import { FEED_ENTRY_LIMIT, storedPart, zipFeed, type FeedPart } from './zip-feed.js';

/** The part name exceljs's reader recognises as a worksheet (`xl/worksheets/sheetN.xml`). */
const FED_SHEET_NAME = 'xl/worksheets/sheet1.xml';
const EMPTY_RELATIONSHIPS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>';
const EMPTY_SHARED_STRINGS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>';

export async function* worksheetBytes(archive: ZipArchive, entry: ZipEntry, latch: Latch): AsyncGenerator<Buffer> {
  if (entry.compressedSize > FEED_ENTRY_LIMIT || entry.uncompressedSize > FEED_ENTRY_LIMIT) {
    throw bomb(`size of ${entry.name}`, Math.max(entry.compressedSize, entry.uncompressedSize), FEED_ENTRY_LIMIT);
  }
  const sheet: FeedPart = { ...entry, name: FED_SHEET_NAME, data: { path: archive.path, start: await archive.dataStart(entry) } };
  const parts = [storedPart('xl/_rels/workbook.xml.rels', EMPTY_RELATIONSHIPS), storedPart('xl/sharedStrings.xml', EMPTY_SHARED_STRINGS), sheet];
  const readerFailed = (what: string) => (err: unknown) =>
    latch.fail(err instanceof TickmarkError ? err : invalidXlsx(`${entry.name}: ${what} (${(err as Error)?.message ?? err})`));
  const feed = zipFeed(parts, (zip) => zip.on('error', readerFailed('the zip stream failed')));
  feed.on('error', readerFailed('reading the file failed'));
  const events = streamWorkbookParts(feed);
  try {
    const worksheet = await nextWorksheet(events, latch, entry);
    const meter = new InflatedSizeMeter(entry);
    const chunks = worksheet.iterator[Symbol.asyncIterator]();
    for (;;) {
      const step = await exceljsStep(latch.race(chunks.next()), entry);
      if (step.done) break;
      const chunk = typeof step.value === 'string' ? Buffer.from(step.value, 'utf8') : step.value;
      meter.add(chunk);
      yield chunk;
    }
    meter.finish();
    // Let exceljs read on to the end of the feed, so nothing is left mid-stream.
    while (!(await exceljsStep(latch.race(events.next()), entry)).done);
  } finally {
    feed.destroy();
    // A generator still waiting on a stalled stream cannot be returned now; do not wait for it.
    events.return(undefined).catch(() => undefined);
  }
}

async function nextWorksheet(events: AsyncGenerator<WorkbookParseEvent>, latch: Latch, entry: ZipEntry): Promise<WorksheetPartReader> {
  for (;;) {
    const step = await exceljsStep(latch.race(events.next()), entry);
    if (step.done) throw invalidXlsx(`${entry.name}: exceljs found no worksheet in the stream`);
    if (step.value.eventType === 'worksheet') return step.value.value as WorksheetPartReader;
  }
}

/** exceljs's own failures (a TypeError deep inside, a zlib error) become TM_ERR_XLSX_INVALID. */
async function exceljsStep<T>(step: Promise<T>, entry: ZipEntry): Promise<T> {
  try {
    return await step;
  } catch (err) {
    if (err instanceof TickmarkError) throw err;
    throw invalidXlsx(`${entry.name}: exceljs could not read the worksheet (${(err as Error)?.message ?? err})`);
  }
}
