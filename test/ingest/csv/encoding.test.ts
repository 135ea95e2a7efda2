import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { firstC1Byte, firstUndecodable, singleByteText, windows1252ToUtf8 } from '../../../src/ingest/csv/encoding.js';

/** Bytes mostly ASCII (runs of any length), with Latin-1 letters, Windows-1252's 0x80–0x9F and its undefined bytes. */
function exportBytes(rng: () => number, n: number, undefinedBytes: boolean): Buffer {
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    const r = rng();
    out[i] = r < 0.85 ? 32 + Math.floor(rng() * 95) : r < 0.93 ? 0xa0 + Math.floor(rng() * 96) : 0x80 + Math.floor(rng() * 32);
    if (!undefinedBytes && [0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(out[i]!)) out[i] = 0x80;
  }
  return out;
}

describe('Windows-1252 bytes to UTF-8', () => {
  it('gives the UTF-8 of the text singleByteText reads, or the first undefined byte, at any alignment', () => {
    let failures = 0;
    for (let seed = 0; seed < 300; seed++) {
      const rng = seedrandom(`cp1252-${seed}`);
      const whole = exportBytes(rng, 1 + Math.floor(rng() * 400), seed % 3 === 0);
      const bytes = whole.subarray(seed % 4); // a view that does not start on a word boundary
      const into = new Uint8Array(bytes.length * 3);
      const length = windows1252ToUtf8(bytes, into);
      const bad = firstUndecodable(bytes, 'windows-1252');
      if (bad >= 0) {
        failures++;
        expect(length, `seed ${seed}`).toBe(-1 - bad);
        continue;
      }
      expect(Buffer.from(into.subarray(0, length)).toString('utf8'), `seed ${seed}`).toBe(singleByteText(bytes, 'windows-1252'));
      expect(firstC1Byte(bytes), `seed ${seed}`).toBe(bytes.findIndex((b) => b >= 0x80 && b <= 0x9f));
    }
    expect(failures).toBeGreaterThan(50);
  });
});
