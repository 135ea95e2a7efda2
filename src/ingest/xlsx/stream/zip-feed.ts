/**
 * The zip stream tickmark hands to exceljs: only the parts it needs, in the order it needs them,
 * each behind a clean local header written from the central directory (no data descriptors, no
 * ZIP64 extras, sizes exact), followed by an end-of-central-directory record so exceljs's unzipper
 * ends cleanly. Why not the file itself: exceljs's streaming reader (a) crashes or loses sheet
 * names when `xl/workbook.xml` comes after the sheets (exceljs #962, #3064), (b) spools every sheet
 * to a temporary file — its full uncompressed size on disk, outside any limit — when the shared
 * strings come after the sheets, which is Excel's own order, and (c) streams every sheet of the
 * workbook. Here it sees an empty relationships part, an empty shared-string table (we read the
 * real one ourselves) and the one worksheet, under the name its reader recognises.
 *
 * @example
 * const feed = zipFeed([storedPart('xl/_rels/workbook.xml.rels', rels), sheetPart])
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { crc32Of } from '../zip/bomb-guard.js';

export interface FeedPart {
  name: string;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** The (compressed) data: bytes in memory, or a byte range of the source file. */
  data: { bytes: Buffer } | { path: string; start: number };
}

const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIGNATURE = 0x06054b50;
const UTF8_NAMES = 0x0800;
/** 1980-01-01, the zip epoch. */
const DOS_DATE = 0x0021;
export const FEED_ENTRY_LIMIT = 0xfffffffe;
/**
 * Read size for the worksheet's compressed bytes. exceljs's unzipper queues up to 16 chunks
 * (an object-mode writable), so this bounds what is read ahead of the parser to 256 KiB.
 */
const CHUNK = 16 * 1024;

/** A small part written uncompressed (method 0). */
export function storedPart(name: string, content: string): FeedPart {
  const bytes = Buffer.from(content, 'utf8');
  return { name, method: 0, crc32: crc32Of(bytes), compressedSize: bytes.length, uncompressedSize: bytes.length, data: { bytes } };
}

/** A local file header with exact sizes (the caller keeps sizes below 4 GiB; see FEED_ENTRY_LIMIT). */
export function localFileHeader(part: FeedPart): Buffer {
  const name = Buffer.from(part.name, 'utf8');
  const header = Buffer.alloc(30 + name.length);
  header.writeUInt32LE(LOCAL_SIGNATURE, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(UTF8_NAMES, 6);
  header.writeUInt16LE(part.method, 8);
  header.writeUInt16LE(0, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  header.writeUInt32LE(part.crc32 >>> 0, 14);
  header.writeUInt32LE(part.compressedSize, 18);
  header.writeUInt32LE(part.uncompressedSize, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  name.copy(header, 30);
  return header;
}

/** An empty end-of-central-directory record: where exceljs's unzipper stops reading. */
export function endOfArchive(): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(EOCD_SIGNATURE, 0);
  return record;
}

async function* feedBytes(parts: readonly FeedPart[]): AsyncGenerator<Buffer> {
  for (const part of parts) {
    yield localFileHeader(part);
    if ('bytes' in part.data) {
      yield part.data.bytes;
    } else if (part.compressedSize > 0) {
      const file = createReadStream(part.data.path, { start: part.data.start, end: part.data.start + part.compressedSize - 1, highWaterMark: CHUNK });
      try {
        for await (const chunk of file) yield chunk as Buffer;
      } finally {
        file.destroy();
      }
    }
  }
  yield endOfArchive();
}

/**
 * The stream of parts. `onPipe` sees the stream exceljs pipes it into (its unzipper parser), so
 * the caller can listen to that stream's 'error' events: `pipe` does not forward errors, and
 * exceljs only looks at them between entries.
 */
export function zipFeed(parts: readonly FeedPart[], onPipe: (destination: NodeJS.EventEmitter) => void): Readable {
  const feed = Readable.from(feedBytes(parts), { objectMode: false });
  const pipe = feed.pipe.bind(feed);
  feed.pipe = <T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T => {
    onPipe(destination);
    return pipe(destination, options);
  };
  return feed;
}
