/**
 * A seeded change population for the sampling tests: CHG ids, a few emergency changes, two
 * environments, deployments spread unevenly over 2025 (busier in Q4), a few rows without a
 * deployment date, one just outside the period, and one exact duplicate row (a tie on PRN).
 */
import seedrandom from 'seedrandom';
import type { SelectionSpec } from '../../../src/sampling/index.js';
import { chunkOf, headersOf, type Row } from './chunk-of.js';

export function changeRows(count: number, seed = 'population'): Row[] {
  const rng = seedrandom(seed);
  const start = Date.UTC(2025, 0, 1);
  const year = Date.UTC(2026, 0, 1) - start;
  const rows: Row[] = [];
  for (let i = 1; i <= count; i++) {
    const u = rng();
    const at = start + Math.floor(Math.sqrt(u) * year); // density rising through the year
    rows.push({
      change_id: `CHG${String(i).padStart(7, '0')}`,
      type: rng() < 0.08 ? 'Emergency' : rng() < 0.5 ? 'normal' : 'standard',
      environment: rng() < 0.8 ? 'production' : 'staging',
      requester: `user${Math.floor(rng() * 20)}`,
      deployed_at: i % 97 === 0 ? null : new Date(at).toISOString(),
    });
  }
  rows.push({ ...rows[4]! }); // exact duplicate row: same key, same PRN
  rows.push({ change_id: 'CHG9999999', type: 'normal', environment: 'production', requester: 'user1', deployed_at: '2026-01-03T10:00:00.000Z' });
  return rows;
}

export const CHANGE_HEADERS = ['change_id', 'type', 'environment', 'requester', 'deployed_at'];

export function changeChunk(rows: Row[]) {
  return chunkOf(rows, 'change', headersOf(rows));
}

export function baseSpec(overrides: Partial<SelectionSpec> = {}): SelectionSpec {
  return { method: 'random', seed: '20251231', n: 30, key: ['change_id'], headers: CHANGE_HEADERS, eventTime: 'deployed_at', ...overrides };
}
