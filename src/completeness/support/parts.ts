/**
 * Per-chunk column parts: partials keep lists of typed arrays (one per chunk) so merging is a
 * cheap concatenation of references; `finish` joins them once.
 *
 * @example
 * joinFloat64([Float64Array.of(1, 2), Float64Array.of(3)]) // Float64Array [1, 2, 3]
 */

export function joinFloat64(parts: readonly Float64Array[]): Float64Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Float64Array(n);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

export function joinInt32(parts: readonly Int32Array[]): Int32Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Int32Array(n);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** Growable Float64 buffer used inside one map call; `take()` returns an exact-length copy. */
export class Float64Builder {
  private buf = new Float64Array(64);
  length = 0;
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  take(): Float64Array {
    return this.buf.slice(0, this.length);
  }
}
