/**
 * Printing: the workbook of a 60-item sample, printed to PDF by LibreOffice (Letter, landscape as
 * set), is readable — no page below 60% — and the Test matrix repeats its header row on every page.
 *
 * How the scale is read: LibreOffice draws text at the page's scale, so a word's box height is
 * proportional to it. A one-sheet calibration workbook printed at 100% (the same renderer, the
 * same Calibri 11 cells) gives the median word height at 100%; each page's scale is its median
 * word height (header and footer, drawn unscaled, left out) over that. Pages are attributed to
 * their sheet by the page header's centre, which is the sheet's name.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { SheetBuilder } from '../../src/export/workbook/content.js';
import type { WorkbookInput } from '../../src/export/workbook/input.js';
import { renderWorkbook } from '../../src/export/workbook/render.js';
import { WORKBOOK_SHEETS } from '../../src/export/workbook/sheets/index.js';
import { writeWorkbook } from '../../src/export/workbook/write.js';
import { workbookDocument } from '../../src/export/workbook/build.js';
import { workbookModel } from '../../src/export/workbook/model.js';
import { tempDir, tempStore } from '../helpers/tmp.js';
import { CHANGES, GOLDEN_REQUEST, workbookInputFor } from './fixture.js';
import { convert, soffice } from './libreoffice.js';

const libreoffice = soffice();
const pdftotext = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;

interface Word {
  text: string;
  yMin: number;
  height: number;
}

/** Words of each page with their boxes (pdftotext -bbox), and the page height. */
function pages(pdf: string): { height: number; words: Word[] }[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return html.split('<page ').slice(1).map((page) => {
    const height = Number(/height="([\d.]+)"/.exec(page)![1]);
    const words = [...page.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      text: m[3]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"),
      yMin: Number(m[1]),
      height: Number(m[2]) - Number(m[1]),
    }));
    return { height, words };
  });
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** The page header and footer are drawn 0.3 in from the edges (their text ends ~0.4 in in); the body starts below. */
const BAND = 0.43 * 72;
const body = (p: { height: number; words: Word[] }): Word[] => p.words.filter((w) => w.yMin > BAND && w.yMin < p.height - BAND);

describe.runIf(libreoffice && pdftotext)('printed through LibreOffice', () => {
  let input: WorkbookInput;
  let printed: { sheet: string; scale: number; words: string[] }[];

  beforeAll(async () => {
    const dir = tempDir('tickmark-print-');
    input = await workbookInputFor(tempStore(), CHANGES, { request: { ...GOLDEN_REQUEST, size: 60 } });
    const path = join(dir, 'CC8.1-60.xlsx');
    await writeWorkbook(input, path);

    const calibration = join(dir, 'calibration.xlsx');
    const b = new SheetBuilder('Calibration');
    for (let i = 0; i < 20; i++) b.add(`Calibration text line ${i} at 100 percent`);
    const content = b.done();
    content.widths = [60];
    const out = createWriteStream(calibration);
    await renderWorkbook([content], out, { ...workbookDocument(workbookModel(input)), sharedStrings: true });
    await finished(out);

    const at100 = median(body(pages(convert(libreoffice!, calibration, 'pdf', dir))[0]!).map((w) => w.height));
    const names = WORKBOOK_SHEETS.map((s) => s.name);
    printed = pages(convert(libreoffice!, path, 'pdf', dir)).map((p) => {
      const top = p.words.filter((w) => w.yMin <= BAND).map((w) => w.text).join(' ');
      const sheet = [...names].sort((a, b) => b.length - a.length).find((n) => top.includes(n)) ?? '?';
      return { sheet, scale: median(body(p).map((w) => w.height)) / at100, words: body(p).map((w) => w.text) };
    });
  }, 300_000);

  it('prints every sheet, each page at 60% or more', () => {
    expect(new Set(printed.map((p) => p.sheet))).toEqual(new Set(WORKBOOK_SHEETS.map((s) => s.name)));
    const low = printed.filter((p) => p.scale < 0.595).map((p) => `${p.sheet} ${(p.scale * 100).toFixed(1)}%`);
    expect(low).toEqual([]);
    const bySheet = new Map<string, number>();
    for (const p of printed) bySheet.set(p.sheet, Math.min(bySheet.get(p.sheet) ?? 1, p.scale));
    // The measured scales, for the record (vitest prints nothing unless asked): keep them readable.
    expect([...bySheet.values()].every((s) => s <= 1.02)).toBe(true);
  });

  it('repeats the Test matrix header row on every page of it', () => {
    const matrix = printed.filter((p) => p.sheet === 'Test matrix');
    expect(matrix.length).toBeGreaterThan(1);
    for (const p of matrix) {
      expect(p.words).toContain('Key');
      expect(p.words).toContain('Stratum');
      expect(p.words).toContain('Evidence');
    }
    expect(matrix.map((p) => p.words.filter((w) => /^CHG\d{7}$/.test(w)).length).reduce((a, b) => a + b, 0)).toBe(60);
  });
});

it.runIf(process.env.TICKMARK_REQUIRE_LIBREOFFICE === '1')('pdftotext is installed (CI: apt-get install -y poppler-utils)', () => {
  expect(pdftotext).toBe(true);
});
