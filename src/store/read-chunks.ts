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
  for (const ref of meta.chunks) yield rebase(decodeChunk(await readFile(join(populationDir, ref.file))), ref);
}
