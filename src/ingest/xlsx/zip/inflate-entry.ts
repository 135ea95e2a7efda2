/**
 * Stream one entry's inflated bytes straight from the file, metered against its directory record:
 * more bytes than declared stops the read with TM_ERR_XLSX_BOMB (so memory and time stay bounded
 * whatever the archive claims), fewer bytes or a wrong CRC-32 is TM_ERR_XLSX_INVALID.
 *
 * @example
 * for await (const bytes of inflateEntry(archive, archive.entry('xl/styles.xml')!)) parser.write(bytes)
 */
import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { TickmarkError } from '../../../errors.js';
import { invalidXlsx } from '../invalid.js';
import type { ZipArchive } from './archive.js';
import { InflatedSizeMeter } from './bomb-guard.js';
import type { ZipEntry } from './central-directory.js';

/** Refuse entries we cannot read: encrypted, or compressed with something other than deflate. */
export function assertReadableEntry(entry: ZipEntry): void {
  if (entry.flags & 0x0001) throw invalidXlsx(`${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8) throw invalidXlsx(`${entry.name} uses compression method ${entry.method}; only stored and deflate are supported`);
}

export async function* inflateEntry(archive: ZipArchive, entry: ZipEntry): AsyncGenerator<Buffer> {
  assertReadableEntry(entry);
  const meter = new InflatedSizeMeter(entry);
  if (entry.compressedSize === 0) {
    meter.finish();
    return;
  }
  const start = await archive.dataStart(entry);
  const source = createReadStream(archive.path, { start, end: start + entry.compressedSize - 1 });
  let bytes: Readable = source;
  if (entry.method === 8) {
    const inflater = createInflateRaw();
    // Errors reach the loop below through the inflater; the callback only keeps them handled.
    bytes = pipeline(source, inflater, () => undefined);
  }
  try {
    for await (const chunk of bytes) {
      meter.add(chunk as Buffer);
      yield chunk as Buffer;
    }
  } catch (err) {
    if (err instanceof TickmarkError) throw err;
    throw invalidXlsx(`${entry.name}: the compressed data is damaged (${(err as Error).message})`);
  } finally {
    bytes.destroy();
    source.destroy();
  }
  meter.finish();
}
