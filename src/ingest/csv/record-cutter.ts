/**
 * Cut a CSV byte stream into record-aligned chunks: a cut is only ever made after a newline that
 * lies outside quotes (quote parity is tracked across the whole stream, so a newline inside a
 * quoted field is never a boundary). Chunks are at least `chunkSize` bytes (except the last),
 * so they can be parsed independently, on any thread, and merged in order.
 *
 * @example
 * const cutter = new RecordCutter(1 << 20)
 * for (const buf of stream) for (const chunk of cutter.push(buf)) send(chunk)
 * const last = cutter.end()
 */

const QUOTE = 0x22;
const NEWLINE = 0x0a;

const owned = new WeakSet<Buffer>();

/** True when `chunk` is the only view of its memory: it can be transferred to a worker as is. */
export function ownsMemory(chunk: Buffer): boolean {
  return owned.has(chunk);
}

export class RecordCutter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Stream offset of the first pending byte. */
  private offset = 0;
  private readonly cuts: RangeCutter;

  constructor(chunkSize: number) {
    this.cuts = new RangeCutter(chunkSize, 0);
  }

  push(buf: Buffer): Buffer[] {
    const cuts = this.cuts.push(buf, this.offset + this.pendingBytes);
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    if (!cuts.length) return [];
    const fresh = this.pending.length > 1;
    const joined = fresh ? Buffer.concat(this.pending, this.pendingBytes) : this.pending[0]!;
    const out: Buffer[] = [];
    let start = 0;
    for (const cut of cuts) {
      out.push(joined.subarray(start, cut - this.offset));
      start = cut - this.offset;
    }
    let rest = joined.subarray(start);
    if (fresh && out.length === 1 && joined.byteOffset === 0 && joined.buffer.byteLength === joined.length) {
      // The one chunk may own the concatenation (sent to a worker without a copy): the rest moves out.
      rest = Buffer.from(rest);
      owned.add(out[0]!);
    }
    this.offset += start;
    this.pending = rest.length ? [rest] : [];
    this.pendingBytes = rest.length;
    return out;
  }

  /** The final chunk (may not end with a newline), or null when nothing is left. */
  end(): Buffer | null {
    if (!this.pendingBytes) return null;
    const last = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    return last;
  }
}

/**
 * Where to cut, as byte offsets, a stream read piece by piece (a file read into one reused
 * buffer keeps no bytes; `RecordCutter` keeps them): quote parity runs across pieces, and a cut
 * is the offset just after the first newline outside quotes at or after each chunk's start plus
 * its size. Sizes may ramp up: from `firstSize`, each chunk twice the one before, up to
 * `chunkSize` (a small first chunk reaches a worker soon after the file starts to be read).
 *
 * @example
 * const cutter = new RangeCutter(1 << 20, dataStart)
 * for (const [piece, at] of reads) for (const cut of cutter.push(piece, at)) send(start, (start = cut))
 */
export class RangeCutter {
  private parity = 0;
  /** The next cut is the first newline outside quotes at or after this offset. */
  private next: number;
  /** The size of the chunk after the next cut. */
  private size: number;

  constructor(private readonly chunkSize: number, start: number, firstSize = chunkSize) {
    this.size = Math.min(chunkSize, Math.max(1, firstSize));
    this.next = start + this.size;
  }

  /** The cuts within `piece`, which holds the stream's bytes from offset `at` (pieces come in order, from the start offset). */
  push(piece: Uint8Array, at: number): number[] {
    const buf = Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    const cuts: number[] = [];
    const n = buf.length;
    let q = buf.indexOf(QUOTE); // the first quote at or after i: each quote is found once
    let i = 0;
    while (i < n) {
      const from = this.next - at;
      if (from > i) {
        const stop = Math.min(n, from); // before the cut point only the parity matters
        for (; q !== -1 && q < stop; q = buf.indexOf(QUOTE, q + 1)) this.parity ^= 1;
        i = stop;
        continue;
      }
      const nl = buf.indexOf(NEWLINE, i);
      const end = nl === -1 ? n : nl;
      for (; q !== -1 && q < end; q = buf.indexOf(QUOTE, q + 1)) this.parity ^= 1;
      if (nl === -1) break;
      if (this.parity === 0) {
        cuts.push(at + nl + 1);
        this.size = Math.min(this.chunkSize, this.size * 2);
        this.next = at + nl + 1 + this.size;
      }
      i = nl + 1;
    }
    return cuts;
  }
}

/** Index just after the first newline outside quotes, or -1. */
export function firstBoundary(buf: Buffer): number {
  let parity = 0;
  let from = 0;
  for (;;) {
    const nl = buf.indexOf(NEWLINE, from);
    if (nl === -1) return -1;
    for (let q = buf.indexOf(QUOTE, from); q !== -1 && q < nl; q = buf.indexOf(QUOTE, q + 1)) parity ^= 1;
    if (parity === 0) return nl + 1;
    from = nl + 1;
  }
}

/** Index just after the last newline outside quotes, or -1: where the complete records of `buf` end. */
export function lastBoundary(buf: Uint8Array): number {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let parity = 0;
  let last = -1;
  let q = b.indexOf(QUOTE);
  for (let nl = b.indexOf(NEWLINE); nl !== -1; nl = b.indexOf(NEWLINE, nl + 1)) {
    for (; q !== -1 && q < nl; q = b.indexOf(QUOTE, q + 1)) parity ^= 1;
    if (parity === 0) last = nl + 1;
  }
  return last;
}
