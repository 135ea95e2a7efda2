/**
 * Read a stored population back in chunks (never all at once): each chunk file decodes lazily
 * (a text kept in the source copy read from there) and its local record/line numbers are rebased
 * to the source file's.
 *
 * @example
 * for await (const chunk of readChunks(store, meta)) total += chunk.rows
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChunkRef, PopulationChunk, PopulationMeta } from '../population/types.js';
import { decodeChunk, type SourceBytes } from './chunk-codec.js';
import { readSourceRange } from './source-copy.js';

/** The source-copy reader of a population folder, for `decodeChunk`. */
export function sourceBytes(dir: string): SourceBytes {
  return (start, length) => readSourceRange(dir, start, length);
}

export function rebase(chunk: PopulationChunk, ref: Pick<ChunkRef, 'recordOffset' | 'lineOffset'>): PopulationChunk {
  if (ref.recordOffset) for (let i = 0; i < chunk.rows; i++) chunk.record[i]! += ref.recordOffset;
  if (ref.lineOffset) for (let i = 0; i < chunk.rows; i++) chunk.line[i]! += ref.lineOffset;
  return chunk;
}

/** Load one chunk file synchronously (workers use this). */
export function loadChunk(dir: string, ref: ChunkRef): PopulationChunk {
  return rebase(decodeChunk(readFileSync(join(dir, ref.file)), sourceBytes(dir)), ref);
}

let scratch: Buffer | undefined;
/** …and the chunk's text, when kept in the source copy (the same lifetime). */
let textScratch = Buffer.alloc(0);

/**
 * Load one chunk file into a buffer this thread reuses for every chunk: a fresh 10 MB buffer per
 * chunk cost more in page faults (~30 µs a page on these VMs) than reading it. The chunk's typed
 * arrays are views of that buffer, so it is only valid until the next call: for a worker task
 * whose result is copied (posted) before the next one starts — never for anything kept. A text kept
 * in the source copy is read into a second reused buffer, with the same lifetime.
 */
export function loadChunkTransient(dir: string, ref: ChunkRef): PopulationChunk {
  const fd = openSync(join(dir, ref.file), 'r');
  try {
    const size = fstatSync(fd).size;
    if (!scratch || scratch.length < size) scratch = Buffer.allocUnsafeSlow(Math.max(size, (scratch?.length ?? 0) * 1.5) | 0);
    let done = 0;
    while (done < size) {
      const n = readSync(fd, scratch, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    const text = (length: number) => (textScratch.length >= length ? textScratch : (textScratch = Buffer.allocUnsafeSlow(Math.max(length, textScratch.length * 1.5) | 0)));
    return rebase(decodeChunk(scratch.subarray(0, done), (start, length) => readSourceRange(dir, start, length, text(length))), ref);
  } finally {
    closeSync(fd);
  }
}

export async function* readChunks(populationDir: string, meta: Pick<PopulationMeta, 'chunks'>): AsyncGenerator<PopulationChunk> {
  for (const ref of meta.chunks) yield readChunk(populationDir, ref);
}

/** Read one chunk (rebased). */
export async function readChunk(populationDir: string, ref: ChunkRef): Promise<PopulationChunk> {
  return rebase(decodeChunk(await readFile(join(populationDir, ref.file)), sourceBytes(populationDir)), ref);
}

/**
 * Indexes of the chunks that may hold any of the given source records: chunk i holds records
 * after its `recordOffset` and up to the next chunk's (malformed records included). Chunks
 * numbered globally (XLSX: every offset 0) give no ranges: then every chunk is named.
 */
export function chunksHolding(chunks: readonly Pick<ChunkRef, 'recordOffset'>[], records: Iterable<number>): number[] {
  const all = chunks.map((_, i) => i);
  for (let i = 1; i < chunks.length; i++) if (chunks[i]!.recordOffset <= chunks[i - 1]!.recordOffset) return all;
  const hit = new Set<number>();
  for (const r of records) {
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid]!.recordOffset < r) lo = mid;
      else hi = mid - 1;
    }
    if (chunks.length && chunks[lo]!.recordOffset < r) hit.add(lo);
  }
  return [...hit].sort((a, b) => a - b);
}
