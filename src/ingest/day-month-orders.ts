/**
 * The assembler's side of the day/month order of timestamp columns read without one (see
 * typing/day-month-evidence.ts): chunk by chunk in file order, the first value proving each order
 * is kept; as soon as a column's order is known, its ambiguous cells held so far — and those of
 * later chunks as they come — are typed in their chunk files. At the end, a column whose values
 * prove both orders is an error naming both values; a column with ambiguous cells and no proof
 * keeps them as `ambiguous_date` issues.
 *
 * @example
 * const orders = new DayMonthOrders()
 * orders.add('chunk-000000.tmck', 'approved_at', partial, { recordOffset: 0, lineOffset: 1 }) // typed values, for the profile
 * orders.finish() // { decided: [...], unresolved: [...] }
 */
import { join } from 'node:path';
import { tickmarkError } from '../errors.js';
import type { IngestIssue } from '../population/types.js';
import { patchFieldValues } from '../store/chunk-patch.js';
import { decideDayMonth, type DayMonthEvidence, type DayMonthPartial } from './typing/day-month-evidence.js';

/** A column's order as decided from its values. */
export interface DayMonthOrderOf {
  field: string;
  column: string;
  dateOrder: 'dmy' | 'mdy';
  /** The first value in the file proving the order. */
  evidence: DayMonthEvidence;
  /** Ambiguous values typed by this decision. */
  resolved: number;
}

/** A column with ambiguous values and nothing to decide them: they stay issues. */
export interface UnresolvedDayMonth {
  field: string;
  column: string;
  count: number;
  first: IngestIssue[];
}

interface Column {
  column: string;
  dmy?: DayMonthEvidence;
  mdy?: DayMonthEvidence;
  held: { file: string; rows: number[]; asDmy: number[]; asMdy: number[] }[];
  count: number;
  resolved: number;
  first: IngestIssue[];
}

export class DayMonthOrders {
  private readonly columns = new Map<string, Column>();

  constructor(private readonly dir: string, private readonly issueSample: number) {}

  /**
   * One chunk's evidence for `field` (local numbers rebased by `offsets`). Returns the values it
   * typed now (the column's order is known), so the caller can profile them.
   */
  add(file: string, field: string, part: DayMonthPartial, offsets: { recordOffset: number; lineOffset: number }): number[] {
    let c = this.columns.get(field);
    if (!c) this.columns.set(field, (c = { column: part.column, held: [], count: 0, resolved: 0, first: [] }));
    const rebase = (e: DayMonthEvidence): DayMonthEvidence => ({ record: e.record + offsets.recordOffset, line: e.line + offsets.lineOffset, raw: e.raw });
    if (part.dmy && !c.dmy) c.dmy = rebase(part.dmy);
    if (part.mdy && !c.mdy) c.mdy = rebase(part.mdy);
    const a = part.ambiguous;
    if (a.count) {
      c.held.push({ file, rows: a.rows, asDmy: a.asDmy, asMdy: a.asMdy });
      c.count += a.count;
      for (const i of a.first) {
        if (c.first.length >= this.issueSample) break;
        c.first.push({ ...i, record: i.record + offsets.recordOffset, line: i.line + offsets.lineOffset });
      }
    }
    return this.settle(field, c);
  }

  /** When exactly one order is proven, type the held cells in their chunk files. */
  private settle(field: string, c: Column): number[] {
    const decision = decideDayMonth(c);
    if (decision.order === 'conflict') throw conflict(field, c.column, decision.dmy, decision.mdy); // the first of each in the file: final
    if (decision.order !== 'dmy' && decision.order !== 'mdy') return [];
    const typed: number[] = [];
    for (const h of c.held) {
      const values = decision.order === 'dmy' ? h.asDmy : h.asMdy;
      patchFieldValues(join(this.dir, h.file), field, h.rows, values);
      for (const v of values) typed.push(v);
    }
    c.resolved += typed.length;
    c.held = [];
    return typed;
  }

  /** The decided columns and the unresolved ones; a column proving both orders is an error. */
  finish(): { decided: DayMonthOrderOf[]; unresolved: UnresolvedDayMonth[] } {
    const decided: DayMonthOrderOf[] = [];
    const unresolved: UnresolvedDayMonth[] = [];
    for (const [field, c] of this.columns) {
      const d = decideDayMonth(c);
      if (d.order === 'conflict') throw conflict(field, c.column, d.dmy, d.mdy);
      if (d.order === 'unknown') unresolved.push({ field, column: c.column, count: c.count, first: c.first });
      else decided.push({ field, column: c.column, dateOrder: d.order, evidence: d.evidence, resolved: c.resolved });
    }
    return { decided, unresolved };
  }
}

function conflict(field: string, column: string, dmy: DayMonthEvidence, mdy: DayMonthEvidence) {
  return tickmarkError('TM_ERR_DATE_ORDER_CONFLICT', { column, field, dmy: { line: dmy.line, raw: dmy.raw }, mdy: { line: mdy.line, raw: mdy.raw } });
}
