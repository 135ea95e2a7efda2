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
  /** True when the stream so far ends inside a quoted field. */
  inQuote = false;

  constructor(private readonly chunkSize: number) {}

  push(buf: Buffer): Buffer[] {
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    const out: Buffer[] = [];
    if (this.pendingBytes < this.chunkSize) return out;
    const fresh = this.pending.length > 1;
    const joined = fresh ? Buffer.concat(this.pending, this.pendingBytes) : this.pending[0]!;
    let start = 0;
    while (joined.length - start >= this.chunkSize) {
      const cut = boundaryAfter(joined, start, start + this.chunkSize);
      if (cut === -1) break; // the record at the cut point is not complete yet
      out.push(joined.subarray(start, cut));
      start = cut;
    }
    let rest = joined.subarray(start);
    if (fresh && out.length === 1 && joined.byteOffset === 0 && joined.buffer.byteLength === joined.length) {
      // The one chunk may own the concatenation (sent to a worker without a copy): the rest moves out.
      rest = Buffer.from(rest);
      owned.add(out[0]!);
    }
    this.pending = rest.length ? [rest] : [];
    this.pendingBytes = rest.length;
    return out;
  }

  /** The final chunk (may not end with a newline), or null when nothing is left. */
  end(): Buffer | null {
    if (!this.pendingBytes) return null;
    const last = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.inQuote = quoteParity(last, last.length) === 1;
    this.pending = [];
    this.pendingBytes = 0;
    return last;
  }
}

/**
 * The cuts `RecordCutter` makes, as byte offsets, for a stream read piece by piece into memory
 * it does not keep (a file read into one reused buffer): quote parity runs across pieces, and a
 * cut is the offset just after the first newline outside quotes at or after each chunk's start
 * plus `chunkSize`. The chunks are then read back by range where they are parsed.
 *
 * @example
 * const cutter = new RangeCutter(1 << 20, dataStart)
 * for (const [piece, at] of reads) for (const cut of cutter.push(piece, at)) send(start, (start = cut))
 */
export class RangeCutter {
  private parity = 0;
  /** The next cut is the first newline outside quotes at or after this offset. */
  private next: number;

  constructor(private readonly chunkSize: number, start: number) {
    this.next = start + chunkSize;
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
        this.next = at + nl + 1 + this.chunkSize;
      }
      i = nl + 1;
    }
    return cuts;
  }
}

/** Quote parity (0 or 1) of buf[0, end): chunks always start outside quotes. */
function quoteParity(buf: Buffer, end: number): number {
  let parity = 0;
  let i = buf.indexOf(QUOTE);
  while (i !== -1 && i < end) {
    parity ^= 1;
    i = buf.indexOf(QUOTE, i + 1);
  }
  return parity;
}

/**
 * Index just after the first newline outside quotes at or after `from`, for a region that starts
 * outside quotes at `start`; -1 when there is none yet.
 */
export function boundaryAfter(buf: Buffer, start: number, from: number): number {
  let parity = 0;
  let q = buf.indexOf(QUOTE, start);
  for (; q !== -1 && q < from; q = buf.indexOf(QUOTE, q + 1)) parity ^= 1;
  let nl = buf.indexOf(NEWLINE, from);
  while (nl !== -1) {
    for (; q !== -1 && q < nl; q = buf.indexOf(QUOTE, q + 1)) parity ^= 1;
    if (parity === 0) return nl + 1;
    nl = buf.indexOf(NEWLINE, nl + 1);
  }
  return -1;
}

/** Index just after the last newline outside quotes, or -1. */
export function lastBoundary(buf: Buffer): number {
  const quotes: number[] = [];
  for (let i = buf.indexOf(QUOTE); i !== -1; i = buf.indexOf(QUOTE, i + 1)) quotes.push(i);
  let nl = buf.lastIndexOf(NEWLINE);
  let q = quotes.length; // number of quotes before nl (search downwards)
  while (nl !== -1) {
    while (q > 0 && quotes[q - 1]! > nl) q--;
    if ((q & 1) === 0) return nl + 1;
    // Inside a quoted field: the field opened at quotes[q-1]; look before it.
    nl = buf.lastIndexOf(NEWLINE, quotes[q - 1]!);
  }
  return -1;
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
