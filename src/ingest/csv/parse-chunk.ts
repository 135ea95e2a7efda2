/**
 * Parse one record-aligned CSV chunk (its Latin-1 or UTF-8 bytes: byte-records.ts reads RFC 4180
 * from them; with a delimiter that is not one ASCII byte, split-records.ts over its string;
 * csv-parse decides irregular quoting either way), type it, and write it to the columnar cache. Runs on a worker (or in-thread for small files): the payload is serialisable and the
 * bulky columns never travel back — only counts, issues and profile partials do.
 * Record numbers and lines in the result are local to the chunk (1-based); the assembler rebases.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeChunkFile } from '../../store/chunk-codec.js';
import { SOURCE_COPY } from '../../store/source-copy.js';
import type { TypingPlan } from '../typing/plan.js';
import { ColumnArena } from '../typing/column-arena.js';
import { ChunkTyper, type TypedChunk } from '../typing/type-records.js';
import { firstUndecodable, firstC1Byte, windows1252ToUtf8, type ChunkEncoding } from './encoding.js';
import { utf8ToLatin1 } from './latin1-text.js';
import { forEachByteRecord } from './byte-records.js';
import { forEachRecord, StrayQuoteError } from './split-records.js';
import { TextCursor } from './text-cursor.js';
import { visitInBytes } from './utf8-offsets.js';

/** A chunk's bytes: sent along (a stream), or a byte range of a file to read where it is parsed. */
export type ChunkBytes = { bytes: Uint8Array } | { path: string; start: number; end: number };

export type ParseChunkPayload = ChunkBytes & {
  /** How the bytes are text: UTF-8 (the default), or one byte a character. */
  encoding?: ChunkEncoding;
  delimiter: string;
  plan: TypingPlan;
  /** Where to write the chunk's cache file. */
  outPath: string;
  /** True for the file's last chunk (an open quote there is an unclosed quote). */
  last: boolean;
};

export interface ParseChunkResult extends Omit<TypedChunk, 'columns'> {
  rows: number;
  /** Data records in the chunk (accepted + malformed). */
  records: number;
  /** Newline characters in the chunk: the next chunk starts that many lines later. */
  newlines: number;
  /** Whether the chunk's last byte is a line feed (for the file's last chunk: the file was not cut mid-line). */
  endsWithLineBreak: boolean;
  /**
   * A whole-chunk failure, as data (local line): the assembler rebases and throws it. An
   * undecodable byte comes with its field (0-based) in its record, and the byte as hex.
   */
  failure?: { code: 'TM_ERR_UNCLOSED_QUOTE' | 'TM_ERR_ENCODING' | 'TM_ERR_BAD_QUOTE'; line: number; column?: string; reason?: string; field?: number; byte?: string };
}

/**
 * This thread's reused buffers: a chunk read by range, its Latin-1 form, and a Windows-1252 chunk's
 * UTF-8 form. Nothing made from a chunk keeps a view of them past `parseChunk` (its file is
 * written before it returns).
 */
const scratch = { read: Buffer.alloc(0), latin1: new Uint8Array(0), utf8: new Uint8Array(0) };
/** …and its typed columns (the same lifetime). */
const arena = new ColumnArena();
/** The source columns of the file this thread last typed (its chunks share a folder) known to go past the exact distinct sketch. */
const pastExact = { dir: '', columns: new Set<number>() };

function grown<T extends Uint8Array>(have: T, size: number, make: (n: number) => T): T {
  return have.length >= size ? have : make(Math.max(size, Math.ceil(have.length * 1.25)));
}

/** The bytes of a chunk: as sent, or its file range read into this thread's reused buffer. */
function chunkBytes(p: ChunkBytes): Buffer {
  if ('bytes' in p) return Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength);
  const length = p.end - p.start;
  scratch.read = grown(scratch.read, length, (n) => Buffer.allocUnsafeSlow(n));
  const fd = openSync(p.path, 'r');
  try {
    for (let done = 0; done < length; ) {
      const n = readSync(fd, scratch.read, done, length - done, p.start + done);
      if (n === 0) throw new Error(`${p.path} ends before byte ${p.end}`);
      done += n;
    }
  } finally {
    closeSync(fd);
  }
  return scratch.read.subarray(0, length);
}

export function parseChunk(p: ParseChunkPayload): ParseChunkResult {
  const buf = chunkBytes(p);
  const encoding = p.encoding ?? 'utf-8';
  // Bytes read from the source copy beside the chunk file: UTF-8 text stays UTF-8, so a chunk of valid text is the copy's bytes as they are.
  const fromCopy = 'path' in p && p.path === join(dirname(p.outPath), SOURCE_COPY);
  const stored = storedText(buf, encoding, fromCopy);
  if (!stored) {
    const bad = firstUndecodable(buf, encoding);
    const at = new TextCursor(p.delimiter).locate(buf.subarray(0, bad));
    return { ...failed('TM_ERR_ENCODING', at.line), failure: { code: 'TM_ERR_ENCODING', line: at.line, field: at.field, byte: `0x${buf[bad]!.toString(16).toUpperCase().padStart(2, '0')}` } };
  }
  const textBuf = Buffer.from(stored.bytes.buffer, stored.bytes.byteOffset, stored.bytes.byteLength);
  let newlines = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) newlines++;
  // With a one-byte delimiter the chunk is typed from its bytes, quoted records included (no chunk string, no cell strings).
  const fromBytes = byteTyping(p.delimiter);
  const text = fromBytes ? undefined : textBuf.toString(stored.encoding);
  const dir = dirname(p.outPath);
  if (pastExact.dir !== dir) Object.assign(pastExact, { dir, columns: new Set<number>() });
  const typer = new ChunkTyper(p.plan, { capacity: newlines + 1, arena: arena.reset(), text: { bytes: stored.bytes, encoding: stored.encoding, delimiter: p.delimiter }, pastExact: pastExact.columns });
  const visit = (cells: string[], line: number, start: number, rawFrom: number, rawTo: number, cellStarts?: readonly number[]) => typer.add(cells, line, start, rawFrom, rawTo, cellStarts);
  try {
    if (text === undefined) forEachByteRecord(textBuf, stored.encoding, p.delimiter, (from, to, line) => typer.addLine(from, to, line), (cells, line, rawFrom, rawTo) => typer.addQuoted(cells, line, rawFrom, rawTo), visit);
    else forEachRecord(text, p.delimiter, visitInBytes(text, stored.encoding, 0, visit));
  } catch (err) {
    if ((err as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED') return failed('TM_ERR_UNCLOSED_QUOTE', openingLine(text ?? textBuf.toString(stored.encoding)));
    if (err instanceof StrayQuoteError) return { ...failed('TM_ERR_BAD_QUOTE', err.line), failure: { code: 'TM_ERR_BAD_QUOTE', line: err.line, column: p.plan.headers[err.field] ?? `#${err.field + 1}`, reason: err.reason } };
    throw err;
  }
  for (const c of typer.overflowed()) pastExact.columns.add(c);
  const { columns, ...rest } = typer.finish();
  // Text that is the copy's bytes as they are is kept as its range of the copy, not written again.
  if (fromCopy && columns.text && stored.bytes === buf) columns.text.source = (p as { start: number }).start;
  if (columns.rows) writeChunkFile(p.outPath, columns);
  return { ...rest, rows: columns.rows, records: columns.rows + rest.malformed.length, newlines, endsWithLineBreak: buf.length > 0 && buf[buf.length - 1] === 10 };
}

/**
 * Whether a chunk is typed from its bytes (`ChunkTyper.addLine`): a one-byte ASCII delimiter.
 * `TICKMARK_TYPING=text` types every chunk through strings: the reference path the property
 * tests hold the byte path to (test/ingest/latin1-typing.test.ts, test/ingest/utf8-typing.test.ts,
 * and for quoted records test/ingest/csv/quoted-byte-path.test.ts).
 */
function byteTyping(delimiter: string): boolean {
  return delimiter.length === 1 && delimiter.charCodeAt(0) < 128 && process.env.TICKMARK_TYPING !== 'text';
}

/**
 * The chunk text as it is cached: its Latin-1 bytes when every character fits (ASCII needs no
 * copy: the same bytes), so reading it back is a widening copy instead of UTF-8 decoding (~5×
 * faster) and gives a one-byte string; otherwise UTF-8 bytes. Single-byte text is its own Latin-1
 * bytes unless it holds a byte in 0x80–0x9F (Windows-1252's € “ ” – …: transcoded to UTF-8).
 * Null when a byte is not text in `encoding`. `keepUtf8`: UTF-8 text is kept as its own bytes
 * (ASCII read as Latin-1), so the chunk's text is the source's bytes.
 */
function storedText(bytes: Uint8Array, encoding: ChunkEncoding, keepUtf8: boolean): { bytes: Uint8Array; encoding: 'latin1' | 'utf8' } | null {
  if (encoding !== 'utf-8') {
    if (firstC1Byte(bytes) < 0) return { bytes, encoding: 'latin1' };
    if (encoding === 'iso-8859-1') return null;
    scratch.utf8 = grown(scratch.utf8, bytes.length * 3, (n) => new Uint8Array(n));
    const length = windows1252ToUtf8(bytes, scratch.utf8);
    return length < 0 ? null : { bytes: scratch.utf8.subarray(0, length), encoding: 'utf8' };
  }
  if (keepUtf8) return isAscii(bytes) ? { bytes, encoding: 'latin1' } : isUtf8(bytes) ? { bytes, encoding: 'utf8' } : null;
  scratch.latin1 = grown(scratch.latin1, bytes.length, (n) => new Uint8Array(n));
  const latin1 = utf8ToLatin1(bytes, scratch.latin1);
  if (latin1) return { bytes: latin1, encoding: 'latin1' };
  return isUtf8(bytes) ? { bytes, encoding: 'utf8' } : null;
}

/** The line of the last record start before an unclosed quote: scan quote parity line by line. */
function openingLine(text: string): number {
  let inQuote = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      if (!inQuote) recordLine = line;
      inQuote = !inQuote;
    } else if (c === 10) line++;
  }
  return recordLine;
}

function failed(code: NonNullable<ParseChunkResult['failure']>['code'], line: number): ParseChunkResult {
  return {
    rows: 0, records: 0, newlines: 0, endsWithLineBreak: false, malformed: [], tail: 0, nonData: { count: 0, byReason: {}, first: [] }, profile: {}, dayMonth: {}, untyped: {},
    issues: { first: [], byCode: {}, byColumn: {} },
    failure: { code, line },
  };
}
