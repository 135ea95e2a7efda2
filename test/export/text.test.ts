/** Cell text: literal, XML-safe, decodable back to the original, cut at Excel's cell limit. */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { cellText, decodeCellText, headerFooterText, MAX_CELL_CHARS } from '../../src/export/workbook/text.js';

// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ALPHABET = ['a', 'Z', '=', '+', '-', '@', '\t', '\r', '\n', '\u0000', '\u0001', '\u000b', '\u001f', '_', 'x', '0', 'D', '_x000D_', '_x0041_', 'é', '✓', '😀', '\ufffe'];

function randomText(rng: () => number): string {
  let s = '';
  const n = Math.floor(rng() * 30);
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rng() * ALPHABET.length)];
  return s;
}

describe('cellText', () => {
  it('leaves ordinary and formula-looking text unchanged', () => {
    for (const t of ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3', '\tleading tab', 'two\nlines', 'CHG0000001 ✓ é 😀']) {
      expect(cellText(t)).toBe(t);
    }
  });

  it('escapes what XML cannot carry, and a carriage return, as _xHHHH_', () => {
    expect(cellText('\rline')).toBe('_x000D_line');
    expect(cellText('a\u0001b\u001fc')).toBe('a_x0001_b_x001F_c');
    expect(cellText('_x0041_')).toBe('_x005F_x0041_');
  });

  it('for any text (no lone surrogates): the result is XML-safe and decodes back to the text', () => {
    const rng = seedrandom('cell-text');
    for (let i = 0; i < 2000; i++) {
      const text = randomText(rng);
      const cell = cellText(text);
      expect(cell).not.toMatch(XML_INVALID);
      expect(cell).not.toContain('\r');
      expect(decodeCellText(cell)).toBe(text);
    }
  });

  it('replaces a lone surrogate (not encodable) with U+FFFD', () => {
    expect(cellText('a\ud800b')).toBe('a\ufffdb');
    expect(cellText('😀')).toBe('😀');
  });

  it('cuts text longer than an Excel cell and says so', () => {
    const cut = cellText('x'.repeat(MAX_CELL_CHARS + 10));
    expect(cut.length).toBe(MAX_CELL_CHARS);
    expect(cut.endsWith('longer than an Excel cell holds]')).toBe(true);
    expect(cellText('x'.repeat(MAX_CELL_CHARS))).toHaveLength(MAX_CELL_CHARS);
  });
});

describe('headerFooterText', () => {
  it('doubles & (a header code), flattens controls and shortens', () => {
    expect(headerFooterText('R&D\nchange')).toBe('R&&D change');
    expect(headerFooterText('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
