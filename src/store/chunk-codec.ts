/**
 * The columnar cache format of a typed population chunk: one file per chunk, written once.
 * Layout: `TMCK` magic, u32 version, u32 header length, a JSON header listing each column's
 * section, then 8-byte-aligned sections. Numbers are little-endian Float64/Int32 arrays.
 * Text columns come two ways: CSV chunks keep the chunk's own text once (Latin-1 when every
 * character fits, else UTF-8) and each source column as start/end byte offsets into it. A chunk
 * whose text is byte for byte a range of the population's source copy keeps only that range
 * (`source` in its text section, version 4): its readers pass `decodeChunk` the copy's bytes
 * (store/source-copy.ts). Quoted
 * cells, which are not verbatim slices, as literals; version 2 files, still read, counted UTF-8
 * text in UTF-16 code units) — each end as a 16-bit width when every cell of the column is
 * narrower than 64 KiB (`ends: 'u16'`), else as a 32-bit offset; other chunks store each column's concatenated
 * UTF-8 with offsets and a null map. Either way a column decodes with one native `toString` and
 * cheap slices; enums are dictionary codes. Optional `rowhash`/`rowrest` sections hold the
 * whole-row hashes computed at ingest (absent in older files: readers compute them). A decoded
 * chunk carries its columns as vectors over the file's bytes (store/chunk-vectors.ts); columns
 * as plain values are made on first access.
 *
 * @example
 * writeChunkFile(path, columns); const back = decodeChunk(readFileSync(path)); back.fields.deployed_at.values
 */
import { tickmarkError } from '../errors.js';
import { closeSync, openSync, writeSync, writevSync } from 'node:fs';
import type { FieldType } from '../population/kinds.js';
import type { FieldColumn, PopulationChunk } from '../population/types.js';
import { Float64Numbers, type FieldVector, type NumberVector, type TextVector } from '../population/vectors.js';
import type { ChunkColumns, TextColumn } from './chunk-columns.js';
import { ChunkText, DictText, SpansText, Utf8Text, type InFile } from './chunk-vectors.js';

const MAGIC = 0x4b434d54; // 'TMCK' little-endian
const VERSION = 4;
/** The version a file is written as: 4 only when its text is kept in the source copy (readers before 4 refuse it), else 3. */
const SOURCE_TEXT = 4;
/** The first version whose spans count a UTF-8 text's bytes. */
const UTF8_BYTE_SPANS = 3;

/** One section of a chunk file, as its JSON header lists it (offsets from the aligned data start). */
export type Section =
  | { name: string; kind: 'i32' | 'f64'; offset: number; length: number; fieldType?: FieldType }
  /** `source`: the text is bytes [source, source + length) of the population's source copy, not in this file. */
  | { name: string; kind: 'raw'; offset: number; length: number; encoding?: 'latin1' | 'utf8'; delimiter?: string; source?: number }
  | { name: string; kind: 'utf8'; offset: number; length: number; textBytes: number; fieldType?: FieldType }
  | { name: string; kind: 'spans'; offset: number; length: number; literals: number; literalBytes: number; ends?: 'u16'; fieldType?: FieldType }
  | { name: string; kind: 'dict'; offset: number; length: number; dict: string[]; fieldType: FieldType }
  | { name: string; kind: 'alias'; of: string; fieldType: FieldType };

export interface Header {
  rows: number;
  headers: string[];
  sections: Section[];
}

type Spans = Extract<Section, { kind: 'spans' }>;

/** Where a spans section's ends lie (after its starts), and where its literal table starts: offsets in the section. */
export function spanLayout(s: Spans, rows: number): { ends: number; literals: number } {
  return { ends: rows * 4, literals: rows * 4 + (s.ends === 'u16' ? (rows + (rows & 1)) * 2 : rows * 4) };
}

/** Each span's width in 16 bits (a whole number of 4-byte words; null and literal cells 0), or null when a cell is wider. */
function widths16(start: Int32Array, end: Int32Array, rows: number): Uint16Array | null {
  const out = new Uint16Array(rows + (rows & 1));
  for (let i = 0; i < rows; i++) {
    const a = start[i]!;
    if (a < 0) continue;
    const w = end[i]! - a;
    if (w > 0xffff) return null;
    out[i] = w;
  }
  return out;
}

/** The ends of spans stored as widths (a null or literal cell's end is its start). */
function endsOf(start: Int32Array, widths: Uint16Array, rows: number): Int32Array {
  const end = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const a = start[i]!;
    end[i] = a >= 0 ? a + widths[i]! : a;
  }
  return end;
}

const bytesOf = (a: Int32Array | Float64Array | Uint8Array | Uint16Array, count: number) => Buffer.from(a.buffer, a.byteOffset, count * a.BYTES_PER_ELEMENT);

/** Concatenated UTF-8 of `values` with cumulative UTF-16 offsets and a null map. */
function utf8Parts(values: (string | null)[], rows: number): Buffer[] {
  const offsets = new Int32Array(rows + 1);
  const nulls = new Uint8Array(rows);
  let pos = 0;
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    if (v == null) nulls[i] = 1;
    else pos += v.length;
    offsets[i + 1] = pos;
  }
  const text = Buffer.from((values.length === rows ? values : values.slice(0, rows)).join(''), 'utf8'); // join renders null as ''
  return [Buffer.from(offsets.buffer), Buffer.from(nulls.buffer), text];
}

function textSection(name: string, column: TextColumn, rows: number, push: (b: Buffer[]) => number, fieldType?: FieldType): Section {
  const typed = fieldType ? { fieldType } : {};
  if (column.kind === 'values') {
    const bufs = utf8Parts(column.values, rows);
    return { name, kind: 'utf8', offset: push(bufs), length: bufs.reduce((n, b) => n + b.length, 0), textBytes: bufs[2]!.length, ...typed };
  }
  const lit = column.literals.length ? utf8Parts(column.literals, column.literals.length) : [];
  const widths = widths16(column.start, column.end, rows);
  const ends = widths ? bytesOf(widths, widths.length) : bytesOf(column.end, rows);
  const bufs = [bytesOf(column.start, rows), ends, ...(lit.length ? [lit[0]!, lit[2]!] : [])];
  return { name, kind: 'spans', offset: push(bufs), length: bufs.reduce((n, b) => n + b.length, 0), literals: column.literals.length, literalBytes: lit[2]?.length ?? 0, ...(widths ? { ends: 'u16' as const } : {}), ...typed };
}

/** The file's bytes as a list of buffers (written with one gathered write, never concatenated). */
export function chunkParts(c: ChunkColumns): Buffer[] {
  const parts: Buffer[] = [];
  const sections: Section[] = [];
  let offset = 0;
  const push = (buffers: Buffer[]) => {
    const start = offset;
    for (const b of buffers) {
      parts.push(b);
      offset += b.length;
    }
    const pad = (8 - (offset % 8)) % 8;
    if (pad) {
      parts.push(Buffer.alloc(pad));
      offset += pad;
    }
    return start;
  };
  const rows = c.rows;
  sections.push({ name: 'record', kind: 'i32', offset: push([bytesOf(c.record, rows)]), length: rows * 4 });
  sections.push({ name: 'line', kind: 'i32', offset: push([bytesOf(c.line, rows)]), length: rows * 4 });
  if (c.text) {
    const delimiter = c.text.delimiter !== undefined ? { delimiter: c.text.delimiter } : {};
    const length = c.text.bytes.length;
    if (c.text.source !== undefined) sections.push({ name: 'text', kind: 'raw', encoding: c.text.encoding, ...delimiter, source: c.text.source, offset: push([]), length });
    else sections.push({ name: 'text', kind: 'raw', encoding: c.text.encoding, ...delimiter, offset: push([bytesOf(c.text.bytes, length)]), length });
  }
  for (const { header, column } of c.source) sections.push(textSection(`s:${header}`, column, rows, push));
  for (const [name, f] of Object.entries(c.fields)) {
    const key = `f:${name}`;
    if (f.kind === 'f64') sections.push({ name: key, kind: 'f64', fieldType: f.type, offset: push([bytesOf(f.values, rows)]), length: rows * 8 });
    else if (f.kind === 'alias') sections.push({ name: key, kind: 'alias', of: `s:${f.of}`, fieldType: f.type });
    else if (f.kind === 'dict') sections.push({ name: key, kind: 'dict', fieldType: f.type, dict: f.dict, offset: push([bytesOf(f.codes, rows)]), length: rows * 4 });
    else sections.push(textSection(key, f.column, rows, push, f.type));
  }
  if (c.rowHashes) {
    sections.push({ name: 'rowhash', kind: 'f64', offset: push([bytesOf(c.rowHashes.hash, rows)]), length: rows * 8 });
    sections.push({ name: 'rowrest', kind: 'i32', offset: push([bytesOf(c.rowHashes.rest, rows)]), length: rows * 4 });
  }
  const header = Buffer.from(JSON.stringify({ rows, headers: c.source.map((s) => s.header), sections } satisfies Header), 'utf8');
  const pre = Buffer.alloc(12);
  pre.writeUInt32LE(MAGIC, 0);
  pre.writeUInt32LE(c.text?.source !== undefined ? SOURCE_TEXT : SOURCE_TEXT - 1, 4);
  pre.writeUInt32LE(header.length, 8);
  const headPad = (8 - ((12 + header.length) % 8)) % 8;
  return [pre, header, Buffer.alloc(headPad), ...parts];
}

export function encodeChunk(c: ChunkColumns): Buffer {
  return Buffer.concat(chunkParts(c));
}

/** Write a chunk file with gathered writes (no whole-file copy in memory). */
export function writeChunkFile(path: string, c: ChunkColumns): void {
  const parts = chunkParts(c);
  const fd = openSync(path, 'w');
  try {
    for (let i = 0; i < parts.length; i += 512) {
      const batch = parts.slice(i, i + 512);
      let written = writevSync(fd, batch);
      // A short gathered write is legal: finish buffer by buffer.
      for (const b of batch) {
        if (written >= b.length) {
          written -= b.length;
          continue;
        }
        let off = written;
        written = 0;
        while (off < b.length) off += writeSync(fd, b, off);
      }
    }
  } finally {
    closeSync(fd);
  }
}

function lazy<T>(target: Record<string, T>, key: string, make: () => T): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = make();
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
  });
}

/** The JSON header's length, from a file's first 12 bytes (magic and version checked). */
export function headerLength(prefix: Buffer): number {
  if (prefix.length < 12 || prefix.readUInt32LE(0) !== MAGIC) throw new Error('not a tickmark chunk file');
  const version = prefix.readUInt32LE(4);
  if (version < 1 || version > VERSION) throw tickmarkError('TM_ERR_STORE_FORMAT', { what: 'a chunk file', version, reads: `1–${VERSION}` });
  return prefix.readUInt32LE(8);
}

/** Whether a chunk file's spans over UTF-8 text count bytes (else UTF-16 code units), from its first 12 bytes. */
export function utf8ByteSpans(prefix: Buffer): boolean {
  return prefix.readUInt32LE(4) >= UTF8_BYTE_SPANS;
}

/** Where section data starts: after the prefix and header, 8-byte aligned. */
export function dataStart(headerLen: number): number {
  return 12 + headerLen + ((8 - ((12 + headerLen) % 8)) % 8);
}

/** Bytes [start, start + length) of the population's source copy (store/source-copy.ts `readSourceRange`). */
export type SourceBytes = (start: number, length: number) => Buffer;

/**
 * Decode a chunk file's bytes: its vectors over the file's bytes (and over the source copy's, for
 * a text kept there: `source` reads them), and its columns as values made on first access.
 */
export function decodeChunk(buf: Buffer, sourceCopy?: SourceBytes): PopulationChunk {
  const headerLen = headerLength(buf);
  const header = JSON.parse(buf.toString('utf8', 12, 12 + headerLen)) as Header;
  const base = dataStart(headerLen);
  const rows = header.rows;
  const byName = new Map(header.sections.map((s) => [s.name, s]));
  const at = (s: { offset: number }) => base + s.offset;
  /** A typed array over the file's bytes: a view when aligned (sections are; the file buffer usually is), else a copy. */
  const view = <T extends Int32Array | Float64Array | Uint16Array>(Ctor: { new (b: ArrayBuffer, o?: number, n?: number): T; BYTES_PER_ELEMENT: number }, start: number, count: number): T => {
    const offset = buf.byteOffset + start;
    const memory = buf.buffer as ArrayBuffer;
    return offset % Ctor.BYTES_PER_ELEMENT === 0 ? new Ctor(memory, offset, count) : new Ctor(memory.slice(offset, offset + count * Ctor.BYTES_PER_ELEMENT));
  };
  const int32s = (start: number, count: number) => view(Int32Array, start, count);
  const raw = byName.get('text') as Extract<Section, { kind: 'raw' }> | undefined;
  const text = raw ? new ChunkText(textBytes(buf, raw, at(raw), sourceCopy), raw.encoding ?? 'utf8', utf8ByteSpans(buf)) : undefined;

  /** Literals are stored as offsets (count + 1) then UTF-8, without a null map; decoded once. */
  const literalsOf = (s: Extract<Section, { kind: 'spans' }>): (() => string[]) => {
    let out: string[] | undefined;
    return () => {
      if (out) return out;
      if (!s.literals) return (out = []);
      const start = at(s) + spanLayout(s, rows).literals;
      const offsets = int32s(start, s.literals + 1);
      const textStart = start + (s.literals + 1) * 4;
      return (out = sliceOffsets(buf.toString('utf8', textStart, textStart + s.literalBytes), offsets, s.literals));
    };
  };

  /**
   * Where the text and the literals of a spans section lie in the file, when both are Latin-1
   * code units there (UTF-8 literals are when ASCII: as many bytes as UTF-16 units).
   */
  const inFile = (s: Extract<Section, { kind: 'spans' }>): InFile | undefined => {
    if (raw?.encoding !== 'latin1' || raw.source !== undefined) return undefined;
    const start = at(s) + spanLayout(s, rows).literals;
    const literalOffsets = s.literals ? int32s(start, s.literals + 1) : new Int32Array(1);
    if (literalOffsets[s.literals] !== s.literalBytes) return undefined;
    return { file: buf, textAt: at(raw), literalsAt: start + (s.literals + 1) * 4, literalOffsets };
  };

  const textVector = (s: Section, type: 'string' | 'enum' = 'string'): TextVector => {
    if (s.kind === 'spans') {
      const start = int32s(at(s), rows);
      const ends = at(s) + spanLayout(s, rows).ends;
      const end = s.ends === 'u16' ? () => endsOf(start, view(Uint16Array, ends, rows), rows) : int32s(ends, rows);
      return new SpansText(text!, start, end, literalsOf(s), rows, type, inFile(s));
    }
    if (s.kind === 'utf8') {
      const nullStart = at(s) + (rows + 1) * 4;
      const utf8 = () => buf.toString('utf8', nullStart + rows, nullStart + rows + s.textBytes);
      return new Utf8Text(utf8, int32s(at(s), rows + 1), buf.subarray(nullStart, nullStart + rows), rows, type);
    }
    throw new Error(`section ${s.name} is not text`);
  };

  const sourceVectors = new Map<string, TextVector>();
  for (const h of header.headers) sourceVectors.set(h, textVector(byName.get(`s:${h}`)!));
  const fieldVectors = new Map<string, FieldVector>();
  for (const s of header.sections) {
    if (!s.name.startsWith('f:') || s.kind === 'raw') continue;
    const name = s.name.slice(2);
    const type = s.fieldType!;
    const textual = type === 'string' || type === 'enum' ? type : undefined;
    if (s.kind === 'f64') fieldVectors.set(name, new Float64Numbers(view(Float64Array, at(s), s.length / 8), rows, type as NumberVector['type']));
    else if (s.kind === 'dict') fieldVectors.set(name, new DictText(int32s(at(s), rows), s.dict, rows, textual ?? 'enum'));
    else if (s.kind === 'alias') {
      const of = sourceVectors.get(s.of.slice(2))!;
      fieldVectors.set(name, of instanceof SpansText ? of.as(textual ?? 'string') : textVector(byName.get(s.of)!, textual));
    } else fieldVectors.set(name, textVector(s, textual));
  }

  const source: Record<string, (string | null)[]> = {};
  for (const [h, v] of sourceVectors) lazy(source, h, () => v.values());
  const fields: Record<string, FieldColumn> = {};
  for (const [name, v] of fieldVectors) lazy(fields, name, () => ({ type: v.type, values: v.kind === 'text' ? v.values() : v.values }) as FieldColumn);
  const hash = byName.get('rowhash');
  const rest = byName.get('rowrest');
  const rowHashes = hash && rest ? { hash: view(Float64Array, at(hash as { offset: number }), rows), rest: int32s(at(rest as { offset: number }), rows) } : undefined;
  return {
    rows,
    record: int32s(at(byName.get('record') as { offset: number }), rows),
    line: int32s(at(byName.get('line') as { offset: number }), rows),
    source,
    fields,
    vectors: {
      source: (h) => sourceVectors.get(h),
      field: (name) => fieldVectors.get(name),
      rowHashes: () => rowHashes,
    },
  };
}

/** A chunk's text: in its file at `at`, or read from the source copy. */
function textBytes(buf: Buffer, raw: Extract<Section, { kind: 'raw' }>, at: number, source: SourceBytes | undefined): Buffer {
  if (raw.source === undefined) return buf.subarray(at, at + raw.length);
  if (!source) throw new Error('the chunk keeps its text in the source copy: read it with the population folder');
  const bytes = source(raw.source, raw.length);
  if (bytes.length !== raw.length) throw new Error(`the source copy ends before byte ${raw.source + raw.length}`);
  return bytes;
}

/** Consecutive slices of `text` at cumulative `offsets` (count + 1 of them). */
function sliceOffsets(text: string, offsets: Int32Array, count: number): string[] {
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = text.slice(offsets[i]!, offsets[i + 1]!);
  return out;
}
