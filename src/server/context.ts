/**
 * What every route of one app shares: the store, the resolved limits, the job registry, the
 * rate limiter, the pool's pressure gauge, and the in-flight uploads (aborted on shutdown).
 */
import type { Store } from '../store/store.js';
import type { ApiToken } from './auth/tokens.js';
import type { JobRegistry } from './jobs/jobs.js';
import type { PoolPressure } from './limits/backpressure.js';
import type { RateLimiter } from './limits/token-bucket.js';
import type { ResolvedLimits } from './options.js';
import type { Deleted } from './retention/delete.js';

export interface ServiceContext {
  store: Store;
  limits: ResolvedLimits;
  /** Worker threads for ingest and operations; undefined = the library's default. */
  workers: number | undefined;
  jobs: JobRegistry;
  rate: RateLimiter;
  pressure: PoolPressure | null;
  /** Aborted when the app closes: in-flight uploads and jobs listen to it. */
  shutdown: AbortController;
  /** Settles when every in-flight upload has finished (used on close). */
  uploads: Set<Promise<unknown>>;
  /** Uploads in flight per token id (capped by `limits.maxUploadsPerToken`). */
  uploadsByToken: Map<string, number>;
  /** PostgreSQL sources pulled in place, by the name a request gives (ServerOptions.sqlSources). */
  sqlSources: ReadonlyMap<string, string>;
  /** Days after which unreferenced artefacts are swept; null = keep everything. */
  retentionDays: number | null;
  /** Run the retention sweep now (no-op without retentionDays); what it deleted. */
  sweep(now?: number): Deleted;
}

declare module 'fastify' {
  interface FastifyInstance {
    tickmark: ServiceContext;
  }
  interface FastifyRequest {
    /** The authenticated API token (set by the auth hook; absent on public routes). */
    apiToken?: ApiToken;
    /** The rate limiter's answer for this request (RateLimit-* headers). */
    rateLimit?: { limit: number; remaining: number; resetSeconds: number };
  }
  /** OpenAPI annotations read by `openapi.ts` (the same keys @fastify/swagger reads). */
  interface FastifySchema {
    summary?: string;
    description?: string;
    tags?: string[];
    /** A ready OpenAPI requestBody, for bodies that are not JSON (uploads). */
    'x-request-body'?: unknown;
    /** Ready OpenAPI response objects, for answers that are not JSON (workbooks, CSV). */
    'x-responses'?: Record<string, unknown>;
  }
  interface FastifyContextConfig {
    /** Routes that need no token (the OpenAPI document, health). */
    public?: boolean;
  }
}
