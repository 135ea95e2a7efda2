/**
 * The one place that touches exceljs (4.4.0, pinned). We use two pieces of it:
 * - `stream.xlsx.WorkbookReader` (public API; loaded from its own module, `lib/stream/xlsx/
 *   workbook-reader.js`, which costs half the load time of the whole library) to stream a
 *   worksheet part out of a zip stream:
 *   its `parse()` generator yields each worksheet as a reader whose `iterator` is the part's raw
 *   XML chunks, still compressed in the zip until we pull them (unzipper inflates on demand);
 * - `lib/utils/parse-sax.js` (internal, the saxes wrapper exceljs parses every part with) to turn
 *   XML text chunks into batches of open/text/close events.
 * We do not use exceljs's cell decoding or its shared-string table: see `read.ts` for why.
 *
 * @example
 * for await (const batch of parseSax(['<a x="1">t</a>'])) console.log(batch)
 */
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';

const require = createRequire(import.meta.url);

export type SaxEvent =
  | { eventType: 'opentag'; value: { name: string; attributes: Record<string, string> } }
  | { eventType: 'text'; value: string }
  | { eventType: 'closetag'; value: { name: string } };

export type ParseSax = (chunks: AsyncIterable<string> | Iterable<string>) => AsyncGenerator<SaxEvent[]>;

let saxHelper: ParseSax | undefined;

/** exceljs's SAX helper; give it strings (given Buffers, it decodes each chunk alone and splits UTF-8 characters). */
export function parseSax(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<SaxEvent[]> {
  saxHelper ??= require('exceljs/lib/utils/parse-sax.js') as ParseSax;
  return saxHelper(chunks);
}

/** What `WorkbookReader.parse()` yields for a worksheet part (only the fields we read). */
export interface WorksheetPartReader {
  /** Raw chunks of the part's XML, as the zip entry stream delivers them. */
  iterator: AsyncIterable<Buffer | string>;
}

export type WorkbookParseEvent = { eventType: 'worksheet'; value: WorksheetPartReader } | { eventType: string; value: unknown };

interface WorkbookReaderInstance {
  parse(): AsyncGenerator<WorkbookParseEvent>;
}

interface WorkbookReaderClass {
  new (input: Readable, options: Record<string, string>): WorkbookReaderInstance;
}

/** Loaded on first use: exceljs takes a few hundred milliseconds to load. */
let WorkbookReader: WorkbookReaderClass | undefined;

/**
 * Start exceljs's streaming reader on a zip stream. Worksheets are emitted as raw part readers;
 * shared strings are cached (the stream we hand it carries an empty table: we read the real one);
 * hyperlinks, styles and entry events are ignored.
 */
export function streamWorkbookParts(zipStream: Readable): AsyncGenerator<WorkbookParseEvent> {
  WorkbookReader ??= require('exceljs/lib/stream/xlsx/workbook-reader.js') as WorkbookReaderClass;
  const reader = new WorkbookReader(zipStream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  return reader.parse();
}
