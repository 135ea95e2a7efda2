/**
 * Backpressure: work that needs the worker pool is refused with TM_ERR_BUSY (503, Retry-After)
 * while the pool's queue is full or the job queue is full, instead of queueing without bound.
 *
 * @example
 * assertCapacity(jobs, () => poolPressure()) // throws TM_ERR_BUSY when saturated
 */
import { tickmarkError } from '../../errors.js';
import type { JobRegistry } from '../jobs/jobs.js';

export const RETRY_AFTER_BUSY_SECONDS = 5;

export type PoolPressure = () => { queued: number; capacity: number };

export function assertCapacity(jobs: JobRegistry | null, pressure: PoolPressure | null, engagementId: string | null = null): void {
  jobs?.assertCapacity(engagementId);
  if (pressure) {
    const p = pressure();
    if (p.queued >= p.capacity) throw tickmarkError('TM_ERR_BUSY', { limit: 'the worker pool queue', queued: p.queued, capacity: p.capacity });
  }
}
