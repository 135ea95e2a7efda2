/**
 * The types of text as code units (units.ts): declarations only, so that type-only readers (the
 * web app's view of population types) need no Node built-ins.
 *
 * @example
 * const cells: TextUnits = { units: new Uint8Array(0), start: new Int32Array(0), end: new Int32Array(0), valid: new Uint8Array(0) }
 */

/** Code units: Latin-1 bytes or UTF-16. */
export type Units = Uint8Array | Uint16Array;

/** Cell i is units[start[i], end[i]) when valid[i] is 1; a cell that is not valid is blank (null), and its range is empty. */
export interface TextUnits {
  readonly units: Units;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** 1 when the cell has a value (possibly ''), 0 when it is blank (null). */
  readonly valid: Uint8Array;
}
