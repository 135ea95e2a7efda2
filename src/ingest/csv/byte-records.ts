/**
 * The records of a record-aligned chunk read from its bytes (Latin-1 or UTF-8: delimiter, quote,
 * CR and LF are ASCII, never part of a UTF-8 sequence), RFC 4180 included, without a string per
 * cell: a line without a quote goes to `plain` as a byte range (its cells are the line
 * split on the delimiter); a record holding quotes is read here into cell spans — a quoted cell is
 * the bytes between its quotes (CR and LF in them included), a cell with doubled quotes is copied
 * once, undoubled, into a scratch buffer. Records end at LF or CRLF; the delimiter is any one byte.
 * Anything irregular (a quote inside an unquoted cell, text after a closing quote, an unclosed
 * quote) sends its whole run of quoted records to `forEachRecord` (the records read here already
 * are not visited again), so csv-parse decides it and names its line as it does over the whole
 * text: the same records, lines and errors as `forEachRecord`, with positions in bytes.
 *
 * @example
 * forEachByteRecord(bytes, 'latin1', ',', (from, to, line) => …, (cells, line, rawFrom, rawTo) => …, (cells, line) => …)
 */
import { forEachRecord, StrayQuoteError, type RecordVisitor } from './split-records.js';
import { visitInBytes } from './utf8-offsets.js';

/** Called for each line without a quote: its bytes [from, to) (line end excluded) and its line. */
export type PlainLineVisitor = (from: number, to: number, line: number) => void;

/**
 * The cells of one quoted record: cell c is bytes[at[c], end[c]) of the chunk, or of `scratch`
 * when `escaped[c]` is 1 (its doubled quotes undone). Valid only during the visit.
 */
export interface ByteCells {
  count: number;
  at: Int32Array;
  end: Int32Array;
  escaped: Uint8Array;
  /** Whether any cell is in `scratch`. */
  anyEscaped: boolean;
  scratch: Buffer;
}

/** Called for each record read here: its cells, the line it starts on, the bounds of its raw text (line end excluded). */
export type QuotedRecordVisitor = (cells: ByteCells, line: number, rawFrom: number, rawTo: number) => void;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** One record's cells, grown as wide records come (reused across records and chunks). */
const cells: ByteCells = { count: 0, at: new Int32Array(64), end: new Int32Array(64), escaped: new Uint8Array(64), anyEscaped: false, scratch: Buffer.allocUnsafe(4096) };

function room(): void {
  if (cells.count < cells.at.length) return;
  const n = cells.at.length * 2;
  const at = new Int32Array(n);
  const end = new Int32Array(n);
  const escaped = new Uint8Array(n);
  at.set(cells.at);
  end.set(cells.end);
  escaped.set(cells.escaped);
  Object.assign(cells, { at, end, escaped });
}

function push(a: number, b: number, escaped: number): void {
  room();
  const c = cells.count++;
  cells.at[c] = a;
  cells.end[c] = b;
  cells.escaped[c] = escaped;
}

/** Copy bytes[from, to) to the scratch buffer at `w`: where it ends. */
function copyOut(bytes: Buffer, from: number, to: number, w: number): number {
  const need = w + (to - from);
  if (need > cells.scratch.length) {
    const grown = Buffer.allocUnsafe(Math.max(need, cells.scratch.length * 2));
    cells.scratch.copy(grown, 0, 0, w);
    cells.scratch = grown;
  }
  // A native copy costs more than a loop over the few bytes a cell usually has.
  if (to - from > 32) bytes.copy(cells.scratch, w, from, to);
  else for (let k = from, o = w; k < to; k++, o++) cells.scratch[o] = bytes[k]!;
  return need;
}

/** Where a record read by `readRecord` ends: after its line end (or the chunk end), its raw end, its newlines. */
const ended = { next: 0, rawTo: 0, newlines: 0 };

/**
 * Read the record starting at `pos` into `cells`; false when it is irregular (then `forEachRecord`
 * decides). Its extent goes to `ended`.
 */
function readRecord(bytes: Buffer, pos: number, delimiter: number): boolean {
  const n = bytes.length;
  // The largest byte an unquoted cell stops at: the usual byte (a letter, a digit) is above it, one comparison.
  const top = Math.max(delimiter, LF, QUOTE);
  cells.count = 0;
  cells.anyEscaped = false;
  let newlines = 0;
  let w = 0; // scratch bytes used by this record
  let i = pos;
  for (;;) {
    let b: number;
    if (i < n && bytes[i] === QUOTE) {
      const open = i + 1;
      let j = open;
      let from = -1; // where this cell's undoubled copy starts in the scratch buffer, when it has doubled quotes
      for (;;) {
        let q = j;
        for (; q < n; q++) {
          const c = bytes[q]!;
          if (c > QUOTE) continue;
          if (c === QUOTE) break;
          if (c === LF) newlines++;
        }
        if (q >= n) return false; // not closed
        if (q + 1 < n && bytes[q + 1] === QUOTE) {
          if (from < 0) from = w;
          w = copyOut(bytes, j, q + 1, w);
          j = q + 2;
          continue;
        }
        if (from < 0) push(open, q, 0);
        else {
          w = copyOut(bytes, j, q, w);
          push(from, w, 1);
          cells.anyEscaped = true;
        }
        i = q + 1;
        break;
      }
      if (i >= n) return end(n, n, newlines);
      b = bytes[i]!;
      if (b !== delimiter && b !== LF && !(b === CR && i + 1 < n && bytes[i + 1] === LF)) return false; // text after a closing quote
    } else {
      let e = i;
      for (; e < n; e++) {
        const c = bytes[e]!;
        if (c > top) continue;
        if (c === delimiter || c === LF) break;
        if (c === QUOTE) return false; // a quote inside an unquoted cell
      }
      push(i, e < n && bytes[e] === LF && e > i && bytes[e - 1] === CR ? e - 1 : e, 0);
      if (e >= n) return end(n, n, newlines);
      i = e;
      b = bytes[i]!;
    }
    if (b === delimiter) {
      i++;
      if (i >= n) {
        push(n, n, 0);
        return end(n, n, newlines);
      }
      continue;
    }
    // The record's line end: LF, or CR LF.
    const nl = b === LF ? i : i + 1;
    return end(nl + 1, nl, newlines + 1);
  }
}

function end(next: number, lineEnd: number, newlines: number): true {
  ended.next = next;
  ended.rawTo = lineEnd;
  ended.newlines = newlines;
  return true;
}

/**
 * Visit every record of a chunk in order: lines without a quote to `plain`, well-formed quoted
 * records to `quoted`, and from an irregular record to its run's end through `forEachRecord` (to
 * `visit`, positions in the chunk's bytes and lines shifted to the chunk's).
 */
export function forEachByteRecord(bytes: Buffer, encoding: 'latin1' | 'utf8', delimiter: string, plain: PlainLineVisitor, quoted: QuotedRecordVisitor, visit: RecordVisitor): void {
  const n = bytes.length;
  const delim = delimiter.charCodeAt(0);
  let pos = 0;
  let line = 1;
  let quote = bytes.indexOf(QUOTE);
  // The run of quoted records the current one belongs to (`forEachRecord`'s unit): its start, line, and records read so far.
  let runFrom = -1;
  let runLine = 0;
  let runRecords = 0;
  while (pos < n) {
    let nl = bytes.indexOf(LF, pos);
    if (nl === -1) nl = n;
    if (quote === -1 || quote > nl) {
      plain(pos, nl > pos && bytes[nl - 1] === CR ? nl - 1 : nl, line++);
      pos = nl + 1;
      runFrom = -1;
      continue;
    }
    if (runFrom < 0) {
      runFrom = pos;
      runLine = line;
      runRecords = 0;
    }
    if (readRecord(bytes, pos, delim)) {
      const rawTo = ended.rawTo > pos && bytes[ended.rawTo - 1] === CR ? ended.rawTo - 1 : ended.rawTo;
      quoted(cells, line, pos, rawTo);
      runRecords++;
      line += ended.newlines;
      pos = ended.next;
    } else {
      const run = quotedRunBytes(bytes, runFrom);
      const from = runFrom;
      const first = runLine;
      let skip = runRecords;
      const text = bytes.toString(encoding, from, run.to);
      const inBytes = visitInBytes(text, encoding, from, visit);
      try {
        forEachRecord(text, delimiter, (cs, l, start, rawFrom, rawTo, cellStarts) => {
          if (skip-- > 0) return;
          inBytes(cs, first + l - 1, start, rawFrom, rawTo, cellStarts);
        });
      } catch (err) {
        if (err instanceof StrayQuoteError) throw new StrayQuoteError(err.line + first - 1, err.field, err.reason);
        throw err;
      }
      line = first + run.newlines;
      pos = run.to;
      runFrom = -1;
    }
    if (quote < pos) quote = pos < n ? bytes.indexOf(QUOTE, pos) : -1;
  }
}

/** Where the run of lines with quotes starting at `from` ends (the same rule as `forEachRecord`'s runs), and its newlines. */
function quotedRunBytes(bytes: Buffer, from: number): { to: number; newlines: number } {
  const n = bytes.length;
  let inQuote = false;
  let newlines = 0;
  let i = from;
  let q = bytes.indexOf(QUOTE, from); // the next quote at or after i: each is found once
  for (;;) {
    const nl = bytes.indexOf(LF, i);
    const lineEnd = nl === -1 ? n : nl;
    for (; q !== -1 && q < lineEnd; q = bytes.indexOf(QUOTE, q + 1)) inQuote = !inQuote;
    if (nl === -1) return { to: n, newlines };
    i = nl + 1;
    newlines++;
    if (!inQuote) {
      const nextNl = bytes.indexOf(LF, i);
      if (i >= n || q === -1 || (nextNl !== -1 && q > nextNl)) return { to: i, newlines };
    }
  }
}
