/** Temporary files for a test file, removed after it; and a helper that reads a whole sheet. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanUp } from '../../../helpers/tmp.js';
import { openXlsx, type XlsxReadOptions, type XlsxRecord } from '../../../../src/ingest/xlsx/index.js';

export function tempDir(prefix = 'tm-xlsx-'): { path(name: string): string; write(name: string, bytes: Buffer): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanUp(() => rmSync(dir, { recursive: true, force: true }));
  return {
    path: (name) => join(dir, name),
    write(name, bytes) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      return file;
    },
  };
}

export async function readSheet(path: string, options?: XlsxReadOptions) {
  const book = await openXlsx(path, options);
  const rows: XlsxRecord[] = [];
  for await (const record of book.rows) rows.push(record);
  return { ...book, rows };
}
