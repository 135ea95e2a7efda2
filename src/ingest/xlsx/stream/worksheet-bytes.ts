/**
 * A worksheet part's inflated bytes, streamed straight from the file by `inflateEntry` and
 * metered there (more bytes than the central directory declared is TM_ERR_XLSX_BOMB and stops the
 * read; a short or damaged entry is TM_ERR_XLSX_INVALID), with every step raced against the
 * latch, which fails on an abort signal: a cancelled read ends at once instead of at the next chunk.
 *
 * @example
 * for await (const bytes of worksheetBytes(archive, entry, latch)) parser.write(bytes)
 */
import type { ZipArchive } from '../zip/archive.js';
import type { ZipEntry } from '../zip/central-directory.js';
import { inflateEntry } from '../zip/inflate-entry.js';
import type { Latch } from './latch.js';

export async function* worksheetBytes(archive: ZipArchive, entry: ZipEntry, latch: Latch): AsyncGenerator<Buffer> {
  const chunks = inflateEntry(archive, entry);
  try {
    for (;;) {
      const step = await latch.race(chunks.next());
      if (step.done) return;
      yield step.value;
    }
  } finally {
    // A generator still waiting on a stalled read cannot be returned now; do not wait for it.
    chunks.return(undefined).catch(() => undefined);
  }
}
