/**
 * The content fingerprint of a stored population (population/content-fingerprint.ts): every
 * accepted row's source cells, read chunk by chunk.
 *
 * @example
 * (await populationFingerprint(store.populationDir(meta.id), meta)).text // 'tickmark-rows-sha256-sum64/1 rows=…'
 */
import { FingerprintAccumulator, type ContentFingerprint } from '../population/content-fingerprint.js';
import type { PopulationMeta } from '../population/types.js';
import { readChunks } from './read-chunks.js';

export async function populationFingerprint(dir: string, meta: PopulationMeta): Promise<ContentFingerprint> {
  const acc = new FingerprintAccumulator();
  for await (const chunk of readChunks(dir, meta)) acc.addChunk(chunk, meta.headers);
  return acc.finish();
}
