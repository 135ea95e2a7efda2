/**
 * Run every completeness check over a population in one pass (main thread): map each chunk,
 * merge in chunk order, finish. The worker-pool path uses the same plan (plan.ts).
 *
 * @example
 * const report = await runCompleteness({ meta, chunks, period: parsePeriod('2025-01-01..2025-12-31', 'America/New_York'), params: { expectCount: 1204 } })
 * report.status // 'warn'
 */
import type { PopulationChunk, PopulationMeta } from '../population/types.js';
import type { AuditPeriod } from '../period/period.js';
import type { CompletenessParams } from './params.js';
import { completenessPlan } from './plan.js';
import type { CompletenessReport } from './types.js';

export type ChunkSource = AsyncIterable<PopulationChunk> | Iterable<PopulationChunk>;

export interface CompletenessInput {
  meta: PopulationMeta;
  chunks: ChunkSource;
  period: AuditPeriod;
  params?: CompletenessParams;
  /** The second population of a tie-out. */
  other?: { meta: PopulationMeta; chunks: ChunkSource };
}

export async function runCompleteness(input: CompletenessInput): Promise<CompletenessReport> {
  const plan = completenessPlan({ meta: input.meta, period: input.period, params: input.params, other: input.other?.meta });
  let acc = plan.empty();
  for await (const chunk of input.chunks) acc = plan.merge(acc, plan.map(chunk));
  if (input.other) for await (const chunk of input.other.chunks) acc = plan.merge(acc, plan.mapOther(chunk));
  return plan.report(acc);
}
