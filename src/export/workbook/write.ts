/**
 * Write the workbook: to a file atomically (a temp file beside it, then one rename — a reader
 * never sees half a workbook) or to a Buffer (HTTP downloads).
 *
 * @example
 * await writeWorkbook(input, 'out/CC8.1-sample.xlsx')
 * const bytes = await workbookBuffer(input)
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { workbookStream } from './build.js';
import type { WorkbookInput } from './input.js';
import { renderWorkbook } from './render.js';

/** Write the workbook to `path` (atomic). */
export async function writeWorkbook(input: WorkbookInput, path: string): Promise<void> {
  const { sheets, document } = workbookStream(input);
  const temp = `${path}.tmp-${randomBytes(6).toString('hex')}`;
  const out = createWriteStream(temp);
  try {
    await renderWorkbook(sheets, out, document);
    await finished(out);
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    out.destroy();
    await rm(temp, { force: true });
    throw err;
  }
}

/** The workbook's bytes. */
export async function workbookBuffer(input: WorkbookInput): Promise<Buffer> {
  const { sheets, document } = workbookStream(input);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await renderWorkbook(sheets, out, document);
  await finished(out);
  return Buffer.concat(chunks);
}
