/**
 * The pure pieces: date formats, serial → naive text, OPC target resolution, record padding,
 * escapes, column letters. Property tests draw from a seeded stream.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../src/kernels/timestamp/parse.js';
import { excelSerialText } from '../../../src/ingest/xlsx/sheet/excel-date.js';
import { headerOf, recordValues } from '../../../src/ingest/xlsx/sheet/records.js';
import { columnOf } from '../../../src/ingest/xlsx/sheet/rows.js';
import { decodeEscapedCharacters } from '../../../src/ingest/xlsx/workbook/escaped-characters.js';
import { isDateFormatCode, isDateFormatId } from '../../../src/ingest/xlsx/workbook/number-format.js';
import { relationshipsPartOf, resolvePartTarget } from '../../../src/ingest/xlsx/workbook/relationships.js';
import { Latch } from '../../../src/ingest/xlsx/stream/latch.js';
import { decodeUtf8 } from '../../../src/ingest/xlsx/xml/events.js';
import { columnName } from './helpers/xlsx-parts.js';

describe('isDateFormatCode', () => {
  it.each([
    ['yyyy-mm-dd', true],
    ['YYYY-MM-DD HH:MM:SS', true],
    ['m/d/yy h:mm', true],
    ['d-mmm-yy', true],
    ['mmm', true],
    ['[$-409]mmmm d, yyyy;@', true],
    ['[Red]dd/mm/yyyy', true],
    ['yyyy\\-mm\\-dd', true],
    ['h:mm', false],
    ['h:mm:ss AM/PM', false],
    ['mm:ss', false],
    ['[h]:mm:ss', false],
    ['[mm]:ss', false],
    ['General', false],
    ['0.00E+00', false],
    ['#,##0.00 "days"', false],
    ['0\\ \\d', false],
    ['#,##0;[Red]-#,##0', false],
    ['@', false],
    ['"Date:" 0', false],
  ])('%s → %s', (code, expected) => {
    expect(isDateFormatCode(code)).toBe(expected);
  });

  it('uses built-in ids unless the workbook redefines them', () => {
    expect(isDateFormatId(14, new Map())).toBe(true);
    expect(isDateFormatId(22, new Map())).toBe(true);
    expect(isDateFormatId(20, new Map())).toBe(false); // h:mm
    expect(isDateFormatId(0, new Map())).toBe(false);
    expect(isDateFormatId(164, new Map([[164, '0.00']]))).toBe(false);
    expect(isDateFormatId(165, new Map([[165, 'dd/mm/yyyy']]))).toBe(true);
  });
});

describe('excelSerialText', () => {
  it('writes naive text in both date systems', () => {
    expect(excelSerialText(45658, false)).toBe('2025-01-01 00:00:00');
    expect(excelSerialText(45658.75, false)).toBe('2025-01-01 18:00:00');
    expect(excelSerialText(1, false)).toBe('1900-01-01 00:00:00');
    expect(excelSerialText(0.25, false)).toBe('1899-12-31 06:00:00');
    expect(excelSerialText(60.5, false)).toBe('1900-02-29 12:00:00');
    expect(excelSerialText(2958465.9999999, false)).toBe('9999-12-31 23:59:59.991');
    expect(excelSerialText(2958466, false)).toBeNull();
    expect(excelSerialText(44196, true)).toBe('2025-01-01 00:00:00');
    expect(excelSerialText(Number.NaN, false)).toBeNull();
  });

  it('for every instant after 1900-03-01, reads back as the same instant through the typing step (both systems)', () => {
    const rng = seedrandom('excel-serial');
    const start = Date.UTC(1900, 2, 1);
    const end = Date.UTC(9999, 11, 31);
    const failures: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const ms = start + Math.floor(rng() * ((end - start) / 1000)) * 1000 + (i % 3 === 0 ? Math.floor(rng() * 1000) : 0);
      const text = excelSerialText(ms / 86_400_000 + 25_569, false)!;
      const back = parseTimestamp(text, { timeZone: 'UTC' });
      const text1904 = ms >= Date.UTC(1904, 0, 1) ? excelSerialText(ms / 86_400_000 + 24_107, true) : text;
      if (!/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{3})?$/.test(text) || !back.ok || back.ms !== ms || text1904 !== text) {
        failures.push(`${new Date(ms).toISOString()} → ${text} / ${text1904}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('relationship targets', () => {
  it('resolves relative, absolute and parent targets', () => {
    expect(resolvePartTarget('xl/workbook.xml', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePartTarget('xl/workbook.xml', '/xl/worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePartTarget('xl/workbook.xml', './sharedStrings.xml')).toBe('xl/sharedStrings.xml');
    expect(resolvePartTarget('xl/workbook.xml', '../customXml/item1.xml')).toBe('customXml/item1.xml');
    expect(resolvePartTarget('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
    expect(relationshipsPartOf('xl/workbook.xml')).toBe('xl/_rels/workbook.xml.rels');
    expect(relationshipsPartOf('')).toBe('_rels/.rels');
  });
});

describe('records', () => {
  it('trims header texts and drops trailing blanks, but keeps inner blanks', () => {
    expect(headerOf([' Number ', '', 'Title', ' ', ''])).toEqual(['Number', '', 'Title']);
  });

  it('pads to the header width and never drops or reorders a value', () => {
    const rng = seedrandom('records');
    let checked = 0;
    for (let i = 0; i < 500; i++) {
      const cells = Array.from({ length: Math.floor(rng() * 8) }, (_, j) => (rng() < 0.3 ? '' : `v${j}`));
      const width = Math.floor(rng() * 8);
      const values = recordValues(cells, width);
      const ok =
        values.length === Math.max(width, cells.length) &&
        cells.every((c, j) => values[j] === c) &&
        values.slice(cells.length).every((v) => v === '');
      if (!ok) expect({ cells, width, values }).toBe('padded');
      checked++;
    }
    expect(checked).toBe(500);
  });
});

describe('small decoders', () => {
  it('decodes _xHHHH_ escapes and the escaped escape', () => {
    expect(decodeEscapedCharacters('a_x000D_b_x0009_c')).toBe('a\rb\tc');
    expect(decodeEscapedCharacters('_x005F_x000D_')).toBe('_x000D_');
    expect(decodeEscapedCharacters('plain_x00_text')).toBe('plain_x00_text');
  });

  it('reads column letters for every column Excel has', () => {
    for (const n of [1, 26, 27, 52, 702, 703, 2000, 16_384]) expect(columnOf(`${columnName(n)}12`)).toBe(n);
    expect(columnOf('xfd1')).toBe(16_384);
    expect(() => columnOf('12')).toThrow(expect.objectContaining({ code: 'TM_ERR_XLSX_INVALID' }));
  });
});

describe('UTF-8 decoding of XML parts', () => {
  const collect = async (chunks: (Uint8Array | string)[]) => {
    const out: string[] = [];
    for await (const text of decodeUtf8((async function* () { yield* chunks; })(), 'xl/part.xml')) out.push(text);
    return out.join('');
  };

  it('keeps a character whose bytes are split across chunks', async () => {
    const bytes = Buffer.from('a☃b日本', 'utf8'); // ☃ is e2 98 83
    expect(await collect([bytes.subarray(0, 2), bytes.subarray(2, 3), bytes.subarray(3, 7), bytes.subarray(7)])).toBe('a☃b日本');
  });

  it('refuses invalid UTF-8 and UTF-16 parts', async () => {
    await expect(collect([Buffer.from([0x3c, 0x61, 0xff, 0x3e])])).rejects.toMatchObject({
      code: 'TM_ERR_XLSX_INVALID',
      details: { reason: 'xl/part.xml is not valid UTF-8' },
    });
    await expect(collect([Buffer.from('\ufeff<a/>', 'utf16le')])).rejects.toMatchObject({
      details: { reason: 'xl/part.xml is UTF-16; only UTF-8 XML parts are supported' },
    });
  });
});

describe('Latch', () => {
  it('lets the race settle normally, then rejects every later race with the first failure', async () => {
    const latch = new Latch();
    expect(await latch.race(Promise.resolve(7))).toBe(7);
    const pending = new Promise<number>(() => undefined); // never settles: a stalled stream
    const raced = latch.race(pending);
    latch.fail(new Error('first'));
    latch.fail(new Error('second'));
    await expect(raced).rejects.toThrow('first');
    await expect(latch.race(Promise.resolve(1))).rejects.toThrow('first');
    expect(latch.failed).toBe(true);
  });
});
