/**
 * Streamed CSV ingest: hash the exact bytes and keep a copy while reading, sniff encoding and
 * delimiter, read the header, cut the rest into record-aligned chunks and parse/type/cache them
 * on the worker pool (in-thread for small inputs), assembling results in order.
 * Memory stays bounded: at most a few chunks are in flight at once.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { tickmarkError } from '../../errors.js';
import { getPool, runTask } from '../../pool/pool.js';
import { PopulationAssembler } from '../assemble.js';
import { checkHeaders } from '../headers.js';
import type { TypingPlan } from '../typing/plan.js';
import { assertText, detectDelimiter, detectEncoding, type Encoding } from './detect.js';
import { parseChunk, type ParseChunkPayload, type ParseChunkResult } from './parse-chunk.js';
import { firstBoundary, ownsMemory, RecordCutter } from './record-cutter.js';

export interface CsvReadOptions {
  delimiter?: string;
  /** 0 = parse in this thread; otherwise the pool size. */
  threads: number;
  chunkSize: number;
  signal?: AbortSignal;
  onProgress?: (p: { bytes: number; rows: number }) => void;
  /** When the input is a file, copy it at the end (a kernel copy) instead of writing while reading. */
  sourceFile?: string;
}

export interface CsvHead {
  headers: string[];
  delimiter: string;
  encoding: Encoding;
}

export interface CsvIngestOutcome {
  sha256: string;
  bytes: number;
  head: CsvHead;
  assembler: PopulationAssembler;
}

const SNIFF_BYTES = 64 * 1024;

/**
 * Read `input` into `dir` (chunk files + `source` copy). `planFor` builds the typing plan once the
 * headers are known (it may throw, e.g. for a missing required field).
 */
export async function ingestCsvStream(
  input: AsyncIterable<Buffer | Uint8Array | string>,
  dir: string,
  planFor: (head: CsvHead) => TypingPlan,
  opts: CsvReadOptions,
): Promise<CsvIngestOutcome> {
  const hash = createHash('sha256');
  const sourceFd = opts.sourceFile ? -1 : openSync(join(dir, 'source'), 'w');
  let bytes = 0;
  let head: CsvHead | undefined;
  let plan: TypingPlan | undefined;
  let assembler: PopulationAssembler | undefined;
  let sniff: Buffer[] = [];
  let sniffBytes = 0;
  let transcode: ((b: Buffer) => Buffer) | undefined;
  let cutter: RecordCutter | undefined;
  const inflight: { index: number; last: boolean; promise: Promise<ParseChunkResult> }[] = [];
  let chunkIndex = 0;
  let recordOffset = 0;
  let lineOffset = 0;
  let rowsDone = 0;
  const maxInflight = Math.max(2, opts.threads * 2);
  if (opts.threads > 0) getPool(opts.threads); // workers boot while the first chunk is read
  // A file's copy is made by the kernel while the chunks are parsed, not after them.
  const copying = opts.sourceFile ? copyFile(opts.sourceFile, join(dir, 'source')) : undefined;
  copying?.catch(() => undefined); // awaited below

  const settle = async () => {
    const next = inflight.shift()!;
    const r = await next.promise;
    if (r.failure) {
      const line = r.failure.line + lineOffset;
      if (r.failure.code === 'TM_ERR_UNCLOSED_QUOTE') throw tickmarkError('TM_ERR_UNCLOSED_QUOTE', { line });
      if (r.failure.code === 'TM_ERR_BAD_QUOTE') throw tickmarkError('TM_ERR_BAD_QUOTE', { line, column: r.failure.column, reason: r.failure.reason });
      throw tickmarkError('TM_ERR_ENCODING', { encoding: 'UTF-8', offset: `line ${line}` });
    }
    if (r.rows === 0 && r.records === 0 && r.blankLines === 0) {
      lineOffset += r.newlines;
      return;
    }
    assembler!.add({ file: chunkFile(next.index), ...r }, { recordOffset, lineOffset });
    recordOffset += r.records;
    lineOffset += r.newlines;
    rowsDone += r.rows;
    opts.onProgress?.({ bytes, rows: rowsDone });
  };

  const dispatch = async (chunk: Buffer, last: boolean) => {
    if (!chunk.length) return;
    const index = chunkIndex++;
    // The worker takes the chunk's memory (transferred): the cutter's own buffer as is, or a copy.
    let bytes: Uint8Array;
    if (ownsMemory(chunk)) bytes = new Uint8Array(chunk.buffer, 0, chunk.length);
    else {
      bytes = new Uint8Array(chunk.length);
      bytes.set(chunk);
    }
    const payload: ParseChunkPayload = { bytes, delimiter: head!.delimiter, plan: plan!, outPath: join(dir, chunkFile(index)), last };
    const promise = opts.threads === 0
      ? Promise.resolve().then(() => parseChunk(payload))
      : runTask<ParseChunkResult>('parse-chunk', payload, { threads: opts.threads, transferList: [bytes.buffer as ArrayBuffer], ...(opts.signal ? { signal: opts.signal } : {}) });
    promise.catch(() => undefined); // handled in settle
    inflight.push({ index, last, promise });
    while (inflight.length >= maxInflight) await settle();
  };

  /** Start once the sniff buffer holds the header record (or the input ended). */
  const start = (buf: Buffer, ended: boolean): Buffer | null => {
    const { encoding, bomLength } = detectEncoding(buf);
    let text = buf.subarray(bomLength);
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
    const delimiter = opts.delimiter ?? detectDelimiter(sample);
    let raw: string[][];
    try {
      raw = parse(headerBytes.toString('utf8'), { delimiter, bom: false, relax_column_count: true }) as string[][];
    } catch {
      throw tickmarkError('TM_ERR_UNCLOSED_QUOTE', { line: 1 });
    }
    if (!raw[0] || raw[0].every((h) => h.trim() === '') && raw[0].length <= 1) throw tickmarkError('TM_ERR_EMPTY_FILE');
    head = { headers: checkHeaders(raw[0]), delimiter, encoding };
    plan = planFor(head);
    assembler = new PopulationAssembler(dir, plan);
    lineOffset = countNewlines(headerBytes);
    cutter = new RecordCutter(opts.chunkSize);
    return boundary === -1 ? Buffer.alloc(0) : text.subarray(boundary);
  };

  try {
    for await (const piece of input) {
      if (opts.signal?.aborted) throw tickmarkError('TM_ERR_ABORTED', { reason: String(opts.signal.reason ?? 'aborted') });
      const buf = typeof piece === 'string' ? Buffer.from(piece) : Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      hash.update(buf);
      if (sourceFd >= 0) writeSync(sourceFd, buf);
      bytes += buf.length;
      if (!cutter) {
        sniff.push(buf);
        sniffBytes += buf.length;
        const rest = sniffBytes >= SNIFF_BYTES ? start(Buffer.concat(sniff), false) : null;
        if (rest) {
          sniff = [];
          for (const c of cutter!.push(rest)) await dispatch(c, false);
        }
        continue;
      }
      for (const c of cutter.push(transcode ? transcode(buf) : buf)) await dispatch(c, false);
    }
    if (opts.signal?.aborted) throw tickmarkError('TM_ERR_ABORTED', { reason: String(opts.signal.reason ?? 'aborted') });
    if (!cutter) {
      if (sniffBytes === 0) throw tickmarkError('TM_ERR_EMPTY_FILE');
      const rest = start(Buffer.concat(sniff), true)!;
      for (const c of cutter!.push(rest)) await dispatch(c, false);
    }
    const last = cutter!.end();
    if (last) await dispatch(last, true);
    while (inflight.length) await settle();
  } catch (err) {
    await Promise.allSettled([...inflight.map((f) => f.promise), copying]);
    throw err;
  } finally {
    if (sourceFd >= 0) closeSync(sourceFd);
  }
  await copying;
  return { sha256: hash.digest('hex'), bytes, head: head!, assembler: assembler! };
}

export function chunkFile(index: number): string {
  return `chunk-${String(index).padStart(6, '0')}.tmck`;
}

function countNewlines(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) n++;
  return n;
}
