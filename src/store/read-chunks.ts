/**
 * Read a stored population back in chunks (never all at once): each chunk file decodes lazily
 * and its local record/line numbers are rebased to the source file's.
 *
 * @example
 * for await (const chunk of readChunks(store, meta)) total += chunk.rows
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChunkRef, PopulationChunk, PopulationMeta } from '../population/types.js';
import { decodeChunk } from './chunk-codec.js';

export function rebase(chunk: PopulationChunk, ref: Pick<ChunkRef, 'recordOffset' | 'lineOffset'>): PopulationChunk {
  if (ref.recordOffset) for (let i = 0; i < chunk.rows; i++) chunk.record[i]! += ref.recordOffset;
  if (ref.lineOffset) for (let i = 0; i < chunk.rows; i++) chunk.line[i]! += ref.lineOffset;
  return chunk;
}

/** Load one chunk file synchronously (workers use this). */
export function loadChunk(dir: string, ref: ChunkRef): PopulationChunk {
  return rebase(decodeChunk(readFileSync(join(dir, ref.file))), ref);
}

export async function* readChunks(populationDir: string, meta: Pick<PopulationMeta, 'chunks'>): AsyncGenerator<PopulationChunk> {
  for (const ref of meta.chunks) yield readChunk(populationDir, ref);
}

/** Read one chunk (rebased). */
export async function readChunk(populationDir: string, ref: ChunkRef): Promise<PopulationChunk> {
  return rebase(decodeChunk(await readFile(join(populationDir, ref.file))), ref);
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
