/**
 * The machine copy as tickmark wrote it in format `tickmark-workbook/2` (workbooks already handed
 * out are in it), kept here only to write such workbooks for the tests of its reading: the copy as
 * ASCII JSON in rows `1`, `2`… with its SHA-256, and the render input's JSON deflated and
 * base64-encoded in rows `r1`, `r2`…, the render record (its SHA-256, size, parts, layout) in the copy.
 */
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { deflateRawSync } from 'node:zlib';
import { workbookContents } from '../../src/export/workbook/build.js';
import { SheetBuilder, type Row, type SheetContent } from '../../src/export/workbook/content.js';
import type { WorkbookInput } from '../../src/export/workbook/input.js';
import { MACHINE_SHEET, machineCopy, renderInputOf, WORKBOOK_LAYOUT } from '../../src/export/workbook/machine-copy.js';
import type { WorkbookModel } from '../../src/export/workbook/model.js';
import { renderWorkbook } from '../../src/export/workbook/render.js';

const PART_CHARS = 30_000;
const PART_BYTES = (PART_CHARS / 4) * 3;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const asciiJson = (value: unknown): string => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The /2 machine sheet of a model (without the render rows: a /1 copy but for its format). */
export function machineSheetV2(model: WorkbookModel, withRender = true): SheetContent {
  const renderJson = JSON.stringify(renderInputOf(model));
  const deflated = deflateRawSync(Buffer.from(renderJson, 'utf8'));
  const parts: string[] = [];
  for (let i = 0; i < deflated.length; i += PART_BYTES) parts.push(deflated.toString('base64', i, Math.min(deflated.length, i + PART_BYTES)));
  const render = { sha256: sha256(renderJson), bytes: Buffer.byteLength(renderJson), parts: parts.length, layout: WORKBOOK_LAYOUT };
  const json = asciiJson({ ...machineCopy(model), format: 'tickmark-workbook/2', ...(withRender ? { render } : {}) });
  const b = new SheetBuilder(MACHINE_SHEET, 'veryHidden');
  b.add('part', 'text');
  b.add('format', 'tickmark-workbook/2');
  b.add('sha256', sha256(json));
  for (let i = 0, part = 1; i < json.length; i += PART_CHARS, part++) b.add(String(part), json.slice(i, i + PART_CHARS));
  if (withRender) parts.forEach((p, i) => b.add(`r${i + 1}`, p));
  const content = b.done();
  content.widths = [10, 100];
  return content;
}

/** The machine sheet's rows as text, as a reader gives them (the rows made as it is written too). */
export const sheetRows = (sheet: SheetContent): string[][] => {
  const more = [...((sheet.moreRows as Iterable<Row[]> | undefined) ?? [])].flat();
  return [...sheet.rows, ...more].map((r) => r.map((c) => String(c)));
};

/** The bytes of the workbook of `input` as tickmark wrote it with a /2 machine copy. */
export async function workbookV2(input: WorkbookInput): Promise<Buffer> {
  const { model, sheets, document } = workbookContents(input);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await renderWorkbook([...sheets.filter((s) => s.name !== MACHINE_SHEET), machineSheetV2(model)], out, document);
  await finished(out);
  return Buffer.concat(chunks);
}
