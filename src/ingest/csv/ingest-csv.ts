/**
 * Streamed CSV ingest: hash the exact bytes and keep a copy while reading, sniff encoding and
 * delimiter, read the header, cut the rest into record-aligned chunks and parse/type/cache them
 * on the worker pool (in-thread for small inputs), assembling results in order.
 * Memory stays bounded: at most a few chunks are in flight at once.
 *
 * Two ways in. A byte stream (an HTTP body) is cut into chunks whose bytes travel to the workers.
 * A file (UTF-8) is copied into the store first; the copy is read here into one reused buffer —
 * hashed, its cut points found — and each worker reads its chunk's byte range of the copy into a
 * buffer it reuses: no chunk is copied or freshly allocated on this thread (on these VMs a fresh
 * page costs more than the copy into it), and what is parsed is exactly what was hashed and kept.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { copyFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { tickmarkError } from '../../errors.js';
import { getPool, runTask } from '../../pool/pool.js';
import { PopulationAssembler } from '../assemble.js';
import { checkHeaders } from '../headers.js';
import type { TypingPlan } from '../typing/plan.js';
import { assertText, detectDelimiter, detectEncoding, type Encoding } from './detect.js';
import { sampleRecords } from './sample-records.js';
import { parseChunk, type ChunkBytes, type ParseChunkPayload, type ParseChunkResult } from './parse-chunk.js';
import { firstBoundary, ownsMemory, RangeCutter, RecordCutter } from './record-cutter.js';

export interface CsvReadOptions {
  delimiter?: string;
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
  delimiter: string;
  encoding: Encoding;
  /** The first data records the sniffed bytes hold (for the mapping's value checks). */
  sample: string[][];
}

export interface CsvIngestOutcome {
  sha256: string;
  bytes: number;
  head: CsvHead;
  assembler: PopulationAssembler;
}

const SNIFF_BYTES = 64 * 1024;
const READ_BYTES = 1024 * 1024;

/**
 * Read `input` into `dir` (chunk files + `source` copy). `planFor` builds the typing plan once the
 * headers are known (it may throw, e.g. for a missing required field).
 */
export async function ingestCsvStream(input: CsvInput, dir: string, planFor: (head: CsvHead) => TypingPlan, opts: CsvReadOptions): Promise<CsvIngestOutcome> {
  const run = new ChunkRun(dir, planFor, opts);
  try {
    if ('path' in input && (await rangeReadable(input.path))) await run.readFile(input.path);
    else await run.readStream('path' in input ? fileStream(input.path) : input);
  } catch (err) {
    await run.abandon();
    throw err;
  }
  return run.outcome();
}

/** A file whose chunks can be read by byte range: not UTF-16 (which is transcoded as it streams). */
async function rangeReadable(path: string): Promise<boolean> {
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

/** One ingest in progress: the header, the chunks in flight, the assembled outcome. */
class ChunkRun {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private head: CsvHead | undefined;
  private plan: TypingPlan | undefined;
  private assembler: PopulationAssembler | undefined;
  private readonly inflight: { index: number; promise: Promise<ParseChunkResult> }[] = [];
  private chunkIndex = 0;
  private recordOffset = 0;
  private lineOffset = 0;
  private rowsDone = 0;
  private readonly maxInflight: number;

  constructor(private readonly dir: string, private readonly planFor: (head: CsvHead) => TypingPlan, private readonly opts: CsvReadOptions) {
    this.maxInflight = Math.max(2, opts.threads * 2);
    if (opts.threads > 0) getPool(opts.threads); // workers boot while the first chunk is read
  }

  private checkAborted(): void {
    if (this.opts.signal?.aborted) throw tickmarkError('TM_ERR_ABORTED', { reason: String(this.opts.signal.reason ?? 'aborted') });
  }

  /** A byte stream: chunk bytes are cut from it and sent along; the source copy is written as it arrives. */
  async readStream(input: AsyncIterable<Buffer | Uint8Array | string>): Promise<void> {
    const sourceFd = openSync(join(this.dir, 'source'), 'w');
    let sniff: Buffer[] = [];
    let sniffBytes = 0;
    let transcode: ((b: Buffer) => Buffer) | undefined;
    let cutter: RecordCutter | undefined;
    /** The header, once the sniffed bytes hold it: then the cutter takes the data bytes. */
    const begin = async (ended: boolean): Promise<void> => {
      const started = this.start(Buffer.concat(sniff), ended);
      if (!started) return;
      transcode = started.transcode;
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
        for (const c of cutter.push(transcode ? transcode(buf) : buf)) await this.send(streamBytes(c), false);
      }
      this.checkAborted();
      if (!cutter) {
        if (sniffBytes === 0) throw tickmarkError('TM_ERR_EMPTY_FILE');
        await begin(true);
      }
      const last = cutter!.end();
      if (last) await this.send(streamBytes(last), true);
      await this.drain();
    } finally {
      closeSync(sourceFd);
    }
  }

  /**
   * A file: copied into the store, then the copy is read into one reused buffer, hashed and cut by
   * offsets; each chunk is read by range from the copy where it is parsed.
   */
  async readFile(file: string): Promise<void> {
    const path = join(this.dir, 'source');
    await copyFile(file, path); // by the kernel (measured: 0.3 s less CPU than writing what is read), while the workers start
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.allocUnsafeSlow(READ_BYTES);
      let cutter: RangeCutter | undefined;
      let from = 0; // where the next chunk starts
      let sniff: Buffer[] = [];
      for (;;) {
        this.checkAborted();
        const { bytesRead } = await fh.read(buf, 0, buf.length, this.bytes);
        const piece = buf.subarray(0, bytesRead);
        const at = this.bytes;
        this.hash.update(piece);
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
          cutter = new RangeCutter(this.opts.chunkSize, from);
          for (const cut of cutter.push(all.subarray(from), from)) await this.send({ path, start: from, end: (from = cut) }, false);
        } else {
          for (const cut of cutter.push(piece, at)) await this.send({ path, start: from, end: (from = cut) }, false);
        }
        if (ended) break;
      }
      if (from < this.bytes) await this.send({ path, start: from, end: this.bytes }, true);
      await this.drain();
    } finally {
      await fh.close();
    }
  }

  /**
   * Read the header once the first bytes hold it (or the input ended): encoding, delimiter,
   * headers, typing plan. Null while the header record is not complete yet; else where the data
   * records start in `buf` and their bytes (UTF-16 input: transcoded to UTF-8 by `transcode`,
   * which goes on decoding the stream).
   */
  private start(buf: Buffer, ended: boolean): { dataStart: number; rest: Buffer; transcode?: (b: Buffer) => Buffer } | null {
    const { encoding, bomLength } = detectEncoding(buf);
    let text = buf.subarray(bomLength);
    let transcode: ((b: Buffer) => Buffer) | undefined;
    if (encoding.startsWith('utf-16')) {
      const decoder = new TextDecoder(encoding === 'utf-16le' ? 'utf-16le' : 'utf-16be');
      transcode = (b) => Buffer.from(decoder.decode(b, { stream: true }), 'utf8');
      text = transcode(text);
    } else {
      assertText(text);
    }
    const boundary = firstBoundary(text);
    if (boundary === -1 && !ended) return null;
    if (text.length === 0 || (boundary === -1 && text.toString('utf8').trim() === '')) throw tickmarkError('TM_ERR_EMPTY_FILE');
    const headerBytes = boundary === -1 ? text : text.subarray(0, boundary);
    const sample = text.subarray(0, Math.max(boundary, SNIFF_BYTES)).toString('utf8');
    const delimiter = this.opts.delimiter ?? detectDelimiter(sample);
    let raw: string[][];
    try {
      raw = parse(headerBytes.toString('utf8'), { delimiter, bom: false, relax_column_count: true }) as string[][];
    } catch {
      throw tickmarkError('TM_ERR_UNCLOSED_QUOTE', { line: 1 });
    }
    if (!raw[0] || raw[0].every((h) => h.trim() === '') && raw[0].length <= 1) throw tickmarkError('TM_ERR_EMPTY_FILE');
    const dataText = boundary === -1 ? '' : text.subarray(boundary).toString('utf8');
    this.head = { headers: checkHeaders(raw[0]), delimiter, encoding, sample: sampleRecords(dataText, delimiter, ended) };
    this.plan = this.planFor(this.head);
    this.assembler = new PopulationAssembler(this.dir, this.plan);
    this.lineOffset = countNewlines(headerBytes);
    const dataStart = boundary === -1 ? text.length : boundary;
    return { dataStart: bomLength + dataStart, rest: text.subarray(dataStart), ...(transcode ? { transcode } : {}) };
  }

  /** Parse one chunk (on the pool, or here), keeping a bounded window in flight. */
  private async send(source: ChunkBytes, last: boolean): Promise<void> {
    if ('bytes' in source ? !source.bytes.length : source.end <= source.start) return;
    const index = this.chunkIndex++;
    const payload: ParseChunkPayload = { ...source, delimiter: this.head!.delimiter, plan: this.plan!, outPath: join(this.dir, chunkFile(index)), last };
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
      throw tickmarkError('TM_ERR_ENCODING', { encoding: 'UTF-8', offset: `line ${line}` });
    }
    if (r.rows === 0 && r.records === 0 && r.blankLines === 0) {
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
    return { sha256: this.hash.digest('hex'), bytes: this.bytes, head: this.head!, assembler: this.assembler! };
  }
}

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

function countNewlines(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) n++;
  return n;
}
