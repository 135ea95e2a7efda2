/**
 * Turn parsed CSV/XLSX records (arrays of cell text) into a typed columnar `PopulationChunk`,
 * keeping malformed rows (wrong field count) with their raw text and line, counting every value
 * issue, and profiling each column. Pure and allocation-light: it runs on the parse workers.
 *
 * @example
 * const out = typeRecords([['CHG1', '2025-01-02']], { firstRecord: 1, lines: [2] }, plan)
 * out.chunk.fields.deployed_at.values[0] // 1735776000000
 */
import type { FieldColumn, IngestIssue, MalformedRow, PopulationChunk } from '../../population/types.js';
import { addDistinct } from '../profile/distinct.js';
import { newColumnPartial, type ColumnPartial } from '../profile/column-profile.js';
import { BOOLEAN_EXPECTED, NUMBER_EXPECTED, parseBoolean, parseNumber } from './scalar.js';
import { parseTimestamp, TIMESTAMP_EXPECTED } from './timestamp.js';
import type { TypingPlan } from './plan.js';

export interface TypedChunk {
  chunk: PopulationChunk;
  malformed: MalformedRow[];
  /** Blank lines between records: not rows, not malformed; counted for the line arithmetic. */
  blankLines: number;
  issues: { first: IngestIssue[]; byCode: Record<string, number>; byColumn: Record<string, number> };
  /** One partial per source column, then one per typed canonical field (`field:<name>`). */
  profile: Record<string, ColumnPartial>;
}

export interface RecordPositions {
  /** Record number of the first record in this batch (1-based over data records). */
  firstRecord: number;
  /** Line on which each record starts. */
  lines: ArrayLike<number>;
  /** Raw text of a record, for malformed rows (lazy: only asked for those). */
  rawText?: (index: number) => string;
}

const ENUM_EXPECTED = (values: string[]) => `one of ${values.join(', ')}`;

export function typeRecords(records: string[][], pos: RecordPositions, plan: TypingPlan): TypedChunk {
  const width = plan.headers.length;
  const total = records.length;
  let rows = 0;
  const record = new Int32Array(total);
  const line = new Int32Array(total);
  const source: Record<string, (string | null)[]> = {};
  const sourceCols: (string | null)[][] = plan.headers.map((h) => (source[h] = []));
  const fields: Record<string, FieldColumn> = {};
  const profile: Record<string, ColumnPartial> = {};
  const colProfiles = plan.headers.map((h) => (profile[h] = newColumnPartial()));

  interface Sink { name: string; type: string; col: number; values: (string | null)[] | Float64Array; enumSet?: Set<string>; enumList?: string[]; prof: ColumnPartial }
  const sinks: Sink[] = [];
  plan.columns.forEach((c, col) => {
    for (const f of c.fields) {
      const numeric = f.type === 'timestamp' || f.type === 'number' || f.type === 'boolean';
      const values = numeric ? new Float64Array(total) : ([] as (string | null)[]);
      fields[f.name] = { type: f.type, values } as FieldColumn;
      const prof = (profile[`field:${f.name}`] = newColumnPartial());
      sinks.push({ name: f.name, type: f.type, col, values, prof, ...(f.values ? { enumSet: new Set(f.values), enumList: f.values } : {}) });
    }
  });

  const malformed: MalformedRow[] = [];
  const first: IngestIssue[] = [];
  const byCode: Record<string, number> = {};
  const byColumn: Record<string, number> = {};
  let blankLines = 0;
  const issue = (i: IngestIssue, column?: string) => {
    byCode[i.code] = (byCode[i.code] ?? 0) + 1;
    if (column !== undefined) byColumn[column] = (byColumn[column] ?? 0) + 1;
    if (first.length < plan.issueSample) first.push(i);
  };
  const typing = plan.typing;
  let recNo = pos.firstRecord;

  for (let r = 0; r < total; r++) {
    const rec = records[r]!;
    const ln = pos.lines[r]!;
    if (rec.length !== width) {
      if (rec.length === 1 && rec[0] === '') {
        blankLines++;
        continue;
      }
      const raw = pos.rawText ? pos.rawText(r) : rec.join(',');
      malformed.push({ record: recNo, line: ln, fields: rec.length, expectedFields: width, raw });
      issue({ code: 'malformed_row', record: recNo, line: ln, raw: raw.length > 500 ? raw.slice(0, 500) + '…' : raw, expected: `${width} fields, found ${rec.length}` });
      recNo++;
      continue;
    }
    const i = rows++;
    record[i] = recNo;
    line[i] = ln;
    for (let c = 0; c < width; c++) {
      const v = rec[c]!;
      const blank = v === '' || (v.charCodeAt(0) <= 32 && v.trim() === '');
      sourceCols[c]!.push(blank ? null : v);
      if (!blank) {
        const p = colProfiles[c]!;
        p.nonBlank++;
        addDistinct(p.distinct, v);
      }
    }
    for (let s = 0; s < sinks.length; s++) {
      const sink = sinks[s]!;
      const v = sourceCols[sink.col]![i];
      const p = sink.prof;
      if (v == null) {
        if (sink.values instanceof Float64Array) sink.values[i] = NaN;
        else sink.values.push(null);
        continue;
      }
      switch (sink.type) {
        case 'string': {
          const t = v.trim();
          (sink.values as (string | null)[]).push(t);
          p.nonBlank++;
          break;
        }
        case 'enum': {
          const t = v.trim().toLowerCase();
          if (sink.enumSet!.has(t)) {
            (sink.values as (string | null)[]).push(t);
            p.nonBlank++;
          } else {
            (sink.values as (string | null)[]).push(null);
            p.invalid++;
            issue({ code: 'invalid_value', record: recNo, line: ln, column: plan.headers[sink.col]!, field: sink.name, raw: v, expected: ENUM_EXPECTED(sink.enumList!) }, plan.headers[sink.col]);
          }
          break;
        }
        default: {
          let ms: number;
          let expected: string;
          let ambiguous = false;
          if (sink.type === 'timestamp') {
            const t = parseTimestamp(v, typing);
            ms = t.ok ? t.ms : NaN;
            ambiguous = !t.ok && t.ambiguous === true;
            expected = ambiguous ? 'a date order for slash dates (--date-order dmy or mdy)' : TIMESTAMP_EXPECTED;
          } else if (sink.type === 'number') {
            ms = parseNumber(v);
            expected = NUMBER_EXPECTED;
          } else {
            ms = parseBoolean(v);
            expected = BOOLEAN_EXPECTED;
          }
          (sink.values as Float64Array)[i] = ms;
          if (Number.isNaN(ms)) {
            p.invalid++;
            const column = plan.headers[sink.col]!;
            issue({ code: ambiguous ? 'ambiguous_date' : 'invalid_value', record: recNo, line: ln, column, field: sink.name, raw: v.length > 200 ? v.slice(0, 200) + '…' : v, expected }, column);
          } else {
            p.nonBlank++;
            if (ms < p.min) p.min = ms;
            if (ms > p.max) p.max = ms;
          }
        }
      }
    }
    recNo++;
  }

  const chunk: PopulationChunk = {
    rows,
    record: rows === total ? record : record.slice(0, rows),
    line: rows === total ? line : line.slice(0, rows),
    source,
    fields,
  };
  if (rows !== total) {
    for (const f of Object.values(fields)) {
      if (f.values instanceof Float64Array) (f as { values: Float64Array }).values = f.values.slice(0, rows);
    }
  }
  return { chunk, malformed, blankLines, issues: { first, byCode, byColumn }, profile };
}
