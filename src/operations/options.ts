/** Options every operation over a stored population accepts (CLI and HTTP alike). */
export interface OperationOptions {
  /** Worker threads; 0 = this thread; default: the cores (small populations in-thread). */
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (p: { rows: number; total: number }) => void;
  /** Who asked (audit log): 'cli' or a token id. */
  actor?: string;
  engagementId?: string | null;
  /** Read back a completeness report already computed for the same inputs (default true; operations/reuse.ts). */
  reuse?: boolean;
  /** A selection from projections of fewer rows than this starts no worker (scan-population.ts; tests set 0). */
  inThreadBelow?: number;
}

export function scanOptions(o: OperationOptions) {
  return {
    ...(o.workers !== undefined ? { workers: o.workers } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    ...(o.inThreadBelow !== undefined ? { inThreadBelow: o.inThreadBelow } : {}),
  };
}
