/**
 * A few rows of a stored chunk, read with positional reads: the header, the record numbers, then
 * only the bytes of the wanted rows' cells (each row's text in one read) — a sampled item costs a
 * few kilobytes of I/O, not its whole chunk file (a text kept in the source copy is read from the
 * copy the same way). Chunks whose spans count UTF-16 units of UTF-8
 * text (files of version 2) or whose columns are stored as strings are read whole and picked the
 * same way.
 * Record and line numbers come back rebased, as `readChunk` gives them.
 *
 * @example
 * const items = readChunkRows(dir, meta.chunks[3], new Set([1204, 1377])) // items.rows <= 2
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { isBlankCell } from '../kernels/blank.js';
import type { ChunkRef, FieldColumn, PopulationChunk } from '../population/types.js';
import { dataStart, decodeChunk, headerLength, spanLayout, utf8ByteSpans, type Header, type Section } from './chunk-codec.js';
import { pickRows } from './pick-rows.js';
import { rebase, sourceBytes } from './read-chunks.js';
import { openSourceCopy } from './source-copy.js';

type Spans = Extract<Section, { kind: 'spans' }>;

/** Positional reads of one open chunk file (and of the source copy, for a text kept there). */
class ChunkFile {
  /** The source copy, opened on the first read of a text kept there. */
  private copy: number | undefined;

  constructor(private readonly fd: number, private readonly base: number, private readonly dir: string) {}

  /** Bytes [from, from + length) of the chunk's text section. */
  text(text: Extract<Section, { kind: 'raw' }>, from: number, length: number): Buffer {
    if (text.source === undefined) return this.bytes(text.offset + from, length);
    this.copy ??= openSourceCopy(this.dir);
    return readFully(this.copy, length, text.source + from, 'the source copy is shorter than the chunk says');
  }

  bytes(offset: number, length: number): Buffer {
    return readFully(this.fd, length, this.base + offset, 'chunk file is shorter than its header says');
  }

  close(): void {
    if (this.copy !== undefined) closeSync(this.copy);
  }

  int32(offset: number): number {
    return this.bytes(offset, 4).readInt32LE(0);
  }

  /** Where the span of row i (of `rows`) that starts at `a` ends. */
  spanEnd(s: Spans, rows: number, i: number, a: number): number {
    const ends = s.offset + spanLayout(s, rows).ends;
    return s.ends === 'u16' ? a + this.bytes(ends + i * 2, 2).readUInt16LE(0) : this.int32(ends + i * 4);
  }
}

function readFully(fd: number, length: number, position: number, short: string): Buffer {
  const out = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, position + done);
    if (n === 0) throw new Error(short);
    done += n;
  }
  return out;
}

/** Can every cell be read by byte range? (Spans in bytes over Latin-1 or UTF-8 text, or no text sections at all.) */
function byteAddressable(header: Header, byteSpans: boolean): boolean {
  const text = header.sections.find((s) => s.name === 'text');
  return header.sections.every((s) => s.kind !== 'utf8') && (!text || (text.kind === 'raw' && (text.encoding === 'latin1' || byteSpans)));
}

export function readChunkRows(dir: string, ref: ChunkRef, records: ReadonlySet<number>): PopulationChunk {
  const path = join(dir, ref.file);
  const fd = openSync(path, 'r');
  try {
    const prefix = Buffer.alloc(12);
    readSync(fd, prefix, 0, 12, 0);
    const headerLen = headerLength(prefix);
    const headerBytes = Buffer.alloc(headerLen);
    readSync(fd, headerBytes, 0, headerLen, 12);
    const header = JSON.parse(headerBytes.toString('utf8')) as Header;
    if (!byteAddressable(header, utf8ByteSpans(prefix))) {
      const whole = rebase(decodeChunk(readFileSync(path), sourceBytes(dir)), ref);
      return pickRows(whole, wantedRows(whole.record, records, 0));
    }
    const file = new ChunkFile(fd, dataStart(headerLen), dir);
    try {
      return readRows(file, header, ref, records);
    } finally {
      file.close();
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Row indexes whose (rebased) record is wanted, ascending: a binary search per wanted record over
 * the chunk's record numbers (ascending: rows keep source order) — not a set lookup per row.
 */
function wantedRows(record: Int32Array, records: ReadonlySet<number>, offset: number): number[] {
  const rows: number[] = [];
  const n = record.length;
  for (const wanted of records) {
    const local = wanted - offset;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (record[mid]! < local) lo = mid + 1;
      else hi = mid;
    }
    if (lo < n && record[lo] === local) rows.push(lo);
  }
  return rows.sort((x, y) => x - y);
}

function readRows(file: ChunkFile, header: Header, ref: ChunkRef, records: ReadonlySet<number>): PopulationChunk {
  const n = header.rows;
  const byName = new Map(header.sections.map((s) => [s.name, s]));
  const section = (name: string) => byName.get(name) as Extract<Section, { offset: number }>;
  // One read of the record numbers (syscalls cost ~40 µs on these VMs: fewer, larger reads win).
  const recordBytes = file.bytes(section('record').offset, n * 4);
  const recordOf = new Int32Array(recordBytes.buffer, recordBytes.byteOffset, n);
  const rows = wantedRows(recordOf, records, ref.recordOffset);
  const record = rows.map((i) => recordOf[i]!);
  const text = byName.get('text') as Extract<Section, { kind: 'raw' }> | undefined;
  const encoding = text?.encoding ?? 'utf8';
  const spanSections = header.sections.filter((x): x is Spans => x.kind === 'spans');

  const literal = (s: Spans, k: number): string => {
    const table = s.offset + spanLayout(s, n).literals;
    const pair = file.bytes(table + k * 4, 8);
    const from = pair.readInt32LE(0);
    const to = pair.readInt32LE(4);
    // Literal offsets count UTF-16 units of the concatenated literals: decode them all (few and short).
    const all = file.bytes(table + (s.literals + 1) * 4, s.literalBytes).toString('utf8');
    return all.slice(from, to);
  };
  const first = header.headers.length ? byName.get(`s:${header.headers[0]}`) : undefined;
  const verbatim = text?.delimiter !== undefined && first?.kind === 'spans' ? { text, encoding, first, delimiter: text.delimiter, width: header.headers.length } : undefined;
  const typedSpans = spanSections.filter((s) => !s.name.startsWith('s:'));
  /**
   * Every span cell of row i. A verbatim row (no quoted cell) is its line split on the delimiter,
   * found from its first cell's offset: two reads, not two per column. Otherwise (and for typed
   * text fields stored apart from their source cells) each cell's offsets, then the row's text in
   * one read (its cells are adjacent).
   */
  const rowCells = (i: number): Map<string, string | null> => {
    const line = verbatim && verbatimLine(file, verbatim, i, n);
    const cells = new Map<string, string | null>();
    if (line) header.headers.forEach((h, c) => cells.set(`s:${h}`, sourceValue(line[c]!)));
    const spans = (line ? typedSpans : spanSections).map((s) => {
      const a = file.int32(s.offset + i * 4);
      return { s, a, b: a >= 0 ? file.spanEnd(s, n, i, a) : 0 };
    });
    let from = Infinity;
    let to = -Infinity;
    for (const { a, b } of spans) if (a >= 0) { from = Math.min(from, a); to = Math.max(to, b); }
    const rowBytes = to > from ? file.text(text!, from, to - from) : Buffer.alloc(0);
    for (const { s, a, b } of spans) cells.set(s.name, a === -1 ? null : a <= -2 ? literal(s, -2 - a) : rowBytes.toString(encoding, a - from, b - from));
    return cells;
  };
  const cells = rows.map(rowCells);
  const spanCell = (s: Spans, k: number): string | null => cells[k]!.get(s.name)!;

  const source: PopulationChunk['source'] = {};
  for (const h of header.headers) {
    const s = byName.get(`s:${h}`) as Spans;
    source[h] = rows.map((_, k) => spanCell(s, k));
  }
  const fields: PopulationChunk['fields'] = {};
  for (const s of header.sections) {
    if (!s.name.startsWith('f:') || s.kind === 'raw') continue;
    const name = s.name.slice(2);
    const type = s.fieldType!;
    let column: FieldColumn;
    if (s.kind === 'f64') column = { type, values: Float64Array.from(rows, (i) => file.bytes(s.offset + i * 8, 8).readDoubleLE(0)) } as FieldColumn;
    else if (s.kind === 'alias') column = { type, values: source[s.of.slice(2)]! } as FieldColumn;
    else if (s.kind === 'dict') column = { type, values: rows.map((i) => { const code = file.int32(s.offset + i * 4); return code >= 0 ? s.dict[code]! : null; }) } as FieldColumn;
    else if (s.kind === 'spans') column = { type, values: rows.map((_, k) => spanCell(s, k)) } as FieldColumn;
    else continue;
    fields[name] = column;
  }
  return {
    rows: rows.length,
    record: Int32Array.from(record, (r) => r + ref.recordOffset),
    line: Int32Array.from(rows, (i) => file.int32(section('line').offset + i * 4) + ref.lineOffset),
    source,
    fields,
  };
}

/** Where a verbatim row's line can be found: the chunk text, its first column's offsets, the dialect. */
interface Verbatim {
  text: Extract<Section, { kind: 'raw' }>;
  encoding: 'latin1' | 'utf8';
  first: Spans;
  delimiter: string;
  width: number;
}

/** Bytes read past a row's start when the next row's start is unknown (rows are far shorter). */
const LINE_WINDOW = 65_536;

/**
 * The cells of row i when its first cell is a verbatim slice and its line holds no quote: its
 * line up to the line end, split on the delimiter, as the record splitter splits a line without
 * quotes. Undefined when the row's first cell is null or not a slice, its line holds a quote, or
 * the line is not found whole: the caller reads cell by cell.
 */
function verbatimLine(file: ChunkFile, v: Verbatim, i: number, rows: number): string[] | undefined {
  const pair = file.bytes(v.first.offset + i * 4, i + 1 < rows ? 8 : 4);
  const from = pair.readInt32LE(0);
  if (from < 0) return undefined;
  const next = pair.length === 8 ? pair.readInt32LE(4) : -1;
  const to = next > from ? next : Math.min(v.text.length, from + LINE_WINDOW);
  const raw = file.text(v.text, from, to - from).toString(v.encoding);
  let end = raw.indexOf('\n');
  if (end === -1) {
    if (to < v.text.length) return undefined;
    end = raw.length; // the text's last line, with no line end
  }
  if (end > 0 && raw.charCodeAt(end - 1) === 13) end--; // as the splitter cuts a line
  if (raw.lastIndexOf('"', end) !== -1) return undefined; // a quoted record: its cells are spans between quotes, or literals
  const cells = raw.slice(0, end).split(v.delimiter);
  return cells.length === v.width ? cells : undefined;
}

/** A source cell as the typer stores it: blank is null. */
const sourceValue = (v: string): string | null => (isBlankCell(v) ? null : v);
