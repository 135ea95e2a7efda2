/**
 * A token bucket per key (the API token's id): `ratePerMinute` requests refill evenly over a
 * minute, a burst of up to one minute's worth. Pure over an injected clock, so it is testable.
 *
 * @example
 * const limiter = new RateLimiter(60)
 * limiter.take('tok_1', 0) // { ok: true }
 */
export type TakeResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

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
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true, remaining: Math.floor(b.tokens) };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000)) };
  }

  /** Forget full buckets (they behave exactly like new ones), then the oldest if still too many. */
  private prune(now: number): void {
    for (const [k, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= this.ratePerMinute) this.buckets.delete(k);
    }
    while (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
  }
}
