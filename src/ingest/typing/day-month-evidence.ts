/**
 * The day/month order of a timestamp column read without one (no `dateOrder` for it), decided by
 * the column's own values, never value by value: `25/04/2025` proves day first, `04/25/2025` month
 * first, and `03/04/2025` could be either. The typer keeps, per chunk, the first value proving
 * each order and every ambiguous cell read both ways (`DayMonthCollector`); the assembler, which
 * sees the chunks in file order, decides for the whole column (`decideDayMonth`) and types the
 * ambiguous cells once it knows — so the outcome does not depend on how the file was cut.
 *
 * @example
 * decideDayMonth({ dmy: { line: 9, raw: '25/04/2025' } }) // { order: 'dmy', evidence: { line: 9, raw: '25/04/2025' } }
 */
import type { IngestIssue } from '../../population/types.js';
import { timestampMs, type DayMonthOrder, type TimestampOptions } from '../../kernels/timestamp/parse.js';

/** A value that proves an order: where it is and what it says. */
export interface DayMonthEvidence {
  record: number;
  line: number;
  raw: string;
}

/** What one chunk's values of one column said (lines and records local to the chunk). */
export interface DayMonthPartial {
  column: string;
  dmy?: DayMonthEvidence;
  mdy?: DayMonthEvidence;
  /** Chunk rows (0-based) whose value could be either order, with both readings (epoch ms). */
  ambiguous: { rows: number[]; asDmy: number[]; asMdy: number[]; count: number; first: IngestIssue[] };
}

export type DayMonthDecision =
  | { order: 'dmy' | 'mdy'; evidence: DayMonthEvidence }
  | { order: 'conflict'; dmy: DayMonthEvidence; mdy: DayMonthEvidence }
  | { order: 'unknown' };

/** The column's order from the first value proving each order in the file. */
export function decideDayMonth(seen: { dmy?: DayMonthEvidence; mdy?: DayMonthEvidence }): DayMonthDecision {
  if (seen.dmy && seen.mdy) return { order: 'conflict', dmy: seen.dmy, mdy: seen.mdy };
  if (seen.dmy) return { order: 'dmy', evidence: seen.dmy };
  if (seen.mdy) return { order: 'mdy', evidence: seen.mdy };
  return { order: 'unknown' };
}

export const AMBIGUOUS_EXPECTED = 'a known day/month order: no value of the column has a day above 12, and no date order was given';

const shown = (v: string) => (v.length > 200 ? v.slice(0, 200) + '…' : v);

/** One chunk's evidence for one timestamp column (see the module doc). */
export class DayMonthCollector {
  private readonly partial: DayMonthPartial;
  private readonly asDmy: TimestampOptions;
  private readonly asMdy: TimestampOptions;

  constructor(private readonly field: string, column: string, time: TimestampOptions, private readonly issueSample: number) {
    this.partial = { column, ambiguous: { rows: [], asDmy: [], asMdy: [], count: 0, first: [] } };
    this.asDmy = { ...time, dateOrder: 'dmy' };
    this.asMdy = { ...time, dateOrder: 'mdy' };
  }

  /**
   * What `timestampMs` said of the cell `raw` (row `i`): true when the cell is ambiguous and kept
   * here to be typed later (its value stays NaN until then, and it is not an issue yet).
   */
  note(said: DayMonthOrder, raw: string, i: number, record: number, line: number): boolean {
    const p = this.partial;
    if (said === 'dmy') p.dmy ??= { record, line, raw: shown(raw.trim()) };
    else if (said === 'mdy') p.mdy ??= { record, line, raw: shown(raw.trim()) };
    else if (said === 'ambiguous') {
      const a = p.ambiguous;
      a.rows.push(i);
      a.asDmy.push(timestampMs(raw, this.asDmy));
      a.asMdy.push(timestampMs(raw, this.asMdy));
      a.count++;
      if (a.first.length < this.issueSample) {
        a.first.push({ code: 'ambiguous_date', record, line, column: p.column, field: this.field, raw: shown(raw), expected: AMBIGUOUS_EXPECTED });
      }
      return true;
    }
    return false;
  }

  /** The chunk's evidence, or undefined when its values said nothing about the order. */
  result(): DayMonthPartial | undefined {
    const p = this.partial;
    return p.dmy || p.mdy || p.ambiguous.count ? p : undefined;
  }
}
