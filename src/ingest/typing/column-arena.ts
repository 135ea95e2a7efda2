/**
 * The typed arrays of one chunk at a time, handed out again for the next chunk a thread types:
 * a chunk's columns live only until its file is written, and on these VMs touching fresh pages
 * costs more than the typing done in them (and large fresh buffers keep the collector busy).
 * Every array handed out is zeroed, as a new one is.
 *
 * @example
 * const arena = new ColumnArena()
 * arena.reset(); const record = arena.int32(40_000) // zeroed; the same memory after the next reset
 */
export class ColumnArena {
  private readonly int32s: Int32Array[] = [];
  private readonly float64s: Float64Array[] = [];
  private int32Next = 0;
  private float64Next = 0;

  /** A new chunk: the arrays handed out so far may be handed out again. */
  reset(): this {
    this.int32Next = 0;
    this.float64Next = 0;
    return this;
  }

  int32(n: number): Int32Array {
    return take(this.int32s, this.int32Next++, n, (m) => new Int32Array(m));
  }

  float64(n: number): Float64Array {
    return take(this.float64s, this.float64Next++, n, (m) => new Float64Array(m));
  }
}

function take<T extends Int32Array | Float64Array>(pool: T[], i: number, n: number, make: (n: number) => T): T {
  let a = pool[i];
  if (!a || a.length < n) pool[i] = a = make(Math.ceil(n * 1.25)); // room for a slightly larger next chunk
  const view = a.subarray(0, n) as T;
  view.fill(0);
  return view;
}
