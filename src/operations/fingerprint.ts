/**
 * The content fingerprint of a stored (file) population, recorded beside its SHA-256: computed
 * once by a pass over its chunks (population/content-fingerprint.ts — the identity a warehouse
 * copy of the same rows gets from SQL) and kept as a derived result of the population.
 *
 * @example
 * (await fingerprintFor(store, meta)).text // 'tickmark-rows-sha256-sum64/1 rows=500 sum=…'
 */
import type { ContentFingerprint } from '../population/content-fingerprint.js';
import { populationFingerprint } from '../store/fingerprint.js';
import type { PopulationMeta } from '../population/types.js';
import type { Store } from '../store/store.js';

const key = (meta: PopulationMeta) => `fingerprint:1:${meta.id}`;

export async function fingerprintFor(store: Store, meta: PopulationMeta): Promise<ContentFingerprint> {
  const kept = store.derived<ContentFingerprint>(key(meta));
  if (kept) return kept;
  const fingerprint = await populationFingerprint(store.populationDir(meta.id), meta);
  store.saveDerived(key(meta), meta.id, fingerprint);
  return fingerprint;
}

/** The meta with its fingerprint recorded beside the SHA-256 (the workbook's Population sheet shows the source). */
export async function withFingerprint(store: Store, meta: PopulationMeta): Promise<PopulationMeta> {
  if (meta.source.fingerprint) return meta;
  return { ...meta, source: { ...meta.source, fingerprint: (await fingerprintFor(store, meta)).text } };
}
