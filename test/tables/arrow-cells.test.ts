/**
 * The Arrow byte loops against the platform's own encoder: for random cells (ASCII, Latin-1,
 * every whitespace, beyond Latin-1, a surrogate pair, lone surrogates), the gathered UTF-8 of each
 * cell is `TextEncoder`'s bytes for it, from Latin-1 bytes and from UTF-16 units alike; validity
 * bits mark exactly the cells that have a value; int64 words hold the epoch milliseconds.
 */
import { describe, expect, it } from 'vitest';
import { unitsOfStrings } from '../../src/kernels/units.js';
import { int64Words, nullCodesAsZero, utf8Cells, validNumbers, validityOf } from '../../src/tables/arrow-cells.js';
import { randomText } from '../kernels/random-text.js';

const encoder = new TextEncoder();

function cellsOf(out: ReturnType<typeof utf8Cells>, rows: number): (string | null)[] {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // a cell may start with U+FEFF
  return Array.from({ length: rows }, (_, i) => {
    const valid = out.nullCount === 0 || (out.validity[i >> 3]! >> (i & 7)) & 1;
    return valid ? decoder.decode(out.bytes.subarray(out.offsets[i]!, out.offsets[i + 1]!)) : null;
  });
}

describe('utf8Cells', () => {
  for (const latin1 of [true, false]) {
    it(`gathers each cell as TextEncoder's UTF-8 (${latin1 ? 'Latin-1 bytes' : 'UTF-16 units'})`, () => {
      for (let trial = 0; trial < 40; trial++) {
        const next = randomText(`arrow-${latin1}-${trial}`, latin1);
        const values = Array.from({ length: 60 }, (_, i) => (i % 7 === 3 ? null : next()));
        const cells = unitsOfStrings(values);
        expect(cells.units instanceof Uint16Array).toBe(!latin1 && values.some((v) => v && /[^\u0000-\u00ff]/.test(v)));
        const out = utf8Cells(cells, values.length);
        expect(cellsOf(out, values.length)).toEqual(values);
        const joined = encoder.encode(values.map((v) => v ?? '').join(''));
        expect(Buffer.from(out.bytes).equals(Buffer.from(joined))).toBe(true);
        expect(out.nullCount).toBe(values.filter((v) => v === null).length);
      }
    });
  }

  it('counts the code units that became more than one byte', () => {
    const latin1 = utf8Cells(unitsOfStrings(['Zoë', 'abc', 'éé']), 3);
    expect(latin1.transcoded).toBe(3);
    expect(Array.from(latin1.offsets)).toEqual([0, 4, 7, 11]);
    const wide = utf8Cells(unitsOfStrings(['Ж中', '😀', 'a']), 3);
    expect(wide.transcoded).toBe(3); // Ж, 中, and the pair's lead unit
    expect(Array.from(wide.offsets)).toEqual([0, 5, 9, 10]);
  });

  it('writes an unpaired surrogate as U+FFFD, as TextEncoder does', () => {
    const values = ['a\ud800', '\udc00b', '\ud83d\ude00', '\ude00\ud83d'];
    const out = utf8Cells(unitsOfStrings(values), 4);
    const each = Buffer.concat(values.map((v) => encoder.encode(v))); // cell by cell: joined, the first two would pair
    expect(Buffer.from(out.bytes).toString('hex')).toBe(each.toString('hex'));
    expect(Buffer.from(out.bytes.subarray(0, 4)).toString('hex')).toBe('61efbfbd');
  });

  it('leaves the validity bitmap empty when no cell is null', () => {
    expect(utf8Cells(unitsOfStrings(['a', '', 'b']), 3)).toMatchObject({ nullCount: 0, validity: new Uint8Array(0) });
  });
});

describe('validityOf, validNumbers, int64Words, nullCodesAsZero', () => {
  it('sets bit i exactly where row i has a value, NaN being no value', () => {
    const values = Float64Array.from({ length: 19 }, (_, i) => (i % 3 === 0 ? Number.NaN : i));
    const { validity, nullCount } = validityOf(validNumbers(values, 19), 19);
    expect(nullCount).toBe(7);
    expect(Array.from(validity)).toEqual([0b10110110, 0b01101101, 0b011]);
  });

  it('writes epoch milliseconds as little-endian int64, before 1970 too', () => {
    const ms = [0, 1_736_242_200_000, -86_400_000, 2 ** 53 - 1, Number.NaN, 4_294_967_296];
    const words = int64Words(Float64Array.from(ms), ms.length);
    expect(Array.from(new BigInt64Array(words.buffer))).toEqual([0n, 1_736_242_200_000n, -86_400_000n, 2n ** 53n - 1n, 0n, 4_294_967_296n]);
  });

  it('makes null codes 0 in a copy', () => {
    const codes = Int32Array.from([2, -1, 0, -1]);
    expect(Array.from(nullCodesAsZero(codes, 4))).toEqual([2, 0, 0, 0]);
    expect(codes[1]).toBe(-1);
  });
});
