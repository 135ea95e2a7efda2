/** Every entry of a zip archive, inflated by tickmark's strict reader (layout, sizes, CRC-32), as text by name. */
import { DEFAULT_XLSX_LIMITS } from '../../../src/ingest/xlsx/options.js';
import { openZipArchive } from '../../../src/ingest/xlsx/zip/archive.js';
import { inflateEntry } from '../../../src/ingest/xlsx/zip/inflate-entry.js';

export async function zipParts(path: string): Promise<Map<string, string>> {
  const archive = await openZipArchive(path, DEFAULT_XLSX_LIMITS);
  const out = new Map<string, string>();
  for (const entry of archive.entries) {
    const chunks: Buffer[] = [];
    for await (const chunk of inflateEntry(archive, entry)) chunks.push(chunk);
    out.set(entry.name, Buffer.concat(chunks).toString('utf8'));
  }
  return out;
}
