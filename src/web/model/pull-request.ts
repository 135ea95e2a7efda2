/**
 * What a new pull asks for, from the form: a suggested seed, and the plan object the service is
 * asked to size (live, `POST /v1/plans`) and the pull sends — the same object both times.
 *
 * @example
 * planOf({ basis: 'statistical', confidence: '0.95', tolerable: '0.05', expectedCount: '1', … }) // { basis: 'statistical', …, expectedCount: 1 }
 */
/** A seed to start from: nine random digits (any text the team prefers is as good). */
export function suggestSeed(): string {
  const n = crypto.getRandomValues(new Uint32Array(1))[0]! % 900_000_000;
  return String(100_000_000 + n);
}

export type Basis = 'fixed' | 'frequency' | 'statistical';
export type Method = 'random' | 'stratified' | 'systematic' | 'key_items';

export interface PlanParams {
  basis: Basis;
  size: string;
  frequency: string;
  risk: string;
  confidence: string;
  tolerable: string;
  expectedCount: string;
  distribution: string;
}

/** The plan the service is asked for (the same object the pull sends). */
export function planOf(p: PlanParams): Record<string, unknown> {
  if (p.basis === 'frequency') return { basis: 'frequency', frequency: p.frequency, risk: p.risk };
  if (p.basis === 'statistical') {
    return { basis: 'statistical', confidence: p.confidence, tolerable: p.tolerable, ...(p.expectedCount.trim() ? { expectedCount: Number(p.expectedCount) } : {}), distribution: p.distribution };
  }
  return { basis: 'fixed', n: Number(p.size) };
}

