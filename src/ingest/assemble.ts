/**
 * Assemble a population from its chunk results, in order: rebase record and line numbers, merge
 * the column profiles, keep every malformed row (written to `malformed.jsonl` beside the chunks),
 * count every issue and keep the first ones in full. Counts always add up:
 * total = accepted + malformed.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChunkRef, ColumnProfile, IngestIssue, MalformedRow } from '../population/types.js';
import { finishColumnProfile, mergeColumnPartial, type ColumnPartial } from './profile/column-profile.js';
import { newDistinct } from './profile/distinct.js';
import type { TypingPlan } from './typing/plan.js';

export interface ChunkOutcome {
  file: string;
  rows: number;
  records: number;
  malformed: MalformedRow[];
  blankLines: number;
  issues: { first: IngestIssue[]; byCode: Record<string, number>; byColumn: Record<string, number> };
  profile: Record<string, ColumnPartial>;
}

export const ISSUE_SAMPLE = 200;

export class PopulationAssembler {
  readonly chunks: ChunkRef[] = [];
  accepted = 0;
  malformed = 0;
  blankLines = 0;
  readonly issues = { total: 0, byCode: {} as Record<string, number>, byColumn: {} as Record<string, number>, first: [] as IngestIssue[] };
  private profile: Record<string, ColumnPartial> = {};
  private readonly malformedFile: string;

  constructor(private readonly dir: string, private readonly plan: TypingPlan) {
    this.malformedFile = join(dir, 'malformed.jsonl');
  }

  /** Add the next chunk's outcome; its local numbers are shifted by the given offsets. */
  add(outcome: ChunkOutcome, offsets: { recordOffset: number; lineOffset: number }): void {
    const { recordOffset, lineOffset } = offsets;
    if (outcome.rows > 0) this.chunks.push({ file: outcome.file, rows: outcome.rows, recordOffset, lineOffset });
    this.accepted += outcome.rows;
    this.malformed += outcome.malformed.length;
    this.blankLines += outcome.blankLines;
    if (outcome.malformed.length) {
      const lines = outcome.malformed.map((m) => JSON.stringify({ ...m, record: m.record + recordOffset, line: m.line + lineOffset })).join('\n') + '\n';
      appendFileSync(this.malformedFile, lines);
    }
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
  }

  get total(): number {
    return this.accepted + this.malformed;
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
