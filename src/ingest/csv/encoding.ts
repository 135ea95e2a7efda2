/**
 * Text encodings of CSV files. A byte order mark decides (UTF-8, UTF-16LE, UTF-16BE); a file
 * without one is UTF-8 or Windows-1252 — the European Excel "CSV" save — told apart by its first
 * non-ASCII text (`judgeSingleByteText`): the first 64 KiB that hold non-ASCII bytes (or, when they
 * are all ASCII, the first piece of the file that does) are Windows-1252 when they hold no UTF-8
 * sequence at all and some byte that is not UTF-8; otherwise UTF-8 — so a UTF-8 file with a stray
 * byte is an error naming that byte, never read as Windows-1252 with its UTF-8 text garbled.
 * ISO-8859-1 is read only when named: it differs from Windows-1252 only in bytes 0x80–0x9F, which
 * are control characters in ISO-8859-1 and never appear in its text.
 *
 * Windows-1252 maps 0x80–0x9F to € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ and leaves
 * 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined: such a byte is an error, never a replacement
 * character. (Node's `TextDecoder('windows-1252')` reads 0x80–0x9F as Latin-1 control characters —
 * € would silently become U+0080 — so the table is here.)
 *
 * @example
 * judgeSingleByteText(Buffer.from([0x4d, 0xfc, 0x6c]), true) // 'windows-1252' (Mül)
 * singleByteText(Buffer.from([0x80, 0x35]), 'windows-1252') // '€5'
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { asciiRunEnd, wordsOf } from './latin1-text.js';

/** An encoding a file can be read in (and named with `IngestOptions.encoding`). */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-1';
export const TEXT_ENCODINGS: readonly TextEncoding[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-1'];

/** How a chunk's bytes reach the parser: UTF-8 (UTF-16 is transcoded before), or one byte a character. */
export type ChunkEncoding = 'utf-8' | 'windows-1252' | 'iso-8859-1';

export const ENCODING_NAMES: Record<TextEncoding | 'utf-8-bom', string> = {
  'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', 'windows-1252': 'Windows-1252', 'iso-8859-1': 'ISO-8859-1',
};

/** Windows-1252 0x80–0x9F; 0 where undefined. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];
const C1 = /[\x80-\x9f]/g;

/**
 * Text as Windows-1252 bytes (how a European Excel save writes it); throws on a character the
 * code page has no byte for.
 */
export function windows1252Bytes(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else {
      const k = CP1252_HIGH.indexOf(c);
      if (k < 0) throw new RangeError(`${JSON.stringify(text[i])} (U+${c.toString(16).toUpperCase().padStart(4, '0')}) has no Windows-1252 byte`);
      out[i] = 0x80 + k;
    }
  }
  return out;
}
const cp1252Char = (c: string) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]!);

/**
 * UTF-8 or Windows-1252, from bytes of a file without a BOM: undefined while they are all ASCII
 * (either reads them the same). `complete`: the bytes end where the file ends (else a UTF-8
 * sequence cut at their end is not held against them).
 */
export function judgeSingleByteText(bytes: Uint8Array, complete: boolean): 'utf-8' | 'windows-1252' | undefined {
  if (isAscii(bytes)) return undefined;
  if (isUtf8(bytes)) return 'utf-8';
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceAt(bytes, i);
    if (length > 0) return 'utf-8'; // UTF-8 text in it: a byte that is not is an error, not a reason to garble the rest
    if (length === CUT && !complete) return 'utf-8';
    i++;
  }
  return 'windows-1252';
}

/** `utf8SequenceAt` for a sequence that runs past the end of the bytes. */
const CUT = -1;

/** Length of the valid UTF-8 sequence at `i` (WHATWG rules: no overlongs, no surrogates, ≤ U+10FFFF), 0 if none, `CUT` if it may continue past the end. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    if (b === 0xe0) lo = 0xa0;
    if (b === 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    if (b === 0xf0) lo = 0x90;
    if (b === 0xf4) hi = 0x8f;
  } else return 0;
  for (let k = 1; k <= need; k++) {
    const c = bytes[i + k];
    if (c === undefined) return CUT;
    if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return 0;
  }
  return need + 1;
}

/** Offset of the first byte `encoding` does not define, or -1 (UTF-8: the first byte of an invalid sequence). */
export function firstUndecodable(bytes: Uint8Array, encoding: ChunkEncoding): number {
  if (encoding === 'utf-8') return isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80 && b <= 0x9f && (encoding === 'iso-8859-1' || CP1252_HIGH[b - 0x80] === 0)) return i;
  }
  return -1;
}


/** The text of single-byte bytes (every byte defined: see `firstUndecodable`). */
export function singleByteText(bytes: Uint8Array, encoding: 'windows-1252' | 'iso-8859-1'): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return encoding === 'windows-1252' ? latin1.replace(C1, cp1252Char) : latin1;
}

/** Offset of the first byte in 0x80–0x9F (a Windows-1252 character that is not Latin-1's), or -1; ASCII runs are skipped a word at a time. */
export function firstC1Byte(bytes: Uint8Array): number {
  const n = bytes.length;
  const { words, wordBase } = wordsOf(bytes);
  for (let i = asciiRunEnd(bytes, words, wordBase, 0); i < n; i = asciiRunEnd(bytes, words, wordBase, i + 1)) {
    const b = bytes[i]!;
    if (b < 0xa0) return i;
  }
  return -1;
}

/**
 * The UTF-8 form of Windows-1252 bytes — the text `singleByteText` gives — written into `into`
 * (three bytes a byte is always enough): its length, or −1 − the offset of the first byte the
 * code page leaves undefined. ASCII runs are copied as blocks.
 */
export function windows1252ToUtf8(bytes: Uint8Array, into: Uint8Array): number {
  const n = bytes.length;
  const { words, wordBase } = wordsOf(bytes);
  let o = 0;
  for (let i = 0; i < n; ) {
    const end = asciiRunEnd(bytes, words, wordBase, i);
    if (end - i > 16) {
      into.set(bytes.subarray(i, end), o);
      o += end - i;
      i = end;
    } else while (i < end) into[o++] = bytes[i++]!;
    if (i >= n) break;
    const b = bytes[i]!;
    const c = b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b;
    if (c === 0) return -1 - i;
    if (c < 0x800) {
      into[o++] = 0xc0 | (c >> 6);
      into[o++] = 0x80 | (c & 0x3f);
    } else {
      into[o++] = 0xe0 | (c >> 12);
      into[o++] = 0x80 | ((c >> 6) & 0x3f);
      into[o++] = 0x80 | (c & 0x3f);
    }
    i++;
  }
  return o;
}

/** Offset of the first byte of an invalid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceAt(bytes, i);
    if (length <= 0) return i;
    i += length;
  }
  return -1;
}

/** Index of the first code unit of UTF-16 text (`le`: little-endian) that is an unpaired surrogate, or -1 (a high surrogate at the end is unpaired: the caller holds back a pair cut by its input). */
export function firstUnpairedSurrogate(bytes: Uint8Array, le: boolean): number {
  const unit = (i: number) => (le ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const u = unit(i);
    if (u >= 0xdc00 && u <= 0xdfff) return i;
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 3 >= bytes.length) return i;
      const next = unit(i + 2);
      if (next < 0xdc00 || next > 0xdfff) return i;
      i += 2;
    }
  }
  return -1;
}
