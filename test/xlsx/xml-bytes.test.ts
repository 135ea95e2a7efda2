/**
 * XmlBytes: element text written straight into bytes equals `xmlText`'s text encoded as UTF-8 —
 * for any text, markup characters, forbidden controls, DEL, pairs and lone surrogates included —
 * and numbers as `String(n)` spells them.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { XmlBytes, xmlText } from '../../src/xlsx/index.js';

const written = (write: (out: XmlBytes) => void): Buffer => {
  const out = new XmlBytes(8);
  write(out);
  return Buffer.from(out.view());
};

describe('XmlBytes', () => {
  it('writes any text as xmlText then UTF-8 would', () => {
    const rng = seedrandom('xml-bytes');
    const units = ['a', 'Z', ' ', '&', '<', '>', '"', "'", '\t', '\n', '\r', '\u0000', '\u0001', '\u000b', '\u001f', '\u007f', '\u0080', 'é', '\u07ff', '\u0800', '✓', '\ufffd', '\uffff', '😀', '\ud83d', '\ude00', '_x0041_'];
    for (let round = 0; round < 2000; round++) {
      let text = '';
      // Short texts (the unit loop) and long ones (the native encoder once the scan finds nothing to escape).
      const length = rng() < 0.5 ? Math.floor(rng() * 12) : 40 + Math.floor(rng() * 80);
      const plain = rng() < 0.3;
      while (text.length < length) text += plain ? ['a', 'é', '✓', ' '][Math.floor(rng() * 4)] : units[Math.floor(rng() * units.length)];
      expect(written((out) => out.text(text)).equals(Buffer.from(xmlText(text), 'utf8')), JSON.stringify(text)).toBe(true);
    }
  });

  it('writes numbers as String does', () => {
    const rng = seedrandom('xml-bytes-numbers');
    const numbers = [0, -0, 1, 9, 10, -1, -10, 123456789, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, 1e-7, 0.1, 1 / 3, -2.5, 45901.69241898148, NaN, Infinity];
    for (let i = 0; i < 2000; i++) numbers.push(rng() < 0.5 ? Math.floor(rng() * 1e12) : (rng() - 0.5) * 10 ** Math.floor(rng() * 30 - 10));
    for (const n of numbers) expect(written((out) => out.number(n)).toString(), String(n)).toBe(String(n));
  });

  it('writes integers at every digit count as String does, either side of 2^31', () => {
    const integers: number[] = [];
    for (let p = 1; p <= 15; p++) integers.push(10 ** p - 1, 10 ** p, 10 ** p + 1, 2 * 10 ** p + 7);
    integers.push(2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 2 ** 32, Number.MAX_SAFE_INTEGER);
    const rng = seedrandom('xml-bytes-uint');
    for (let i = 0; i < 2000; i++) integers.push(Math.floor(rng() * 10 ** Math.floor(rng() * 16)));
    for (const n of integers) expect(written((out) => out.uint(n)).toString(), String(n)).toBe(String(n));
  });

  it('repeats bytes it holds, across a growth of its buffer', () => {
    const out = new XmlBytes(8);
    out.ascii('<c r="A');
    out.uint(1048576);
    out.ascii('"/>');
    for (let i = 0; i < 300; i++) {
      out.ascii('<c r="B');
      out.repeat(7, 7);
      out.ascii('"/>');
    }
    expect(out.toString()).toBe(`<c r="A1048576"/>${'<c r="B1048576"/>'.repeat(300)}`);
  });

  it('grows as it is written, keeping what it holds', () => {
    const out = new XmlBytes(4);
    for (let i = 0; i < 1000; i++) {
      out.ascii('<v>');
      out.uint(i);
      out.ascii('</v>');
    }
    expect(out.toString()).toBe(Array.from({ length: 1000 }, (_, i) => `<v>${i}</v>`).join(''));
  });
});
