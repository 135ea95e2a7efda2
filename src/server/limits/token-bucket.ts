/**
 * A token bucket per key (the API token's id): `ratePerMinute` requests refill evenly over a
 * minute, a burst of up to one minute's worth. Pure over an injected clock, so it is testable.
 * Each answer carries what the RateLimit-* headers say: the limit, what remains, and the seconds
 * until the bucket is full again.
 *
 * @example
 * const limiter = new RateLimiter(60)
 * limiter.take('tok_1', 0) // { ok: true, limit: 60, remaining: 59, resetSeconds: 1 }
 */
export type TakeResult =
  | { ok: true; limit: number; remaining: number; resetSeconds: number }
  | { ok: false; limit: number; remaining: 0; resetSeconds: number; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(readonly ratePerMinute: number, private readonly maxKeys = 10_000) {
    this.perMs = ratePerMinute / 60_000;
  }

  take(key: string, now: number = Date.now()): TakeResult {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      b = { tokens: this.ratePerMinute, at: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.ratePerMinute, b.tokens + Math.max(0, now - b.at) * this.perMs);
    b.at = now;
    const limit = this.ratePerMinute;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true, limit, remaining: Math.floor(b.tokens), resetSeconds: this.secondsToFull(b) };
    }
    return { ok: false, limit, remaining: 0, resetSeconds: this.secondsToFull(b), retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000)) };
  }

  private secondsToFull(b: Bucket): number {
    return Math.ceil((this.ratePerMinute - b.tokens) / this.perMs / 1000);
  }

  /** Forget full buckets (they behave exactly like new ones), then the oldest if still too many. */
  private prune(now: number): void {
    for (const [k, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= this.ratePerMinute) this.buckets.delete(k);
    }
    while (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
  }
}
