/**
 * Turn parsed CSV/XLSX records (arrays of cell text) into a typed columnar chunk, one record at
 * a time, keeping malformed rows (wrong field count) with their raw text and line, counting every
 * value issue, and profiling each column. Runs on the parse workers.
 *
 * With the chunk's text (CSV), a source cell is kept as its offsets into that text — no string
 * outlives its record, so the collector never copies cells — and typed values go straight into
 * preallocated arrays. Without it (XLSX), cells are kept as strings. Offsets count the stored
 * text's bytes (Latin-1 or UTF-8). A CSV chunk can go further: a record is typed from its bytes
 * (`addLine` for a line without quotes, `addQuoted` for cell spans read by the RFC 4180 byte
 * reader), with no string per cell — the same columns, profile and issues as `add` with its cell
 * strings. UTF-8 cells are read a code point at a time where the rule needs it (trim, blank) and
 * as UTF-16 code units for the row hash and the distinct sketch, as their strings would be. The
 * whole-row hash is mixed as each cell is visited (`RowHasher`), and gives each cell read from
 * bytes its distinct-sketch hash from the same word loads.
 *
 * @example
 * const typer = new ChunkTyper(plan, { capacity: 1 })
 * typer.add(['CHG1', '2025-01-02'], 2)
 * typer.finish().columns.fields.deployed_at // { kind: 'f64', values: [1735776000000] }
 */
import { isBlankCell } from '../../kernels/blank.js';
import { RowHasher, type RowHashes } from '../../kernels/row-hash.js';
import type { ByteCells } from '../csv/byte-records.js';
import type { IngestIssue, MalformedRow, NonDataReason, NonDataRow } from '../../population/types.js';
import type { ChunkColumns, FieldData, TextColumn } from '../../store/chunk-columns.js';
import { addDistinct } from '../profile/distinct.js';
import { newColumnPartial, type ColumnPartial } from '../profile/column-profile.js';
import { ByteDistinct } from '../profile/byte-distinct.js';
import type { ColumnArena } from './column-arena.js';
import { trimEnd, trimEndUtf8, trimStart, trimStartUtf8 } from '../../kernels/trim.js';
import { mayBeNonData, mayBeTotalLabelLatin1, nonDataReason } from '../layout/non-data-row.js';
import { isBlankUnits, isBlankUtf8 } from '../../kernels/blank.js';
import { isoTimestampUnits as isoTimestampLatin1 } from '../../kernels/timestamp/iso-units.js';
import { enumCodeLatin1 } from './latin1-cells.js';
import { BOOLEAN_EXPECTED, NUMBER_EXPECTED, parseBoolean, parseNumber } from './scalar.js';
import { DayMonthCollector, type DayMonthPartial } from './day-month-evidence.js';
import { lastDayMonthOrder, TIMESTAMP_EXPECTED, timestampMs, type TimestampOptions } from '../../kernels/timestamp/parse.js';
import type { TypingPlan } from './plan.js';

export interface TypedChunk {
  columns: ChunkColumns;
  /** Records of the wrong width (their `malformed_row` issues are made by the assembler, which knows which are footers). */
  malformed: MalformedRow[];
  /**
   * How many of `malformed` — the last ones — are short rows (at most half the header's fields)
   * after the chunk's last data row: footer rows, if only such rows (and blank or total rows)
   * follow them to the end of the file.
   */
  tail: number;
  /** Rows that are not data (blank rows, total rows): counted, the first kept with line and raw text. */
  nonData: NonDataCount;
  issues: { first: IngestIssue[]; byCode: Record<string, number>; byColumn: Record<string, number> };
  /** One partial per source column, then one per typed canonical field (`field:<name>`). */
  profile: Record<string, ColumnPartial>;
  /** Timestamp fields read without a day/month order: what their values proved, and the cells left ambiguous (NaN, not issues yet). */
  dayMonth: Record<string, DayMonthPartial>;
  /** Per typed field, the first few raw values that did not type (they name an untyped column). */
  untyped: Record<string, string[]>;
}

export interface TyperOptions {
  /** Upper bound on the records to come (arrays are sized once). */
  capacity: number;
  /** Where the chunk's typed arrays come from (a thread's reused arena; default: new arrays). */
  arena?: ColumnArena;
  /** Record number of the first record (1-based over data records). */
  firstRecord?: number;
  /**
   * The chunk's text as stored (Latin-1 or UTF-8 bytes): cells of records added with `start >= 0`
   * are byte ranges of it.
   */
  text?: { bytes: Uint8Array; encoding: 'latin1' | 'utf8'; delimiter: string };
  /**
   * Source columns (by index) that another chunk of the same file proved to hold more distinct
   * values than the exact sketch keeps: their byte sketches start as registers (ByteDistinct).
   */
  pastExact?: ReadonlySet<number>;
}

/** Non-data rows of a chunk: counts by reason, and the first ones in full. */
export interface NonDataCount {
  count: number;
  byReason: Partial<Record<NonDataReason, number>>;
  first: NonDataRow[];
}

const ENUM_EXPECTED = (values: string[]) => `one of ${values.join(', ')}`;
const shownRaw = (raw: string) => (raw.length > 500 ? raw.slice(0, 500) + '…' : raw);
/** Raw values kept per field that did not type: an untyped column is named with them. */
const UNTYPED_EXAMPLES = 3;

/** Where one source column's cells go. */
interface SourceSink {
  column: TextColumn;
  prof: ColumnPartial;
}

/** Where one canonical field's typed values go. */
interface FieldSink {
  name: string;
  type: string;
  col: number;
  prof: ColumnPartial;
  f64?: Float64Array;
  /** string fields: trimmed text, as spans or values; `same` while no cell needed trimming. */
  text?: TextColumn;
  same: boolean;
  /** enum fields: allowed values → code. */
  codes?: Int32Array;
  dict?: Map<string, number>;
  dictList?: string[];
  /** timestamp fields: how the column is read (the zone, and its format when known). */
  time?: TimestampOptions;
  /** timestamp fields without a known day/month order: the evidence of their values. */
  dayMonth?: DayMonthCollector;
  /** The first raw values that did not type. */
  untyped: string[];
}

/** Typed arrays for a chunk: from the caller's arena (reused), or new. */
interface Arrays {
  int32(n: number): Int32Array;
  float64(n: number): Float64Array;
}

const fresh: Arrays = { int32: (n) => new Int32Array(n), float64: (n) => new Float64Array(n) };

function textColumn(spans: boolean, capacity: number, arrays: Arrays): TextColumn {
  return spans ? { kind: 'spans', start: arrays.int32(capacity), end: arrays.int32(capacity), literals: [] } : { kind: 'values', values: [] };
}

export class ChunkTyper {
  private rows = 0;
  private recNo: number;
  private readonly width: number;
  private readonly record: Int32Array;
  private readonly line: Int32Array;
  private readonly sources: SourceSink[];
  private readonly sinks: FieldSink[] = [];
  private readonly profile: Record<string, ColumnPartial> = {};
  private readonly malformed: MalformedRow[] = [];
  private readonly first: IngestIssue[] = [];
  private readonly byCode: Record<string, number> = {};
  private readonly byColumn: Record<string, number> = {};
  private tail = 0;
  private readonly nonData: NonDataCount = { count: 0, byReason: {}, first: [] };
  /** Offset of each cell of the current record in the chunk text (-1: not a verbatim slice). */
  private readonly cellAt: Int32Array;
  /** Byte records (`addLine`, `addQuoted`): where each cell of the current record ends. */
  private readonly cellEnd: Int32Array;
  /** The chunk's text bytes, when it has them (CSV). */
  private readonly textBytes: Buffer | undefined;
  /** How they are text. */
  private readonly encoding: 'latin1' | 'utf8' = 'latin1';
  /** The delimiter's length in stored bytes. */
  private readonly delimiterBytes: number = 1;
  /** Per source column, the distinct values of the cells (CSV chunks). */
  private readonly distincts: ByteDistinct[] = [];
  /** The current byte record's cells with doubled quotes: 1 where a cell is in `scratch` (null: none is). */
  private escaped: Uint8Array | null = null;
  private scratch: Buffer = Buffer.alloc(0);
  /** The whole-row hash of each row, mixed as its cells are visited. */
  private readonly hasher = new RowHasher();
  private readonly hashes: RowHashes;

  constructor(private readonly plan: TypingPlan, private readonly opts: TyperOptions) {
    const cap = opts.capacity;
    const arrays: Arrays = opts.arena ?? fresh;
    this.width = plan.headers.length;
    this.recNo = opts.firstRecord ?? 1;
    this.record = arrays.int32(cap);
    this.line = arrays.int32(cap);
    this.hashes = { hash: arrays.float64(cap), rest: arrays.int32(cap) };
    const spans = opts.text !== undefined;
    this.cellAt = new Int32Array(this.width);
    this.cellEnd = new Int32Array(this.width);
    const t = opts.text;
    if (t) {
      this.textBytes = Buffer.from(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength);
      this.encoding = t.encoding;
      this.delimiterBytes = Buffer.byteLength(t.delimiter, t.encoding);
      this.distincts = plan.headers.map((_, c) => new ByteDistinct(t.bytes, t.encoding, opts.pastExact?.has(c) === true));
    }
    this.sources = plan.headers.map((h) => ({ column: textColumn(spans, cap, arrays), prof: (this.profile[h] = newColumnPartial()) }));
    plan.columns.forEach((c, col) => {
      for (const f of c.fields) {
        const prof = (this.profile[`field:${f.name}`] = newColumnPartial());
        const sink: FieldSink = { name: f.name, type: f.type, col, prof, same: true, untyped: [] };
        if (f.type === 'timestamp') {
          sink.time = timestampOptions(plan.typing.timeZone, f.format?.dateOrder ?? plan.typing.dateOrder, f.format?.epoch);
          if (!sink.time.dateOrder) sink.dayMonth = new DayMonthCollector(f.name, c.header, sink.time, plan.issueSample);
        }
        if (f.type === 'timestamp' || f.type === 'number' || f.type === 'boolean') sink.f64 = arrays.float64(cap);
        else if (f.type === 'enum') {
          sink.codes = arrays.int32(cap);
          sink.dictList = [...(f.values ?? [])];
          sink.dict = new Map([...Object.entries(f.aliases ?? {}).map(([a, v]) => [a, sink.dictList!.indexOf(v)] as [string, number]), ...sink.dictList.map((v, i) => [v, i] as [string, number])]);
        } else if (!sink.f64) sink.text = textColumn(spans, cap, arrays); // numbers and booleans are typed into f64, never kept as text
        this.sinks.push(sink);
      }
    });
  }

  private issue(i: IngestIssue, column?: string): void {
    this.byCode[i.code] = (this.byCode[i.code] ?? 0) + 1;
    if (column !== undefined) this.byColumn[column] = (this.byColumn[column] ?? 0) + 1;
    if (this.first.length < this.plan.issueSample) this.first.push(i);
  }

  /**
   * One record starting on `line`. `start`: byte offset in the chunk text of its first cell when
   * the cells are verbatim, delimiter-separated slices (else -1); `rawFrom`/`rawTo`: its raw text;
   * `cellStarts`: each cell's offset when it is a verbatim slice, else -1 (a quoted record).
   */
  add(rec: string[], line: number, start = -1, rawFrom = -1, rawTo = -1, cellStarts?: readonly number[]): void {
    const width = this.width;
    const recNo = this.recNo;
    if (rec.length !== width) {
      const reason = rec.length === 1 && rec[0] === '' ? 'blank_row' : nonDataReason(rec);
      if (reason) {
        this.notData(reason, line, rec, rawFrom, rawTo);
        return;
      }
      const raw = rawFrom >= 0 && this.opts.text ? this.textOf(rawFrom, rawTo) : rec.join(',');
      this.malformed.push({ record: recNo, line, fields: rec.length, expectedFields: width, raw });
      this.tail = rec.length <= width >> 1 ? this.tail + 1 : 0; // at most half the fields: may be a footer line, not a cut-short row
      this.recNo++;
      return;
    }
    const c0 = rec[0]!;
    if (mayBeNonData(c0.length ? c0.charCodeAt(0) : 0, c0.length > 1 ? c0.charCodeAt(1) : 0)) {
      const reason = nonDataReason(rec);
      if (reason) {
        this.notData(reason, line, rec, rawFrom, rawTo);
        return;
      }
    }
    this.tail = 0;
    const i = this.rows++;
    this.record[i] = recNo;
    this.line[i] = line;
    const dlen = this.delimiterBytes;
    const hasher = this.hasher;
    hasher.begin();
    let at = start;
    for (let c = 0; c < width; c++) {
      const v = rec[c]!;
      const blank = isBlankCell(v);
      const src = this.sources[c]!;
      const from = cellStarts ? cellStarts[c]! : at;
      this.cellAt[c] = from;
      putText(src.column, i, blank ? null : v, from, from >= 0 ? from + this.byteLength(v) : -1);
      if (blank) hasher.nullValue();
      else {
        hasher.value(v);
        src.prof.nonBlank++;
        const bytesSketch = this.distincts[c];
        if (bytesSketch) bytesSketch.addText(v); // CSV chunks: one table for cells read either way
        else addDistinct(src.prof.distinct, v);
      }
      if (at >= 0) at += this.byteLength(v) + dlen;
    }
    hasher.end(this.hashes, i);
    for (let s = 0; s < this.sinks.length; s++) this.typeCell(this.sinks[s]!, rec[this.sinks[s]!.col]!, i, recNo, line);
    this.recNo++;
  }

  /** The stored length of a cell's text (its bytes in the chunk's encoding). */
  private byteLength(v: string): number {
    return this.encoding === 'latin1' ? v.length : Buffer.byteLength(v, 'utf8');
  }

  /** A row that is not data: counted, and kept in full while few. */
  private notData(reason: NonDataReason, line: number, rec: readonly string[], rawFrom: number, rawTo: number): void {
    const n = this.nonData;
    n.count++;
    n.byReason[reason] = (n.byReason[reason] ?? 0) + 1;
    if (n.first.length < this.plan.issueSample) {
      n.first.push({ line, reason, raw: shownRaw(rawFrom >= 0 && this.opts.text ? this.textOf(rawFrom, rawTo) : rec.join(this.opts.text?.delimiter ?? ',')) });
    }
  }

  /**
   * `add`'s non-data test for a byte record of the right width (cells at `cellAt`/`cellEnd`),
   * read from its bytes: blank cells, and the first non-blank one's start, are enough to clear a
   * data row; the few that may be a total row are decided by `nonDataReason` on their strings.
   */
  private notDataBytes(from: number, to: number, line: number): boolean {
    let k = 0;
    while (k < this.width && this.isBlank(this.cellBytes(k), this.cellAt[k]!, this.cellEnd[k]!)) k++;
    if (k < this.width) {
      const bytes = this.cellBytes(k);
      const ta = this.trimStart(bytes, this.cellAt[k]!, this.cellEnd[k]!);
      if (!mayBeTotalLabelLatin1(bytes, ta, this.trimEnd(bytes, ta, this.cellEnd[k]!))) return false;
    }
    const rec = Array.from({ length: this.width }, (_, c) => this.cellBytes(c).toString(this.encoding, this.cellAt[c], this.cellEnd[c]));
    const reason = nonDataReason(rec);
    if (reason) this.notData(reason, line, rec, from, to);
    return reason !== null;
  }

  /** The bytes cell c of the current byte record is read from: the chunk's, or the scratch buffer of undoubled quotes. */
  private cellBytes(c: number): Buffer {
    return this.escaped !== null && this.escaped[c] === 1 ? this.scratch : this.textBytes!;
  }

  /** The kernels for the chunk's encoding: the blank rule and trim over its bytes. */
  private isBlank(bytes: Uint8Array, from: number, to: number): boolean {
    return this.encoding === 'latin1' ? isBlankUnits(bytes, from, to) : isBlankUtf8(bytes, from, to);
  }

  private trimStart(bytes: Uint8Array, from: number, to: number): number {
    return this.encoding === 'latin1' ? trimStart(bytes, from, to) : trimStartUtf8(bytes, from, to);
  }

  private trimEnd(bytes: Uint8Array, from: number, to: number): number {
    return this.encoding === 'latin1' ? trimEnd(bytes, from, to) : trimEndUtf8(bytes, from, to);
  }

  /** text[from, to) of the chunk (byte offsets). */
  private textOf(from: number, to: number): string {
    return this.textBytes!.toString(this.encoding, from, to);
  }

  /**
   * A record from the chunk's bytes[from, to) (line end excluded) whose line holds no quote: its
   * cells are the line split on the one-byte ASCII delimiter. Typed from the bytes; a cell the
   * byte rules decline (a number, an odd timestamp, a bad value) and a line of the wrong width go
   * through the string path, so the outcome is always `add`'s.
   */
  addLine(from: number, to: number, line: number): void {
    const bytes = this.textBytes!;
    const width = this.width;
    const delimiter = this.opts.text!.delimiter.charCodeAt(0);
    const cellAt = this.cellAt;
    const cellEnd = this.cellEnd;
    let cells = 0;
    let start = from;
    for (let k = from; k < to; k++) {
      if (bytes[k] !== delimiter) continue;
      if (cells < width) {
        cellAt[cells] = start;
        cellEnd[cells] = k;
      }
      cells++;
      start = k + 1;
    }
    if (cells < width) {
      cellAt[cells] = start;
      cellEnd[cells] = to;
    }
    if (++cells !== width) {
      this.add(bytes.toString(this.encoding, from, to).split(this.opts.text!.delimiter), line, from, from, to);
      return;
    }
    this.escaped = null;
    this.typeByteRecord(from, to, line);
  }

  /**
   * A record of the chunk's bytes read by the RFC 4180 byte reader (`forEachByteRecord`): its
   * cells as spans, some in the reader's scratch buffer (doubled quotes undone), and its raw text
   * bytes[rawFrom, rawTo). The same outcome as `add` with its cell strings and their offsets.
   */
  addQuoted(cells: ByteCells, line: number, rawFrom: number, rawTo: number): void {
    const width = this.width;
    if (cells.count !== width) {
      const rec: string[] = [];
      for (let c = 0; c < cells.count; c++) rec.push((cells.escaped[c] ? cells.scratch : this.textBytes!).toString(this.encoding, cells.at[c], cells.end[c]));
      this.add(rec, line, -1, rawFrom, rawTo);
      return;
    }
    for (let c = 0; c < width; c++) {
      this.cellAt[c] = cells.at[c]!;
      this.cellEnd[c] = cells.end[c]!;
    }
    this.escaped = cells.anyEscaped ? cells.escaped : null;
    this.scratch = cells.scratch;
    this.typeByteRecord(rawFrom, rawTo, line);
  }

  /** A byte record of the right width, its cells at `cellAt`/`cellEnd` (see `cellBytes`): a data row unless it is a blank or total row. */
  private typeByteRecord(from: number, to: number, line: number): void {
    const width = this.width;
    const cellAt = this.cellAt;
    const cellEnd = this.cellEnd;
    const escaped = this.escaped;
    const b0 = this.cellBytes(0);
    const a0 = cellAt[0]!;
    if ((a0 === cellEnd[0] || mayBeNonData(b0[a0]!, a0 + 1 < cellEnd[0]! ? b0[a0 + 1]! : 0)) && this.notDataBytes(from, to, line)) return;
    this.tail = 0;
    const recNo = this.recNo++;
    const i = this.rows++;
    this.record[i] = recNo;
    this.line[i] = line;
    const hasher = this.hasher;
    const latin1 = this.encoding === 'latin1';
    hasher.begin();
    for (let c = 0; c < width; c++) {
      const a = cellAt[c]!;
      const b = cellEnd[c]!;
      const column = this.sources[c]!.column as Extract<TextColumn, { kind: 'spans' }>;
      const bytes = this.cellBytes(c);
      if (this.isBlank(bytes, a, b)) {
        column.start[i] = -1;
        hasher.nullValue();
        continue;
      }
      this.sources[c]!.prof.nonBlank++;
      const h = latin1 ? hasher.valueUnits(bytes, a, b) : hasher.valueUtf8(bytes, a, b);
      if (escaped !== null && escaped[c] === 1) {
        // Undoubled in the scratch buffer: kept as its string, as `add` keeps a cell that is not a slice of the text.
        const v = bytes.toString(this.encoding, a, b);
        column.start[i] = -2 - column.literals.length;
        column.literals.push(v);
        this.distincts[c]!.addText(v, h);
        continue;
      }
      column.start[i] = a;
      column.end[i] = b;
      this.distincts[c]!.add(a, b, h);
    }
    hasher.end(this.hashes, i);
    for (let s = 0; s < this.sinks.length; s++) this.typeBytes(this.sinks[s]!, i, recNo, line);
  }

  /** One typed field of a byte record (see `addLine`); `typeCell` where bytes do not decide. */
  private typeBytes(sink: FieldSink, i: number, recNo: number, line: number): void {
    const bytes = this.cellBytes(sink.col);
    const a = this.cellAt[sink.col]!;
    const b = this.cellEnd[sink.col]!;
    if (this.isBlank(bytes, a, b)) {
      if (sink.f64) sink.f64[i] = NaN;
      else if (sink.codes) sink.codes[i] = -1;
      else (sink.text as Extract<TextColumn, { kind: 'spans' }>).start[i] = -1;
      return;
    }
    const ta = this.trimStart(bytes, a, b);
    const tb = this.trimEnd(bytes, ta, b);
    if (sink.text) {
      const column = sink.text as Extract<TextColumn, { kind: 'spans' }>;
      if (ta !== a || tb !== b) sink.same = false;
      if (bytes !== this.textBytes) {
        // A cell with doubled quotes: its trimmed string, as `typeCell` keeps it.
        column.start[i] = -2 - column.literals.length;
        column.literals.push(bytes.toString(this.encoding, ta, tb));
        sink.prof.nonBlank++;
        return;
      }
      // All whitespace but not blank (a leading no-break space): `trim` gives '', found at the cell's start.
      column.start[i] = ta < tb ? ta : a;
      column.end[i] = ta < tb ? tb : a;
      sink.prof.nonBlank++;
      return;
    }
    if (sink.codes) {
      const code = enumCodeLatin1(bytes, ta, tb, sink.dictList!);
      if (code >= 0) {
        sink.codes[i] = code;
        sink.prof.nonBlank++;
        return;
      }
    } else if (sink.type === 'timestamp') {
      const ms = isoTimestampLatin1(bytes, ta, tb, this.plan.typing.timeZone);
      if (ms === ms) {
        sink.f64![i] = ms;
        const p = sink.prof;
        p.nonBlank++;
        if (ms < p.min) p.min = ms;
        if (ms > p.max) p.max = ms;
        return;
      }
    }
    this.typeCell(sink, bytes.toString(this.encoding, a, b), i, recNo, line);
  }

  private typeCell(sink: FieldSink, v: string, i: number, recNo: number, line: number): void {
    const p = sink.prof;
    const blank = isBlankCell(v);
    if (blank) {
      if (sink.f64) sink.f64[i] = NaN;
      else if (sink.codes) sink.codes[i] = -1;
      else putText(sink.text!, i, null, -1, -1);
      return;
    }
    if (sink.text) {
      const t = v.trim();
      if (t.length !== v.length) sink.same = false;
      // The trimmed value is still a slice of the text: shift the cell's span by the leading blanks.
      const at = this.cellAt[sink.col]!;
      const from = at >= 0 ? at + this.byteLength(v.slice(0, v.indexOf(t))) : -1;
      putText(sink.text, i, t, from, from >= 0 ? from + this.byteLength(t) : -1);
      p.nonBlank++;
      return;
    }
    if (sink.codes) {
      const t = v.trim().toLowerCase();
      const code = sink.dict!.get(t);
      if (code !== undefined) {
        sink.codes[i] = code;
        p.nonBlank++;
      } else {
        sink.codes[i] = -1;
        p.invalid++;
        const column = this.plan.headers[sink.col]!;
        if (sink.untyped.length < UNTYPED_EXAMPLES) sink.untyped.push(v);
        this.issue({ code: 'invalid_value', record: recNo, line, column, field: sink.name, raw: v, expected: ENUM_EXPECTED(sink.dictList!) }, column);
      }
      return;
    }
    let ms: number;
    let expected: string;
    if (sink.type === 'timestamp') {
      ms = timestampMs(v, sink.time!);
      if (sink.dayMonth) {
        const said = lastDayMonthOrder();
        if (said !== 'none' && sink.dayMonth.note(said, v, i, recNo, line)) {
          sink.f64![i] = NaN; // typed by the assembler once the column's order is known
          return;
        }
      }
      expected = TIMESTAMP_EXPECTED;
    } else if (sink.type === 'number') {
      ms = parseNumber(v);
      expected = NUMBER_EXPECTED;
    } else {
      ms = parseBoolean(v);
      expected = BOOLEAN_EXPECTED;
    }
    sink.f64![i] = ms;
    if (Number.isNaN(ms)) {
      p.invalid++;
      const column = this.plan.headers[sink.col]!;
      const raw = v.length > 200 ? v.slice(0, 200) + '…' : v;
      if (sink.untyped.length < UNTYPED_EXAMPLES) sink.untyped.push(raw);
      this.issue({ code: 'invalid_value', record: recNo, line, column, field: sink.name, raw, expected }, column);
    } else {
      p.nonBlank++;
      if (ms < p.min) p.min = ms;
      if (ms > p.max) p.max = ms;
    }
  }

  /** Source columns whose byte sketch went past the exact cap in this chunk (or started there). */
  overflowed(): number[] {
    return this.distincts.flatMap((d, c) => (d.overflowed ? [c] : []));
  }

  finish(): TypedChunk {
    const rows = this.rows;
    this.distincts.forEach((d, c) => (this.sources[c]!.prof.distinct = d.sketch())); // every cell of a CSV chunk went to it
    const fields: Record<string, FieldData> = {};
    for (const s of this.sinks) {
      const type = s.type as FieldData['type'];
      if (s.f64) fields[s.name] = { type, kind: 'f64', values: s.f64 };
      else if (s.codes) fields[s.name] = { type, kind: 'dict', codes: s.codes, dict: s.dictList! };
      else if (s.same) fields[s.name] = { type, kind: 'alias', of: this.plan.headers[s.col]! };
      else fields[s.name] = { type, kind: 'text', column: s.text! };
    }
    const columns: ChunkColumns = {
      rows,
      record: this.record,
      line: this.line,
      ...(this.opts.text ? { text: { bytes: this.opts.text.bytes, encoding: this.opts.text.encoding, delimiter: this.opts.text.delimiter } } : {}),
      source: this.plan.headers.map((header, c) => ({ header, column: this.sources[c]!.column })),
      fields,
      // The whole-row hashes, kept with the chunk so duplicate checks never re-read every cell.
      rowHashes: { hash: this.hashes.hash.subarray(0, rows), rest: this.hashes.rest.subarray(0, rows) },
    };
    const dayMonth: Record<string, DayMonthPartial> = {};
    const untyped: Record<string, string[]> = {};
    for (const s of this.sinks) {
      const said = s.dayMonth?.result();
      if (said) dayMonth[s.name] = said;
      if (s.untyped.length) untyped[s.name] = s.untyped;
    }
    return { columns, malformed: this.malformed, tail: this.tail, nonData: this.nonData, issues: { first: this.first, byCode: this.byCode, byColumn: this.byColumn }, profile: this.profile, dayMonth, untyped };
  }
}

function timestampOptions(timeZone: string, dateOrder: 'dmy' | 'mdy' | undefined, epoch: 's' | 'ms' | undefined): TimestampOptions {
  return { timeZone, ...(dateOrder ? { dateOrder } : {}), ...(epoch ? { epoch } : {}) };
}

/** Row `i` of a text column: null, the span [at, end) (when at >= 0, spans only), or a literal. */
function putText(col: TextColumn, i: number, v: string | null, at: number, end: number): void {
  if (col.kind === 'values') {
    col.values.push(v);
    return;
  }
  if (v === null) col.start[i] = -1;
  else if (at >= 0) {
    col.start[i] = at;
    col.end[i] = end;
  } else {
    col.start[i] = -2 - col.literals.length;
    col.literals.push(v);
  }
}

/** Type a batch of records (XLSX rows, tests): every cell kept as a string. */
export function typeRecords(records: string[][], pos: { firstRecord: number; lines: ArrayLike<number> }, plan: TypingPlan): TypedChunk {
  const typer = new ChunkTyper(plan, { capacity: records.length, firstRecord: pos.firstRecord });
  for (let r = 0; r < records.length; r++) typer.add(records[r]!, pos.lines[r]!);
  return typer.finish();
}
