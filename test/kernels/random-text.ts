import seedrandom from 'seedrandom';

/** Characters a cell may hold: ASCII, Latin-1 (NBSP, accents), every JS whitespace, beyond Latin-1 (a surrogate pair too). */
const ALPHABET = ['a', 'Z', '0', '7', '9', '-', '#', ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', 'é', 'ÿ', '\u0085', '\u1680', '\u2003', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '€', 'Ж', '中', '😀', '\u001f', '"', ','];

/** A seeded source of cells: short strings over `ALPHABET`, Latin-1 only when asked. */
export function randomText(seed: string, latin1 = false): () => string {
  const rng = seedrandom(seed);
  const letters = latin1 ? ALPHABET.filter((c) => c.length === 1 && c.charCodeAt(0) <= 0xff) : ALPHABET;
  return () => {
    const n = Math.floor(rng() * rng() * 14);
    let s = '';
    for (let k = 0; k < n; k++) s += letters[Math.floor(rng() * letters.length)]!;
    return s;
  };
}

/** The code units of `s` as a UTF-16 array (the form a non-Latin-1 chunk's text takes). */
export function utf16(s: string): Uint16Array {
  return Uint16Array.from({ length: s.length }, (_, k) => s.charCodeAt(k));
}
