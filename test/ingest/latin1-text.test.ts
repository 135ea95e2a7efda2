/**
 * utf8ToLatin1 (the chunk text's fast path) against Node's own decoders: on random text at every
 * byte alignment it gives exactly `Buffer.from(text, 'latin1')` when every character fits in
 * Latin-1 and null otherwise; on random bytes it never accepts what is not UTF-8.
 */
import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { utf8ToLatin1 } from '../../src/ingest/csv/latin1-text.js';

const PIECES = ['a', 'Z', '0', ',', '\n', '"', ' ', 'é', 'ñ', 'ß', '\u00a0', '\u00ff', '\u0080', '€', '中', '😀', 'Ā'];

function randomText(rng: () => number, beyond: boolean): string {
  const len = Math.floor(rng() * 300);
  let s = '';
  for (let i = 0; i < len; i++) {
    // Mostly ASCII runs (as in an export), with Latin-1 letters and, when asked, wider characters.
    const r = rng();
    const k = r < 0.85 ? Math.floor(rng() * 7) : r < 0.97 || !beyond ? 7 + Math.floor(rng() * 6) : 13 + Math.floor(rng() * 4);
    s += PIECES[k]!;
  }
  return s;
}

/** `bytes` copied into a larger buffer at `offset`, so the word view starts at every alignment. */
function at(bytes: Uint8Array, offset: number): Uint8Array {
  const host = new Uint8Array(offset + bytes.length + 3).fill(0xff);
  host.set(bytes, offset);
  return host.subarray(offset, offset + bytes.length);
}

describe('utf8ToLatin1', () => {
  it('equals the Latin-1 encoding of the decoded text, or is null beyond U+00FF', () => {
    const rng = seedrandom('latin1-text');
    let converted = 0;
    let refused = 0;
    for (let n = 0; n < 3000; n++) {
      const text = randomText(rng, n % 2 === 1);
      const bytes = at(Buffer.from(text, 'utf8'), n % 4);
      const got = utf8ToLatin1(bytes);
      if (/[^\u0000-\u00ff]/.test(text)) {
        expect(got).toBeNull();
        refused++;
      } else {
        expect(got).not.toBeNull();
        expect(Buffer.from(got!).equals(Buffer.from(text, 'latin1'))).toBe(true);
        converted++;
      }
    }
    expect(converted).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(1000);
  });

  it('returns the same array, uncopied, for ASCII', () => {
    const bytes = at(Buffer.from('CHG0001,Standard,2025-01-02\n'.repeat(50)), 1);
    expect(utf8ToLatin1(bytes)).toBe(bytes);
  });

  it('refuses invalid and overlong UTF-8: a lone lead byte, a stray continuation, C0/C1, a cut sequence', () => {
    for (const bad of [[0x61, 0xc3], [0x80, 0x61], [0xc0, 0x80], [0xc1, 0xbf], [0xc3, 0x41], [0xff], [0x61, 0x62, 0x63, 0x64, 0xc3]]) {
      expect(utf8ToLatin1(Uint8Array.from(bad))).toBeNull();
    }
  });

  it('never accepts bytes that are not UTF-8 (random bytes)', () => {
    const rng = seedrandom('latin1-bytes');
    for (let n = 0; n < 3000; n++) {
      const bytes = at(Uint8Array.from({ length: Math.floor(rng() * 40) }, () => (rng() < 0.7 ? Math.floor(rng() * 128) : 0x80 + Math.floor(rng() * 128))), n % 4);
      const got = utf8ToLatin1(bytes);
      if (got) {
        expect(isUtf8(bytes)).toBe(true);
        expect(Buffer.from(got).toString('latin1')).toBe(Buffer.from(bytes).toString('utf8'));
      }
    }
  });
});
