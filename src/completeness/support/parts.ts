/**
 * Per-chunk column parts: partials keep lists of typed arrays (one per chunk) so merging is a
 * cheap concatenation of references; `finish` joins them once.
 *
 * @example
 * Array.from(joinFloat64([Float64Array.of(1, 2), Float64Array.of(3)])) // [1, 2, 3]
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

/**
 * Sort whole numbers ascending, in place. Record numbers and the numeric parts of keys are dense
 * integers, so when their range is at most a few times their count a counting pass replaces the
 * comparison sort: one pass counts each value in a table over the range, one pass writes them
 * back in order. Anything else — fractions, a sparse range, unsafe integers — is sorted natively.
 */
export function sortWholeNumbers(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < 1024) return values.sort();
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min + 1;
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || range > 4 * n + 65_536) return values.sort();
  const counts = new Uint32Array(range);
  for (let i = 0; i < n; i++) {
    const k = values[i]! - min;
    if (k !== Math.floor(k)) return values.sort(); // a fraction (or NaN): not for counting
    counts[k]!++;
  }
  let at = 0;
  for (let k = 0; k < range; k++) {
    for (let c = counts[k]!; c > 0; c--) values[at++] = k + min;
  }
  return values;
}
