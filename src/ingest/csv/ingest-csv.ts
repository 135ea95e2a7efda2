/**
 * Streamed CSV ingest: hash the exact bytes and keep a copy while reading, settle the encoding and
 * delimiter, find the header row (below any preamble: layout/header-row.ts), cut the rest into
 * record-aligned chunks and parse/type/cache them on the worker pool (in-thread for small
 * inputs), assembling results in order. Memory stays bounded: at most a few chunks are in flight.
 *
 * Two ways in. A byte stream (an HTTP body) is cut into chunks whose bytes travel to the workers.
 * A file is read here into one reused buffer — hashed, written to the store's copy, its cut points
 * found — and each worker reads its chunk's byte range of the copy (once written) into a buffer it
 * reuses: no chunk is copied or freshly allocated on this thread (a fresh page costs more than the
 * copy into it), and what is parsed is exactly what was hashed and kept. UTF-16 is transcoded to
 * UTF-8 here as it streams; UTF-8, Windows-1252 and ISO-8859-1 chunks go to the workers as they
 * are, with the encoding they are read in (judged from the first non-ASCII bytes when the file
 * has no byte order mark and none was named: encoding.ts).
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { SOURCE_COPY } from '../../store/source-copy.js';
import { tickmarkError } from '../../errors.js';
import type { NonDataRow, RenamedHeader } from '../../population/types.js';
import { getPool, runTask } from '../../pool/pool.js';
import { columnLetter } from '../../text/column-letter.js';
import { PopulationAssembler } from '../assemble.js';
import { distinctHeaders } from '../headers.js';
import { findHeaderRow } from '../layout/header-row.js';
import type { TypingPlan } from '../typing/plan.js';
import { assertText, detectDelimiter, detectEncoding, type Encoding } from './detect.js';
import { ENCODING_NAMES, firstUndecodable, judgeSingleByteText, singleByteText, type ChunkEncoding, type TextEncoding } from './encoding.js';
import { parseChunk, type ChunkBytes, type ParseChunkPayload, type ParseChunkResult } from './parse-chunk.js';
import { lastBoundary, ownsMemory, RangeCutter, RecordCutter } from './record-cutter.js';
import { forEachRecord, StrayQuoteError } from './split-records.js';
import { TextCursor } from './text-cursor.js';
import { Utf16ToUtf8, Utf16Undecodable } from './utf16.js';

export interface CsvReadOptions {
  delimiter?: string;
  /** Read the file in this encoding (default: its byte order mark, else judged from its text). */
  encoding?: TextEncoding;
  /** The 1-based line the header row starts on (default: found, see layout/header-row.ts). */
  headerRow?: number;
  /** 0 = parse in this thread; otherwise the pool size. */
  threads: number;
  chunkSize: number;
  signal?: AbortSignal;
  onProgress?: (p: { bytes: number; rows: number }) => void;
}

/** What is read: a byte stream, or a file on disk (its chunks read back by range from the store's copy). */
export type CsvInput = AsyncIterable<Buffer | Uint8Array | string> | { path: string };

export interface CsvHead {
  headers: string[];
  /** Header cells given another name (repeated or blank). */
  renamed: RenamedHeader[];
  delimiter: string;
  /** The line the header row starts on, and how it was chosen. */
  headerLine: number;
  headerFrom: 'first' | 'found' | 'given';
  /** The records above the header row. */
  preamble: NonDataRow[];
  /** The first data records the sniffed bytes hold (for the mapping's value checks). */
  sample: string[][];
}

export interface CsvIngestOutcome {
  sha256: string;
  bytes: number;
  head: CsvHead;
  /** The encoding the file was read in. */
  encoding: Encoding;
  assembler: PopulationAssembler;
}

const SNIFF_BYTES = 64 * 1024;
/** Data records of the sniff handed to the mapping's value checks. */
const SAMPLE_RECORDS = 1000;
/** How far the sniff may grow to find a header row (a given line far down, a preamble of very long lines). */
const MAX_SNIFF_BYTES = 8 * 1024 * 1024;
const READ_BYTES = 1024 * 1024;
/** A file's first chunk: cut from the first read, so a worker starts on it at once (later chunks double up to the chunk size). */
const FIRST_CHUNK_BYTES = 256 * 1024;

/**
 * Read `input` into `dir` (chunk files + `source` copy). `planFor` builds the typing plan once the
 * headers are known (it may throw, e.g. for a missing required field).
 */
export async function ingestCsvStream(input: CsvInput, dir: string, planFor: (head: CsvHead) => TypingPlan, opts: CsvReadOptions): Promise<CsvIngestOutcome> {
  const run = new ChunkRun(dir, planFor, opts);
  try {
    if ('path' in input && (await rangeReadable(input.path, opts.encoding))) await run.readFile(input.path);
    else await run.readStream('path' in input ? fileStream(input.path) : input);
  } catch (err) {
    await run.abandon();
    throw err;
  }
  return run.outcome();
}

/** A file whose chunks can be read by byte range: not UTF-16 (which is transcoded as it streams). */
async function rangeReadable(path: string, forced: TextEncoding | undefined): Promise<boolean> {
  if (forced === 'utf-16le' || forced === 'utf-16be') return false;
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(3);
    const { bytesRead } = await fh.read(head, 0, 3, 0);
    return !detectEncoding(head.subarray(0, bytesRead)).encoding.startsWith('utf-16');
  } finally {
    await fh.close();
  }
}

function fileStream(path: string): AsyncIterable<Buffer> {
  return createReadStream(path, { highWaterMark: READ_BYTES });
}

/** How the bytes are read, once the start of the file has said it. */
interface Reading {
  /** UTF-16 input: transcoded here. */
  utf16?: { encoding: 'utf-16le' | 'utf-16be'; decoder: Utf16ToUtf8 };
  /** Otherwise: how chunks are decoded; undefined while every byte so far is ASCII (UTF-8 or Windows-1252 alike). */
  chunks?: ChunkEncoding;
  /** A UTF-8 byte order mark. */
  bom: boolean;
  /** What said the encoding: a byte order mark, the caller, or the text itself. */
  basis: 'bom' | 'named' | 'judged';
}

/** Why a file was read in its encoding, for an error on a byte that encoding does not define. */
function readBecause(r: Reading, name: string): string {
  if (r.basis === 'bom') return `the file was read as ${name}: its byte order mark says so`;
  if (r.basis === 'named') return `the file was read as ${name}, as named`;
  return name === 'UTF-8' ? 'the file was read as UTF-8: its first non-ASCII text is UTF-8' : `the file was read as ${name}: its first non-ASCII text is not UTF-8`;
}

/** One ingest in progress: the header, the chunks in flight, the assembled outcome. */
class ChunkRun {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private head: CsvHead | undefined;
  private plan: TypingPlan | undefined;
  private assembler: PopulationAssembler | undefined;
  private reading: Reading | undefined;
  /** UTF-16 input: where the transcoded text is, to name the line and column of an undecodable unit. */
  private cursor: TextCursor | undefined;
  private readonly inflight: { index: number; promise: Promise<ParseChunkResult> }[] = [];
  private chunkIndex = 0;
  private recordOffset = 0;
  private lineOffset = 0;
  private rowsDone = 0;
  private endsWithLineBreak = true;
  private readonly maxInflight: number;

  constructor(private readonly dir: string, private readonly planFor: (head: CsvHead) => TypingPlan, private readonly opts: CsvReadOptions) {
    this.maxInflight = Math.max(2, opts.threads * 2);
    if (opts.threads > 0) getPool(opts.threads, 'parse-chunk'); // workers boot while the first chunk is read
  }

  private checkAborted(): void {
    if (this.opts.signal?.aborted) throw tickmarkError('TM_ERR_ABORTED', { reason: String(this.opts.signal.reason ?? 'aborted') });
  }

  /** A byte stream: chunk bytes are cut from it and sent along; the source copy is written as it arrives. */
  async readStream(input: AsyncIterable<Buffer | Uint8Array | string>): Promise<void> {
    const sourceFd = openSync(join(this.dir, 'source'), 'w');
    let sniff: Buffer[] = [];
    let sniffBytes = 0;
    let cutter: RecordCutter | undefined;
    /** The header, once the sniffed bytes hold it: then the cutter takes the data bytes. */
    const begin = async (ended: boolean): Promise<void> => {
      const started = this.start(Buffer.concat(sniff), ended);
      if (!started) return;
      cutter = new RecordCutter(this.opts.chunkSize);
      sniff = [];
      for (const c of cutter.push(started.rest)) await this.send(streamBytes(c), false);
    };
    try {
      for await (const piece of input) {
        this.checkAborted();
        const buf = typeof piece === 'string' ? Buffer.from(piece) : Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
        this.hash.update(buf);
        writeSync(sourceFd, buf);
        this.bytes += buf.length;
        if (!cutter) {
          sniff.push(buf);
          sniffBytes += buf.length;
          if (sniffBytes >= SNIFF_BYTES) await begin(false);
          continue;
        }
        for (const c of cutter.push(this.text(buf, false))) await this.send(streamBytes(c), false);
      }
      this.checkAborted();
      if (!cutter) {
        if (sniffBytes === 0) throw tickmarkError('TM_ERR_EMPTY_FILE');
        await begin(true);
      } else if (this.reading?.utf16) {
        for (const c of cutter.push(this.text(Buffer.alloc(0), true))) await this.send(streamBytes(c), false);
      }
      const last = cutter!.end();
      if (last) await this.send(streamBytes(last), true);
      await this.drain();
    } finally {
      closeSync(sourceFd);
    }
  }

  /**
   * A file: read once, here, into one reused buffer — each piece hashed, written to the store's
   * copy and cut by offsets; a chunk is sent once the copy holds all of it, and is read by range
   * from the copy where it is parsed. So parsing starts with the first chunk rather than after a
   * whole copy, and what is parsed is the copy, whose hash is the one taken here. A file that
   * changes while it is read (its size or modification time) is refused.
   */
  async readFile(file: string): Promise<void> {
    const path = join(this.dir, SOURCE_COPY);
    const input = await open(file, 'r');
    const copy = await open(path, 'w');
    try {
      const before = await input.stat({ bigint: true });
      const buf = Buffer.allocUnsafeSlow(READ_BYTES);
      let cutter: RangeCutter | undefined;
      let from = 0; // where the next chunk starts
      let sniff: Buffer[] = [];
      for (;;) {
        this.checkAborted();
        const { bytesRead } = await input.read(buf, 0, buf.length, this.bytes);
        const piece = buf.subarray(0, bytesRead);
        const at = this.bytes;
        this.hash.update(piece);
        if (bytesRead) await copy.write(piece, 0, bytesRead, at);
        this.bytes += bytesRead;
        const ended = bytesRead === 0;
        if (!cutter) {
          if (!ended) sniff.push(Buffer.from(piece)); // the buffer is reused: keep a copy until the header is read
          if (this.bytes < SNIFF_BYTES && !ended) continue;
          if (ended && this.bytes === 0) throw tickmarkError('TM_ERR_EMPTY_FILE');
          const all = Buffer.concat(sniff);
          const started = this.start(all, ended);
          if (!started) continue;
          sniff = [];
          from = started.dataStart;
          cutter = new RangeCutter(this.opts.chunkSize, from, FIRST_CHUNK_BYTES);
          for (const cut of cutter.push(all.subarray(from), from)) await this.send({ path, start: from, end: (from = cut) }, false);
        } else {
          if (!ended) this.judge(piece, false);
          for (const cut of cutter.push(piece, at)) await this.send({ path, start: from, end: (from = cut) }, false);
        }
        if (ended) break;
      }
      const after = await input.stat({ bigint: true });
      if (after.size !== BigInt(this.bytes) || after.mtimeNs !== before.mtimeNs) {
        throw tickmarkError('TM_ERR_SOURCE_CHANGED', { path: file, bytesRead: this.bytes, bytesNow: Number(after.size) });
      }
      if (from < this.bytes) await this.send({ path, start: from, end: this.bytes }, true);
      await this.drain();
    } finally {
      await copy.close();
      await input.close();
    }
  }

  /** Settle UTF-8 or Windows-1252 from the first non-ASCII bytes of a file without a BOM (see encoding.ts). */
  private judge(bytes: Uint8Array, complete: boolean): void {
    const r = this.reading;
    if (!r || r.utf16 || r.chunks) return;
    const judged = judgeSingleByteText(bytes, complete);
    if (judged) r.chunks = judged;
  }

  /** The data bytes of a stream piece as chunks take them (UTF-16: transcoded to UTF-8; else as they are, once judged). */
  private text(buf: Buffer, end: boolean): Buffer {
    const utf16 = this.reading?.utf16;
    if (!utf16) {
      this.judge(buf, end);
      return buf;
    }
    try {
      const utf8 = utf16.decoder.push(buf, end);
      this.cursor!.advance(utf8);
      return utf8;
    } catch (err) {
      if (err instanceof Utf16Undecodable) throw this.undecodable(this.cursor!.locate(err.before), `0x${err.unit}`);
      throw err;
    }
  }

  /** TM_ERR_ENCODING for the byte(s) at `at` (its line, and field of its record). */
  private undecodable(at: { line: number; field: number }, byte: string, headers?: string[]): Error {
    const name = (headers ?? this.head?.headers)?.[at.field];
    const r = this.reading!;
    const encoding = ENCODING_NAMES[r.utf16 ? r.utf16.encoding : (r.chunks ?? 'utf-8')];
    return tickmarkError('TM_ERR_ENCODING', {
      encoding, line: at.line, column: name !== undefined ? JSON.stringify(name) : `${at.field + 1} (${columnLetter(at.field + 1)})`, byte, why: readBecause(r, encoding),
    });
  }

  /** How the file is read, from its first bytes: a byte order mark, the encoding named, or its text. */
  private settleReading(buf: Buffer, ended: boolean): { reading: Reading; bomLength: number } {
    const bom = detectEncoding(buf);
    const forced = this.opts.encoding;
    const bomLength = bom.bomLength;
    if (forced && bomLength && !(forced === bom.encoding || (forced === 'utf-8' && bom.encoding === 'utf-8-bom'))) {
      throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--encoding', expected: `contradicts the file's ${ENCODING_NAMES[bom.encoding]} byte order mark`, got: forced });
    }
    const utf16 = bom.encoding === 'utf-16le' || bom.encoding === 'utf-16be' ? bom.encoding : forced === 'utf-16le' || forced === 'utf-16be' ? forced : undefined;
    if (utf16) {
      return { reading: { utf16: { encoding: utf16, decoder: new Utf16ToUtf8(utf16 === 'utf-16le') }, bom: false, basis: bomLength ? 'bom' : 'named' }, bomLength };
    }
    if (forced) return { reading: { chunks: forced as ChunkEncoding, bom: bomLength > 0, basis: 'named' }, bomLength };
    if (bomLength) return { reading: { chunks: 'utf-8', bom: true, basis: 'bom' }, bomLength };
    const judged = judgeSingleByteText(buf, ended);
    return { reading: { ...(judged ? { chunks: judged } : {}), bom: false, basis: 'judged' }, bomLength };
  }

  /**
   * Read the start of the file once it holds the header (or the input ended): encoding,
   * delimiter, header row (below any preamble), headers, typing plan. Null while more bytes are
   * needed; else where the data records start in `buf` (file path) and their bytes as chunks take
   * them (stream path).
   */
  private start(buf: Buffer, ended: boolean): { dataStart: number; rest: Buffer } | null {
    const { reading, bomLength } = this.settleReading(buf, ended);
    let text: Buffer;
    /** UTF-16: a code unit that is not text, at the end of `text` (its valid part). */
    let badUnit: string | undefined;
    if (reading.utf16) {
      try {
        text = reading.utf16.decoder.push(buf.subarray(bomLength), ended);
      } catch (err) {
        if (!(err instanceof Utf16Undecodable)) throw err;
        text = err.before;
        badUnit = `0x${err.unit}`;
      }
    } else {
      text = buf.subarray(bomLength);
      assertText(text);
    }
    // The complete records of the first SNIFF_BYTES (or of all that was read, for a header line given or
    // a first record longer than that), before any byte the encoding does not define: the header is among them.
    const window = this.opts.headerRow === undefined && text.length > SNIFF_BYTES ? text.subarray(0, SNIFF_BYTES) : text;
    let end = window === text && (ended || badUnit) ? text.length : lastBoundary(window);
    if (end <= 0) end = ended || badUnit ? text.length : lastBoundary(text);
    if (end <= 0 && !ended && !badUnit) return this.moreNeeded(buf);
    const encoding = reading.chunks ?? 'utf-8';
    const single = encoding !== 'utf-8' && !reading.utf16;
    this.reading = reading;
    const bad = badUnit ? text.length : reading.utf16 ? -1 : firstUndecodable(text.subarray(0, end), encoding);
    const region = text.subarray(0, bad >= 0 ? Math.max(0, lastBoundary(text.subarray(0, bad))) : end);
    const str = single ? undefined : region.toString('utf8');
    const sample = str ?? region.toString('latin1');
    const delimiter = this.opts.delimiter ?? detectDelimiter((bad >= 0 ? text.subarray(0, bad).toString('latin1') : sample).slice(0, SNIFF_BYTES));
    const decoded = single ? singleByteText(region, encoding) : str!;
    const records = headRecords(decoded, delimiter);
    const undecodable = (headers: string[]) => this.undecodable(new TextCursor(delimiter).locate(text.subarray(0, bad)), badUnit ?? `0x${text[bad]!.toString(16).toUpperCase().padStart(2, '0')}`, headers);
    if (!records.some((r) => r.cells.some((c) => c.trim() !== ''))) {
      if (bad >= 0) throw undecodable([]);
      if (!ended && buf.length < MAX_SNIFF_BYTES) return null;
      throw tickmarkError('TM_ERR_EMPTY_FILE');
    }
    const chosen = this.headerRecord(records);
    if (!chosen) {
      if (bad >= 0) throw undecodable([]);
      if (!ended && buf.length < MAX_SNIFF_BYTES) return null;
      throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--header-row', expected: 'must be a line on which a record starts, near the start of the file', got: this.opts.headerRow });
    }
    const { index, headerFrom } = chosen;
    const header = records[index]!;
    const { headers, renamed } = distinctHeaders(header.cells);
    if (bad >= 0) throw undecodable(headers); // a byte after the header row: named by its column
    const preamble = records.slice(0, index).map((r) => ({ line: r.line, reason: 'preamble' as const, raw: shown(decoded.slice(r.rawFrom, r.rawTo)) }));
    const firstRows = records.slice(index + 1, index + 1 + SAMPLE_RECORDS).map((r) => r.cells);
    this.head = { headers, renamed, delimiter, headerLine: header.line, headerFrom, preamble, sample: firstRows };
    this.plan = this.planFor(this.head);
    this.assembler = new PopulationAssembler(this.dir, this.plan);
    this.assembler.addNonData(preamble);
    const nl = decoded.indexOf('\n', header.rawTo);
    const headerEnd = nl === -1 ? decoded.length : nl + 1;
    this.lineOffset = header.line - 1 + countNewlines(decoded, header.rawFrom, headerEnd);
    const dataStart = single ? headerEnd : Buffer.byteLength(decoded.slice(0, headerEnd), 'utf8');
    if (reading.utf16) {
      this.cursor = new TextCursor(delimiter);
      this.cursor.advance(text);
    }
    return { dataStart: bomLength + (reading.utf16 ? 0 : dataStart), rest: text.subarray(dataStart) };
  }

  /** Which record is the header row: the line given, or found (layout/header-row.ts); null when the line given is not among them. */
  private headerRecord(records: HeadRecord[]): { index: number; headerFrom: CsvHead['headerFrom'] } | null {
    const given = this.opts.headerRow;
    if (given === undefined) {
      const index = findHeaderRow(records.map((r) => r.cells));
      return { index, headerFrom: index === 0 ? 'first' : 'found' };
    }
    const index = records.findIndex((r) => r.line === given);
    return index < 0 ? null : { index, headerFrom: index === 0 ? 'first' : 'given' };
  }

  /** Null (read more) while the sniff may still grow; past that, no record has ended: a quote that never closes. */
  private moreNeeded(buf: Buffer): null {
    if (buf.length >= MAX_SNIFF_BYTES) throw tickmarkError('TM_ERR_UNCLOSED_QUOTE', { line: 1 });
    return null;
  }

  /** Parse one chunk (on the pool, or here), keeping a bounded window in flight. */
  private async send(source: ChunkBytes, last: boolean): Promise<void> {
    if ('bytes' in source ? !source.bytes.length : source.end <= source.start) return;
    const index = this.chunkIndex++;
    const encoding = this.reading?.utf16 ? 'utf-8' : (this.reading?.chunks ?? 'utf-8');
    const payload: ParseChunkPayload = { ...source, encoding, delimiter: this.head!.delimiter, plan: this.plan!, outPath: join(this.dir, chunkFile(index)), last };
    const transferList = 'bytes' in source ? [source.bytes.buffer as ArrayBuffer] : undefined;
    const promise = this.opts.threads === 0
      ? Promise.resolve().then(() => parseChunk(payload))
      : runTask<ParseChunkResult>('parse-chunk', payload, { threads: this.opts.threads, ...(transferList ? { transferList } : {}), ...(this.opts.signal ? { signal: this.opts.signal } : {}) });
    promise.catch(() => undefined); // handled in settle
    this.inflight.push({ index, promise });
    while (this.inflight.length >= this.maxInflight) await this.settle();
  }

  private async drain(): Promise<void> {
    while (this.inflight.length) await this.settle();
  }

  private async settle(): Promise<void> {
    const next = this.inflight.shift()!;
    const r = await next.promise;
    if (r.failure) {
      const line = r.failure.line + this.lineOffset;
      if (r.failure.code === 'TM_ERR_UNCLOSED_QUOTE') throw tickmarkError('TM_ERR_UNCLOSED_QUOTE', { line });
      if (r.failure.code === 'TM_ERR_BAD_QUOTE') throw tickmarkError('TM_ERR_BAD_QUOTE', { line, column: r.failure.column, reason: r.failure.reason });
      throw this.undecodable({ line, field: r.failure.field ?? 0 }, r.failure.byte ?? '');
    }
    this.endsWithLineBreak = r.endsWithLineBreak;
    if (r.rows === 0 && r.records === 0 && r.nonData.count === 0) {
      this.lineOffset += r.newlines;
      return;
    }
    this.assembler!.add({ file: chunkFile(next.index), ...r }, { recordOffset: this.recordOffset, lineOffset: this.lineOffset });
    this.recordOffset += r.records;
    this.lineOffset += r.newlines;
    this.rowsDone += r.rows;
    this.opts.onProgress?.({ bytes: this.bytes, rows: this.rowsDone });
  }

  /** After a failure: let every chunk in flight end (nothing is kept). */
  async abandon(): Promise<void> {
    await Promise.allSettled(this.inflight.map((f) => f.promise));
  }

  outcome(): CsvIngestOutcome {
    this.assembler!.endOfFile(this.endsWithLineBreak);
    const r = this.reading!;
    const encoding: Encoding = r.utf16 ? r.utf16.encoding : r.bom ? 'utf-8-bom' : (r.chunks ?? 'utf-8');
    return { sha256: this.hash.digest('hex'), bytes: this.bytes, head: this.head!, encoding, assembler: this.assembler! };
  }
}

/** A record of the start of the file: its cells, line, and raw text bounds in the decoded text. */
interface HeadRecord {
  cells: string[];
  line: number;
  rawFrom: number;
  rawTo: number;
}

/**
 * The records of the start of the file, as the chunks would read them. A quote error stops the
 * list where it is (the chunk holding it names it, with its column), unless it is in the first record.
 */
function headRecords(text: string, delimiter: string): HeadRecord[] {
  const records: HeadRecord[] = [];
  try {
    forEachRecord(text, delimiter, (cells, line, _start, rawFrom, rawTo) => records.push({ cells, line, rawFrom, rawTo }));
  } catch (err) {
    if (records.length) return records;
    if (err instanceof StrayQuoteError) throw tickmarkError('TM_ERR_BAD_QUOTE', { line: err.line, column: `${err.field + 1} (${columnLetter(err.field + 1)})`, reason: err.reason });
    throw tickmarkError('TM_ERR_UNCLOSED_QUOTE', { line: 1 });
  }
  return records;
}

const shown = (raw: string) => (raw.length > 500 ? raw.slice(0, 500) + '…' : raw);

/** A chunk cut from a stream, as the worker takes it: the cutter's own memory as is (transferred), or a copy. */
function streamBytes(chunk: Buffer): ChunkBytes {
  if (ownsMemory(chunk)) return { bytes: new Uint8Array(chunk.buffer, 0, chunk.length) };
  const bytes = new Uint8Array(chunk.length);
  bytes.set(chunk);
  return { bytes };
}

export function chunkFile(index: number): string {
  return `chunk-${String(index).padStart(6, '0')}.tmck`;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
