/**
 * Text cells as UTF-16 code units laid over one buffer: the form every text kernel reads. A chunk
 * whose text is Latin-1 gives its bytes as they are (a Latin-1 byte is its character's code
 * unit); other text is laid out as UTF-16. Cell i is units[start[i], end[i]) when valid[i] is 1;
 * a cell that is not valid is blank (null), and its range is empty.
 *
 * @example
 * const cells = unitsOfStrings(['CHG1', null]); unitsToString(cells.units, cells.start[0], cells.end[0]) // 'CHG1'
 */

import type { TextUnits, Units } from './text-units.js';

export type { TextUnits, Units };

const NOT_LATIN1 = /[^\u0000-\u00ff]/;

/** The code units of a string: Latin-1 bytes when every character fits, else UTF-16. */
export function unitsOf(text: string): Units {
  if (!NOT_LATIN1.test(text)) return Buffer.from(text, 'latin1');
  const out = new Uint16Array(text.length);
  for (let k = 0; k < text.length; k++) out[k] = text.charCodeAt(k);
  return out;
}

/** Strings (null: blank) as cells over one buffer. */
export function unitsOfStrings(values: readonly (string | null | undefined)[], rows = values.length): TextUnits {
  const start = new Int32Array(rows);
  const end = new Int32Array(rows);
  const valid = new Uint8Array(rows);
  const parts: string[] = [];
  let at = 0;
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    start[i] = at;
    if (v != null) {
      valid[i] = 1;
      parts.push(v);
      at += v.length;
    }
    end[i] = at;
  }
  return { units: unitsOf(parts.join('')), start, end, valid };
}

/** The string of units[from, to). */
export function unitsToString(units: Units, from: number, to: number): string {
  if (units instanceof Uint8Array) return Buffer.from(units.buffer, units.byteOffset + from, to - from).toString('latin1');
  return Buffer.from(units.buffer, units.byteOffset + from * 2, (to - from) * 2).toString('utf16le');
}
