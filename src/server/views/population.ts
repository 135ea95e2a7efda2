/**
 * What the service shows of a stored population: everything but the internal chunk files.
 *
 * @example
 * populationView(meta, 'eng_1').source.sha256
 */
import type { PopulationMeta } from '../../population/types.js';

export function populationView(meta: PopulationMeta, engagementId: string | null) {
  const { chunks: _chunks, ...rest } = meta;
  return { ...rest, engagementId };
}

export function populationSummary(meta: PopulationMeta, engagementId: string | null) {
  return { id: meta.id, kind: meta.kind, engagementId, source: meta.source, rows: meta.rows, issues: meta.issues.total, createdAt: meta.createdAt };
}
