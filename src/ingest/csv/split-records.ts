/**
 * Split a record-aligned CSV chunk into records. Lines without a quote character are split on
 * the delimiter directly — for such lines that is exactly what RFC 4180 (and csv-parse) yields;
 * runs of records that contain quotes are read by a small RFC 4180 reader when well-formed; a run
 * with anything irregular goes to csv-parse (all such runs of a chunk in one call), so csv-parse
 * decides every odd case and names its line.
 * Identical output to csv-parse (a property test compares both on random CSV).
 *
 * Records are visited one at a time, so their cell strings die young (the typer keeps offsets,
 * not strings): holding a chunk's records as arrays made the collector copy every cell twice.
 *
 * @example
 * splitRecords('a,b\n"x\ny",z\n', ',').records // [['a','b'], ['x\ny','z']]
 */
import { parse } from 'csv-parse/sync';

export interface SplitResult {
  records: string[][];
  /** 1-based local line on which each record starts. */
  lines: number[];
}

/**
 * Called for each record in order: its cells, the line it starts on, the offset of its first
 * cell when every cell is a verbatim slice of the text (delimiter-separated) or -1, the bounds
 * of its raw text (line ending excluded), and — for a record read by the RFC 4180 reader — the
 * offset of each cell that is a verbatim slice (a quoted cell's text between its quotes), -1 for
 * a cell whose doubled quotes were undone.
 */
export type RecordVisitor = (cells: string[], line: number, start: number, rawFrom: number, rawTo: number, cellStarts?: readonly number[]) => void;

/** A quote where RFC 4180 does not allow one (`5" monitor`, `"a"b`): the line and 0-based field. */
export class StrayQuoteError extends Error {
  readonly code = 'STRAY_QUOTE';
  constructor(readonly line: number, readonly field: number, readonly reason: string) {
    super(reason);
  }
}

const QUOTE = '"';

/** A run of consecutive records that hold quotes: parsed by csv-parse. */
interface QuotedRun {
  from: number;
  /** Index after the run's last newline (or the text end). */
  to: number;
  /** Offset at which each record starts, and its line relative to the run's first line. */
  starts: number[];
  lineOffsets: number[];
  newlines: number;
  records?: string[][];
  /** Per record of `records` when our reader read them: each cell's offset (see `RecordVisitor`). */
  cellStarts?: number[][];
}

function scanQuotedRun(text: string, from: number): QuotedRun {
  const n = text.length;
  const run: QuotedRun = { from, to: n, starts: [from], lineOffsets: [0], newlines: 0 };
  let inQuote = false;
  let i = from;
  let q = text.indexOf(QUOTE, from); // the next quote at or after i: each is found once (an unclosed quote stays linear)
  for (;;) {
    const nl = text.indexOf('\n', i);
    const lineEnd = nl === -1 ? n : nl;
    for (; q !== -1 && q < lineEnd; q = text.indexOf(QUOTE, q + 1)) inQuote = !inQuote;
    if (nl === -1) return run;
    i = nl + 1;
    run.newlines++;
    if (!inQuote) {
      // Keep the run going while the next line also holds a quote.
      const nextNl = text.indexOf('\n', i);
      const nextQuote = q;
      if (i >= n || nextQuote === -1 || (nextNl !== -1 && nextQuote > nextNl)) {
        run.to = i;
        return run;
      }
      run.starts.push(i);
      run.lineOffsets.push(run.newlines);
    }
  }
}

const parseOptions = (delimiter: string) => ({ delimiter, relax_column_count: true, bom: false, skip_empty_lines: false, record_delimiter: ['\r\n', '\n'] });

/**
 * The RFC 4180 records of text[from, to) when it is well-formed (quoted fields close before a
 * delimiter or a line end; no quote inside an unquoted field), else null — csv-parse then decides
 * and names the error. Line ends: CRLF or LF, as csv-parse reads them here.
 */
function quotedRecords(text: string, from: number, to: number, delimiter: number): { records: string[][]; cellStarts: number[][] } | null {
  const records: string[][] = [];
  const cellStarts: number[][] = [];
  let rec: string[] = [];
  let starts: number[] = [];
  let i = from;
  while (i < to) {
    let value: string;
    if (text.charCodeAt(i) === 34) {
      value = '';
      let j = i + 1;
      starts.push(j);
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1 || q >= to) return null; // not closed
        if (text.charCodeAt(q + 1) === 34 && q + 1 < to) {
          value += text.slice(j, q + 1);
          starts[starts.length - 1] = -1; // doubled quotes undone: not a slice of the text
          j = q + 2;
          continue;
        }
        value += text.slice(j, q);
        i = q + 1;
        break;
      }
      const c = text.charCodeAt(i);
      if (i < to && c !== delimiter && c !== 10 && !(c === 13 && text.charCodeAt(i + 1) === 10 && i + 1 < to)) return null;
    } else {
      let e = i;
      for (; e < to; e++) {
        const c = text.charCodeAt(e);
        if (c === delimiter || c === 10) break;
        if (c === 34) return null; // a quote inside an unquoted field
      }
      starts.push(i);
      value = text.slice(i, e < to && text.charCodeAt(e) === 10 && e > i && text.charCodeAt(e - 1) === 13 ? e - 1 : e);
      i = e;
    }
    rec.push(value);
    if (i >= to) break;
    if (text.charCodeAt(i) === delimiter) {
      i++;
      if (i >= to) {
        rec.push('');
        starts.push(i);
      }
      continue;
    }
    i += text.charCodeAt(i) === 13 ? 2 : 1; // the record's line end
    records.push(rec);
    cellStarts.push(starts);
    rec = [];
    starts = [];
  }
  if (rec.length) {
    records.push(rec);
    cellStarts.push(starts);
  }
  return { records, cellStarts };
}

/**
 * Every quoted run of the chunk, parsed: each well-formed run by `quotedRecords`, the irregular
 * ones by one csv-parse call (run by run when it throws, to name the line).
 */
function quotedRuns(text: string, delimiter: string): QuotedRun[] {
  const runs: QuotedRun[] = [];
  for (let q = text.indexOf(QUOTE); q !== -1; ) {
    const run = scanQuotedRun(text, q === 0 ? 0 : text.lastIndexOf('\n', q - 1) + 1);
    runs.push(run);
    q = run.to < text.length ? text.indexOf(QUOTE, run.to) : -1;
  }
  if (!runs.length) return runs;
  // Well-formed runs (every quote opens or closes a field, or is doubled) need no csv-parse.
  const irregular: QuotedRun[] = [];
  for (const r of runs) {
    const ours = quotedRecords(text, r.from, r.to, delimiter.charCodeAt(0));
    if (ours !== null && ours.records.length === r.starts.length) {
      r.records = ours.records;
      r.cellStarts = ours.cellStarts;
    } else irregular.push(r);
  }
  if (!irregular.length) return runs;
  let parsed: string[][] | undefined;
  try {
    parsed = parse(irregular.map((r) => text.slice(r.from, r.to)).join(''), parseOptions(delimiter)) as string[][];
  } catch {
    parsed = undefined; // a stray or unclosed quote: found run by run below, with its line
  }
  if (parsed && parsed.length === irregular.reduce((sum, r) => sum + r.starts.length, 0)) {
    let k = 0;
    for (const r of irregular) r.records = parsed.slice(k, (k += r.starts.length));
  }
  return runs;
}

function parseRun(text: string, run: QuotedRun, line: number, delimiter: string): string[][] {
  let records: string[][];
  try {
    records = parse(text.slice(run.from, run.to), parseOptions(delimiter)) as string[][];
  } catch (err) {
    const e = err as { code?: string; lines?: number; column?: number };
    if (e.code === 'INVALID_OPENING_QUOTE' || e.code === 'CSV_INVALID_CLOSING_QUOTE') {
      throw new StrayQuoteError(line + (e.lines ?? 1) - 1, e.column ?? 0, e.code === 'INVALID_OPENING_QUOTE' ? 'a quote inside an unquoted field' : 'text after a closing quote');
    }
    throw err;
  }
  if (records.length !== run.starts.length) throw new Error(`csv-parse read ${records.length} record(s) where quote parity found ${run.starts.length} (line ${line})`);
  return records;
}

/** Visit every record of `text` in order (see `RecordVisitor`). */
export function forEachRecord(text: string, delimiter: string, visit: RecordVisitor): void {
  const runs = quotedRuns(text, delimiter);
  const n = text.length;
  let pos = 0;
  let line = 1;
  let r = 0;
  while (pos < n) {
    const run = runs[r];
    if (run && run.from === pos) {
      const records = run.records ?? parseRun(text, run, line, delimiter);
      for (let j = 0; j < records.length; j++) {
        const to = j + 1 < run.starts.length ? run.starts[j + 1]! - 1 : run.to === n && text.charCodeAt(n - 1) !== 10 ? n : run.to - 1;
        visit(records[j]!, line + run.lineOffsets[j]!, -1, run.starts[j]!, to > run.starts[j]! && text.charCodeAt(to - 1) === 13 ? to - 1 : to, run.cellStarts?.[j]);
      }
      line += run.newlines;
      pos = run.to;
      r++;
      continue;
    }
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = n;
    const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    visit(text.slice(pos, end).split(delimiter), line++, pos, pos, end);
    pos = nl + 1;
  }
}

/** All records of `text` with their start lines (tests, small inputs). */
export function splitRecords(text: string, delimiter: string): SplitResult {
  const records: string[][] = [];
  const lines: number[] = [];
  forEachRecord(text, delimiter, (cells, line) => {
    records.push(cells);
    lines.push(line);
  });
  return { records, lines };
}
