/**
 * Strings as one UTF-8 buffer, each written straight into it (no joined string in between: a
 * joined megabyte would be one large heap object, freed only by a full garbage collection). A
 * surrogate pair cut between two strings is written whole, as the joined text would have it.
 *
 * @example
 * utf8Of(['<a>', 'é', '</a>'], 8).toString() // '<a>é</a>'
 */
export function utf8Of(strings: readonly string[], chars: number, scratch?: ScratchBuffers): Buffer {
  // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair, two units, takes 4).
  const out = scratch ? scratch.take(chars * 3) : Buffer.allocUnsafe(chars * 3);
  const pairs = new PairsWhole();
  let at = 0;
  for (const s of strings) at += pairs.write(s, out, at);
  at += pairs.end(out, at);
  return out.subarray(0, at);
}

/**
 * Texts encoded one after another as their joined text would be: a text ending in the first half
 * of a surrogate pair holds it back until the next text (or the end) comes.
 *
 * @example
 * const pairs = new PairsWhole(); const out = Buffer.alloc(8)
 * let at = pairs.write('a\ud83d', out, 0); at += pairs.write('\ude00', out, at) // out: 'a😀'
 */
export class PairsWhole {
  private held = '';

  /** Encode `text` into `out` at `at` (room for 3 bytes per unit, one more unit held); the bytes written. */
  write(text: string, out: Buffer, at: number): number {
    if (this.held) {
      text = this.held + text;
      this.held = '';
    }
    if (endsInHighSurrogate(text)) {
      this.held = text.slice(-1);
      text = text.slice(0, -1);
    }
    return out.write(text, at, 'utf8');
  }

  /** A half still held, encoded alone (as U+FFFD); the bytes written. */
  end(out: Buffer, at: number): number {
    const held = this.held;
    this.held = '';
    return held ? out.write(held, at, 'utf8') : 0;
  }
}

/** Whether the text's last unit is the first half of a surrogate pair (its second half comes next). */
export function endsInHighSurrogate(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff;
}

/**
 * Buffers used again once given back: text encoded piece after piece into fresh buffers would
 * allocate its size three times over outside the heap, and V8 answers memory allocated outside
 * the heap with full garbage collections.
 */
/** Scratch buffers are whole multiples of this size (so one fits the next piece). */
const SCRATCH_UNIT = 1 << 20;

export class ScratchBuffers {
  private readonly free: Buffer[] = [];

  /** A buffer of at least `size` bytes (its contents undefined). */
  take(size: number): Buffer {
    const i = this.free.findIndex((b) => b.length >= size);
    return i >= 0 ? this.free.splice(i, 1)[0]! : Buffer.allocUnsafeSlow(Math.ceil(size / SCRATCH_UNIT) * SCRATCH_UNIT);
  }

  /** Give back a buffer (or a view of one) from `take` that is no longer read. */
  give(buffer: Buffer): void {
    if (this.free.length < 8) this.free.push(Buffer.from(buffer.buffer, 0, buffer.buffer.byteLength));
  }
}
