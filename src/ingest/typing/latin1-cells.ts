/**
 * The typer's enum rule read straight from a chunk's bytes (an ASCII byte is its character's
 * UTF-16 code unit, in Latin-1 and UTF-8 alike; a cell with any other byte is left to the string
 * form), so a record is typed without a string per cell. The blank
 * rule, trim and ISO dates over bytes are the kernels' (src/kernels/); property tests hold each
 * byte rule to its string form.
 *
 * @example
 * enumCodeLatin1(Buffer.from('Emergency', 'latin1'), 0, 9, ['normal', 'emergency']) // 1
 */

/**
 * The index in `values` of the trimmed cell bytes[from, to) lower-cased (as `trim().toLowerCase()`
 * then an exact lookup): −1 when none matches, −2 when the cell holds a byte beyond ASCII (its
 * lower case is not a byte rule: ask the string form).
 */
export function enumCodeLatin1(bytes: Uint8Array, from: number, to: number, values: readonly string[]): number {
  const n = to - from;
  for (let k = from; k < to; k++) if (bytes[k]! > 127) return -2;
  next: for (let v = 0; v < values.length; v++) {
    const value = values[v]!;
    if (value.length !== n) continue;
    for (let k = 0; k < n; k++) {
      let b = bytes[from + k]!;
      if (b >= 65 && b <= 90) b += 32;
      if (b !== value.charCodeAt(k)) continue next;
    }
    return v;
  }
  return -1;
}
