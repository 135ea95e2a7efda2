/**
 * utf8Of: strings written one after another into one buffer read back as their joined text —
 * for any cut of a random text, surrogate pairs cut between two strings included.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { endsInHighSurrogate, utf8Of } from '../../src/xlsx/utf8.js';

describe('utf8Of', () => {
  it('gives the bytes of the joined text for any cut, pairs cut between strings included', () => {
    const rng = seedrandom('utf8');
    const units = ['a', '<', 'é', '✓', '😀', '\u00ff', '\n'];
    for (let round = 0; round < 200; round++) {
      let text = '';
      while (text.length < 200) text += units[Math.floor(rng() * units.length)];
      const pieces: string[] = [];
      for (let at = 0; at < text.length; ) {
        const n = 1 + Math.floor(rng() * 7);
        pieces.push(text.slice(at, at + n));
        at += n;
      }
      expect(utf8Of(pieces, text.length).equals(Buffer.from(text, 'utf8'))).toBe(true);
    }
  });

  it('tells a text ending in the first half of a pair', () => {
    expect(endsInHighSurrogate('a😀'.slice(0, 2))).toBe(true);
    expect(endsInHighSurrogate('a😀')).toBe(false);
    expect(endsInHighSurrogate('')).toBe(false);
  });
});
