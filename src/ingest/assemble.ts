/**
 * Assemble a population from its chunk results, in order: rebase record and line numbers, merge
 * the column profiles, keep every malformed row (written to `malformed.jsonl` beside the chunks),
 * count every issue and non-data row and keep the first ones in full, and decide what only the
 * whole file can decide: which short rows at its end are a footer, and a column's day/month order
 * (day-month-orders.ts). Counts always add up: total = accepted + malformed + nonData.
 *
 * Footer rows: short rows (at most half the header's fields: a line of text, not a row missing its
 * last cells) after the last data row, when nothing but more of them, blank rows and total rows
 * follows them, they are a few (at most `MAX_FOOTER_ROWS`: more is data read wrong), and the file
 * ends with a line break — a file that stops mid-line was cut off, and its short last row is
 * malformed like the others.
 * Until the end is seen, such rows are held here; any later data row makes them malformed.
 *
 * `endOfFile()` then `finish()` end it: after them, `issues`, `nonData`, `columns()` and
 * `dayMonthOrders` are final.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChunkRef, ColumnProfile, IngestIssue, MalformedRow, NonDataRow } from '../population/types.js';
import { DayMonthOrders, type DayMonthOrderOf } from './day-month-orders.js';
import { finishColumnProfile, mergeColumnPartial, newColumnPartial, type ColumnPartial } from './profile/column-profile.js';
import { newDistinct } from './profile/distinct.js';
import type { DayMonthPartial } from './typing/day-month-evidence.js';
import type { NonDataCount } from './typing/type-records.js';
import type { TypingPlan } from './typing/plan.js';
import type { FieldOutcome } from './typing/untyped-columns.js';

export interface ChunkOutcome {
  file: string;
  rows: number;
  records: number;
  malformed: MalformedRow[];
  /** The last `tail` of `malformed` may be footer rows (see the module doc). */
  tail: number;
  nonData: NonDataCount;
  issues: { first: IngestIssue[]; byCode: Record<string, number>; byColumn: Record<string, number> };
  profile: Record<string, ColumnPartial>;
  dayMonth: Record<string, DayMonthPartial>;
  untyped: Record<string, string[]>;
}

export const ISSUE_SAMPLE = 200;
/** The most short rows at the end of a file that are a footer (a report's closing lines); a longer run is malformed rows. */
export const MAX_FOOTER_ROWS = 1000;
const UNTYPED_EXAMPLES = 3;

export class PopulationAssembler {
  readonly chunks: ChunkRef[] = [];
  accepted = 0;
  malformed = 0;
  readonly nonData: NonDataCount = { count: 0, byReason: {}, first: [] };
  readonly issues = { total: 0, byCode: {} as Record<string, number>, byColumn: {} as Record<string, number>, first: [] as IngestIssue[] };
  /** Columns whose day/month order their values decided (after `finish`). */
  dayMonthOrders: DayMonthOrderOf[] = [];
  private profile: Record<string, ColumnPartial> = {};
  private readonly untyped: Record<string, string[]> = {};
  /** Per field, the ambiguous day/month values no proof decided (after `finish`). */
  private readonly ambiguous: Record<string, number> = {};
  private readonly dayMonth: DayMonthOrders;
  /** Issue order within a record: by the field's place in the plan (a malformed row's issue first). */
  private readonly fieldOrder = new Map<string, number>();
  private readonly malformedFile: string;
  /** The first `malformed_row` issues (made here from the rows, once they are known not to be footers). */
  private readonly malformedFirst: IngestIssue[] = [];
  /** Short rows at the end of what was added so far: footer rows, unless data follows. */
  private pending: MalformedRow[] = [];
  /** The run of short rows being added is longer than a footer: its rows are malformed. */
  private longRun = false;

  constructor(dir: string, private readonly plan: TypingPlan) {
    this.malformedFile = join(dir, 'malformed.jsonl');
    this.dayMonth = new DayMonthOrders(dir, ISSUE_SAMPLE);
    for (const c of plan.columns) for (const f of c.fields) this.fieldOrder.set(f.name, this.fieldOrder.size);
  }

  /** Add the next chunk's outcome; its local numbers are shifted by the given offsets. */
  add(outcome: ChunkOutcome, offsets: { recordOffset: number; lineOffset: number }): void {
    const { recordOffset, lineOffset } = offsets;
    if (outcome.rows > 0) this.chunks.push({ file: outcome.file, rows: outcome.rows, recordOffset, lineOffset });
    this.accepted += outcome.rows;
    const rebased = outcome.malformed.map((m) => ({ ...m, record: m.record + recordOffset, line: m.line + lineOffset }));
    const tailFrom = rebased.length - outcome.tail;
    if (outcome.rows > 0 || tailFrom > 0) {
      this.keepMalformed(this.pending.splice(0)); // data follows them: not a footer
      this.longRun = false;
    }
    this.keepMalformed(rebased.slice(0, tailFrom));
    const tail = rebased.slice(tailFrom);
    if (this.longRun) this.keepMalformed(tail);
    else {
      for (const m of tail) this.pending.push(m);
      if (this.pending.length > MAX_FOOTER_ROWS) {
        this.keepMalformed(this.pending.splice(0));
        this.longRun = true;
      }
    }
    this.addNonData(outcome.nonData.first.map((r) => ({ ...r, line: r.line + lineOffset })), outcome.nonData);
    for (const [code, n] of Object.entries(outcome.issues.byCode)) {
      this.issues.byCode[code] = (this.issues.byCode[code] ?? 0) + n;
      this.issues.total += n;
    }
    for (const [col, n] of Object.entries(outcome.issues.byColumn)) this.issues.byColumn[col] = (this.issues.byColumn[col] ?? 0) + n;
    for (const i of outcome.issues.first) {
      if (this.issues.first.length >= ISSUE_SAMPLE) break;
      this.issues.first.push({ ...i, record: i.record + recordOffset, line: i.line + lineOffset });
    }
    for (const [k, p] of Object.entries(outcome.profile)) this.profile[k] = this.profile[k] ? mergeColumnPartial(this.profile[k]!, p) : p;
    for (const [field, values] of Object.entries(outcome.untyped)) {
      const kept = (this.untyped[field] ??= []);
      for (const v of values) if (kept.length < UNTYPED_EXAMPLES) kept.push(v);
    }
    for (const [field, part] of Object.entries(outcome.dayMonth)) this.typed(field, this.dayMonth.add(outcome.file, field, part, offsets));
  }

  /** Malformed rows, in file order: written beside the chunks, counted, and their issues made. */
  private keepMalformed(rows: MalformedRow[]): void {
    if (!rows.length) return;
    appendFileSync(this.malformedFile, rows.map((m) => JSON.stringify(m)).join('\n') + '\n');
    this.malformed += rows.length;
    this.issues.byCode.malformed_row = (this.issues.byCode.malformed_row ?? 0) + rows.length;
    this.issues.total += rows.length;
    for (const m of rows) {
      if (this.malformedFirst.length >= ISSUE_SAMPLE) break;
      const raw = m.raw.length > 500 ? m.raw.slice(0, 500) + '…' : m.raw;
      this.malformedFirst.push({ code: 'malformed_row', record: m.record, line: m.line, raw, expected: `${m.expectedFields} fields, found ${m.fields}` });
    }
  }

  /**
   * Non-data rows in file order (lines already the file's): counted by reason (`counts`, when the
   * rows listed are only the first of them), and the first kept in full.
   */
  addNonData(rows: NonDataRow[], counts?: Omit<NonDataCount, 'first'>): void {
    const n = this.nonData;
    if (counts) {
      n.count += counts.count;
      for (const [reason, k] of Object.entries(counts.byReason)) n.byReason[reason as NonDataRow['reason']] = (n.byReason[reason as NonDataRow['reason']] ?? 0) + k;
    } else {
      n.count += rows.length;
      for (const r of rows) n.byReason[r.reason] = (n.byReason[r.reason] ?? 0) + 1;
    }
    for (const r of rows) {
      if (n.first.length >= ISSUE_SAMPLE) break;
      n.first.push(r);
    }
  }

  /**
   * The file ended: short rows held at its end are its footer when it ends with a line break,
   * else malformed (a file cut mid-line).
   */
  endOfFile(endsWithLineBreak: boolean): void {
    const held = this.pending.splice(0);
    if (!endsWithLineBreak) {
      this.keepMalformed(held);
      return;
    }
    const footer = held.map((m) => ({ line: m.line, reason: 'footer' as const, raw: m.raw.length > 500 ? m.raw.slice(0, 500) + '…' : m.raw }));
    const n = this.nonData;
    n.count += footer.length;
    if (footer.length) n.byReason.footer = (n.byReason.footer ?? 0) + footer.length;
    // Blank and total rows may sit between footer rows: the first kept are the first by line.
    n.first.splice(0, Infinity, ...[...n.first, ...footer.slice(0, ISSUE_SAMPLE)].sort((a, b) => a.line - b.line).slice(0, ISSUE_SAMPLE));
  }

  /** Values typed after their chunk was profiled: they count as typed now. */
  private typed(field: string, values: number[]): void {
    if (!values.length) return;
    const p = (this.profile[`field:${field}`] ??= newColumnPartial());
    p.nonBlank += values.length;
    for (const v of values) {
      if (v < p.min) p.min = v;
      if (v > p.max) p.max = v;
    }
  }

  /**
   * Decide what needed the whole file: a column's day/month order (a column proving both is an
   * error, TM_ERR_DATE_ORDER_CONFLICT), and the ambiguous values left undecided become
   * `ambiguous_date` issues. The first issues kept are then the first of the file, in order.
   */
  finish(): void {
    const { decided, unresolved } = this.dayMonth.finish();
    this.dayMonthOrders = decided;
    const lists = [this.issues.first, this.malformedFirst];
    for (const u of unresolved) {
      this.issues.byCode.ambiguous_date = (this.issues.byCode.ambiguous_date ?? 0) + u.count;
      this.issues.byColumn[u.column] = (this.issues.byColumn[u.column] ?? 0) + u.count;
      this.issues.total += u.count;
      this.ambiguous[u.field] = u.count;
      (this.profile[`field:${u.field}`] ??= newColumnPartial()).invalid += u.count;
      const kept = (this.untyped[u.field] ??= []);
      for (const i of u.first) if (kept.length < UNTYPED_EXAMPLES) kept.push(i.raw);
      lists.push(u.first);
    }
    this.issues.first.splice(0, Infinity, ...this.inOrder(lists).slice(0, ISSUE_SAMPLE));
  }

  /** Issue lists (each in file order) merged into one, in file order. */
  private inOrder(lists: IngestIssue[][]): IngestIssue[] {
    const place = (i: IngestIssue) => ('field' in i ? this.fieldOrder.get(i.field) ?? 0 : -1);
    return lists.flat().sort((a, b) => a.record - b.record || place(a) - place(b));
  }

  /** How a typed field fared (after `finish`): values typed, values that did not type, and the first few of those. */
  fieldOutcome(field: string): FieldOutcome {
    const p = this.profile[`field:${field}`];
    return { typed: p?.nonBlank ?? 0, failed: p?.invalid ?? 0, ambiguous: this.ambiguous[field] ?? 0, examples: this.untyped[field] ?? [] };
  }

  get total(): number {
    return this.accepted + this.malformed + this.nonData.count;
  }

  columns(): ColumnProfile[] {
    const out: ColumnProfile[] = [];
    for (const c of this.plan.columns) {
      const p = this.profile[c.header];
      const typed = c.fields.find((f) => f.type !== 'string');
      const field = c.fields[0];
      const partial = typed ? this.profile[`field:${typed.name}`] : p;
      out.push(finishColumnProfile(
        { header: c.header, ...(field ? { field: field.name } : {}), type: (typed?.type ?? field?.type ?? 'string') as ColumnProfile['type'] },
        merged(partial, p),
      ));
    }
    return out;
  }
}

/** The typed partial carries min/max/invalid; the source partial the non-blank and distinct counts. */
function merged(typed: ColumnPartial | undefined, source: ColumnPartial | undefined): ColumnPartial {
  const s = source ?? typed!;
  if (!typed || typed === source) return s ?? { nonBlank: 0, invalid: 0, min: Infinity, max: -Infinity, distinct: newDistinct() };
  return { nonBlank: s.nonBlank, invalid: typed.invalid, min: typed.min, max: typed.max, distinct: s.distinct };
}
