/**
 * XML written straight into a growing byte buffer, as UTF-8: markup known to be ASCII, integers
 * digit by digit, numbers as `String(n)` spells them, and element text escaped as `xmlText` does
 * (`&`, `<`, `>` as entities; DEL and the C0 controls XML 1.0 forbids dropped; a lone surrogate
 * as U+FFFD, as UTF-8 encoding writes it) — no string is built per cell or per row.
 *
 * @example
 * const out = new XmlBytes()
 * out.ascii('<v>'); out.text('a<b'); out.ascii('</v>')
 * out.toString() // '<v>a&lt;b</v>'
 */

/** Texts at least this long are encoded natively once the scan found nothing to escape. */
const NATIVE_FROM = 48;

export class XmlBytes {
  bytes: Buffer;
  /** Bytes written so far. */
  at = 0;

  constructor(size = 1 << 16) {
    this.bytes = Buffer.allocUnsafe(size);
  }

  /** Room for `n` more bytes. */
  reserve(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.at + n));
    this.bytes.copy(grown, 0, 0, this.at);
    this.bytes = grown;
  }

  /** Text known to hold only ASCII characters that need no escaping (markup, digits). */
  ascii(s: string): void {
    const n = s.length;
    this.reserve(n);
    const b = this.bytes;
    let at = this.at;
    for (let i = 0; i < n; i++) b[at++] = s.charCodeAt(i);
    this.at = at;
  }

  /** A non-negative safe integer in decimal. */
  uint(v: number): void {
    this.reserve(16);
    const b = this.bytes;
    if (v < 10) {
      b[this.at++] = 48 + v;
      return;
    }
    if (v > 0x7fffffff) {
      let digits = 1;
      for (let t = v; t >= 10; t = Math.floor(t / 10)) digits++;
      let at = this.at + digits;
      this.at = at;
      for (let t = v; t > 0; t = Math.floor(t / 10)) b[--at] = 48 + (t % 10);
      return;
    }
    // Below 2^31: digits counted by comparison, each found with one 32-bit division.
    const digits = v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : v < 1000000 ? 6 : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
    let at = this.at + digits;
    this.at = at;
    for (let t = v; t > 0; ) {
      const q = (t / 10) | 0;
      b[--at] = 48 + t - q * 10;
      t = q;
    }
  }

  /** Again the `length` bytes written from `from` (a part of this row already written). */
  repeat(from: number, length: number): void {
    this.reserve(length);
    const b = this.bytes;
    let at = this.at;
    for (let i = 0; i < length; i++) b[at++] = b[from + i]!;
    this.at = at;
  }

  /** A number as `String(v)` writes it. */
  number(v: number): void {
    if (Number.isSafeInteger(v)) {
      if (v < 0) {
        this.reserve(1);
        this.bytes[this.at++] = 45;
        this.uint(-v);
      } else this.uint(v);
    } else this.ascii(String(v));
  }

  /** Element text (never an attribute value), escaped as `xmlText` escapes it, in UTF-8. */
  text(s: string): void {
    const n = s.length;
    // An escaped unit takes at most 5 bytes (`&amp;`); a surrogate pair 4 for its two units.
    this.reserve(n * 5);
    const b = this.bytes;
    let at = this.at;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x7f || c < 0x20 || c === 38 || c === 60 || c === 62) break;
      b[at++] = c;
    }
    if (i === n) {
      this.at = at;
      return;
    }
    if (n >= NATIVE_FROM && isPlainText(s)) {
      this.at += b.write(s, this.at, 'utf8');
      return;
    }
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c !== 0x7f) {
          if (c === 38) at = put(b, at, AMP);
          else if (c === 60) at = put(b, at, LT);
          else if (c === 62) at = put(b, at, GT);
          else b[at++] = c;
        } else if (c === 9 || c === 10 || c === 13) b[at++] = c;
      } else if (c < 0x800) {
        b[at++] = 0xc0 | (c >> 6);
        b[at++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        // The second half may follow characters that are dropped (the pair is then whole).
        let j = i + 1;
        while (j < n && isDropped(s.charCodeAt(j))) j++;
        const d = j < n ? s.charCodeAt(j) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          b[at++] = 0xf0 | (cp >> 18);
          b[at++] = 0x80 | ((cp >> 12) & 0x3f);
          b[at++] = 0x80 | ((cp >> 6) & 0x3f);
          b[at++] = 0x80 | (cp & 0x3f);
          i = j;
        } else {
          b[at++] = 0xef;
          b[at++] = 0xbf;
          b[at++] = 0xbd;
        }
      } else {
        b[at++] = 0xe0 | (c >> 12);
        b[at++] = 0x80 | ((c >> 6) & 0x3f);
        b[at++] = 0x80 | (c & 0x3f);
      }
    }
    this.at = at;
  }

  /** The bytes written (a view: valid until the next write). */
  view(): Buffer {
    return this.bytes.subarray(0, this.at);
  }

  toString(): string {
    return this.bytes.toString('utf8', 0, this.at);
  }
}

const AMP = [38, 97, 109, 112, 59];
const LT = [38, 108, 116, 59];
const GT = [38, 103, 116, 59];

/** DEL and the C0 controls XML 1.0 forbids (tab, line feed and carriage return are kept). */
const isDropped = (c: number): boolean => c === 0x7f || (c < 0x20 && c !== 9 && c !== 10 && c !== 13);

function put(b: Buffer, at: number, bytes: readonly number[]): number {
  for (const x of bytes) b[at++] = x;
  return at;
}

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[<>&\x7F\x00-\x08\x0B-\x0C\x0E-\x1F\ud800-\udfff]/;

/** Whether UTF-8 encoding alone writes the text as `xmlText` would (nothing to escape or drop, no surrogate). */
const isPlainText = (s: string): boolean => !NEEDS_ESCAPE.test(s);
