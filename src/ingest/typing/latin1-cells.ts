/**
 * The typer's cell rules read straight from a chunk's Latin-1 bytes (a byte is its character's
 * UTF-16 code unit), so a record without quotes is typed without a string per cell. Each rule
 * answers exactly as its string form does — `isBlankCell`, `String.prototype.trim`, the enum
 * lookup `trim().toLowerCase()`, `timestampMs` for ISO dates — or declines (−2, NaN) and the caller
 * takes the string form. The blank rule, trim and ISO dates are the kernels' (src/kernels/);
 * property tests hold every rule to its string form.
 *
 * @example
 * const b = Buffer.from(' 2025-01-02T03:04:05Z', 'latin1')
 * isoTimestampLatin1(b, trimStart(b, 0, b.length), trimEnd(b, 0, b.length), 'UTC') // 1735787045000
 */

export { isBlankUnits as isBlankLatin1 } from '../../kernels/blank.js';
export { isoTimestampUnits as isoTimestampLatin1 } from '../../kernels/timestamp/iso-units.js';

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
