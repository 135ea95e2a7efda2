/**
 * Follow a job the service started (202 + `{ job }`) until it finishes, reporting its progress
 * (rows done of the total) on the way. A failed job rejects with its coded error.
 *
 * @example
 * const job = await followJob(start.job, (j) => (progress.value = j.progress))
 * navigate(job.result!.href)
 */
import { api, ApiError } from './client.js';
import type { JobView } from './types.js';

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/** The wait before the next look: short at first, then at most a second. */
const delayAfter = (looks: number) => Math.min(1000, 100 * 2 ** Math.min(looks, 4));

export async function followJob(job: JobView, onProgress: (job: JobView) => void = () => {}, signal?: AbortSignal): Promise<JobView> {
  let current = job;
  for (let looks = 0; !FINISHED.has(current.state); looks++) {
    onProgress(current);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, delayAfter(looks));
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new ApiError(0, 'ABORTED', 'Stopped following the job (it goes on in the service).'));
      }, { once: true });
    });
    current = (await api.get<{ job: JobView }>(`/v1/jobs/${current.id}`, signal ? { signal } : {})).job;
  }
  onProgress(current);
  if (current.state === 'failed' && current.error) throw new ApiError(0, current.error.code, current.error.message, current.error.hint, current.error.details);
  if (current.state === 'cancelled') throw new ApiError(0, 'TM_ERR_ABORTED', 'The job was cancelled.');
  return current;
}

/** POST a request that starts a job, follow it, and return the finished job. */
export async function runJob(path: string, body: unknown, onProgress?: (job: JobView) => void): Promise<JobView> {
  const { job } = await api.post<{ job: JobView }>(path, body);
  return followJob(job, onProgress);
}
