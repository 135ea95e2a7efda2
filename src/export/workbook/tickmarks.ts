/**
 * The tick marks of the test matrix and what each status looks like in a cell. One place, so
 * the matrix, the legend and the drop-down lists agree.
 *
 * @example
 * markOf('exception') // 'X'
 */
import type { Status } from '../../rules/types.js';

export const TICK = { pass: '✓', exception: 'X', notApplicable: 'N/A' } as const;

/** The choices of a manual attribute's drop-down, in order. */
export const MANUAL_CHOICES = [TICK.pass, TICK.exception, TICK.notApplicable] as const;

/** The typing variants the reader of a filled workbook accepts, in words (the Legend says so). */
export const ACCEPTED_MARKS = '✔ √ (as ✓), x ✗ ✘ × (as X), n/a NA N.A. (as N/A)';

/** The cell text for a status; a manual attribute is left blank for the auditor. */
export function markOf(status: Status): string | null {
  switch (status) {
    case 'pass':
      return TICK.pass;
    case 'exception':
      return TICK.exception;
    case 'not_applicable':
      return TICK.notApplicable;
    case 'manual':
      return null;
  }
}

/** Word for a status in CSV/JSON exports. */
export function statusWord(status: Status): string {
  return status === 'not_applicable' ? 'n/a' : status;
}
