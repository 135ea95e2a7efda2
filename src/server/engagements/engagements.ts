/**
 * Engagements in the catalog: one client's audit for one period, in one time zone. Populations,
 * samples and results hang off an engagement, and API tokens are scoped to one.
 *
 * @example
 * const e = createEngagement(store, { client: 'Acme', period: { start: '2025-01-01', end: '2025-12-31' } })
 * getEngagement(store, e.id)?.timeZone // 'UTC'
 */
import { makePeriod, parsePeriod } from '../../period/period.js';
import { assertId, newId } from '../../store/ids.js';
import type { Store } from '../../store/store.js';
import { assertTimeZone } from '../../time/zone.js';

export interface Engagement {
  id: string;
  client: string;
  name: string | null;
  /** The audit period, dates inclusive, read in `timeZone`. */
  period: { start: string; end: string } | null;
  timeZone: string;
  createdAt: string;
}

export interface EngagementInput {
  client: string;
  name?: string;
  period?: { start: string; end: string };
  timeZone?: string;
}

interface EngagementRow {
  id: string;
  client: string;
  name: string | null;
  period_start: string | null;
  period_end: string | null;
  time_zone: string;
  created_at: string;
}

function toEngagement(r: EngagementRow): Engagement {
  return {
    id: r.id, client: r.client, name: r.name,
    period: r.period_start && r.period_end ? { start: r.period_start, end: r.period_end } : null,
    timeZone: r.time_zone, createdAt: r.created_at,
  };
}

/** Validate (zone, period) and record a new engagement. */
export function createEngagement(store: Store, input: EngagementInput, actor = 'cli'): Engagement {
  const timeZone = assertTimeZone(input.timeZone ?? 'UTC');
  if (input.period) makePeriod(input.period.start, input.period.end, timeZone);
  const e: Engagement = {
    id: newId('eng'), client: input.client.trim(), name: input.name?.trim() || null,
    period: input.period ? { start: input.period.start, end: input.period.end } : null,
    timeZone, createdAt: new Date().toISOString(),
  };
  store.catalog.transaction(() => {
    store.catalog
      .prepare('INSERT INTO engagements (id, client, name, period_start, period_end, time_zone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(e.id, e.client, e.name, e.period?.start ?? null, e.period?.end ?? null, e.timeZone, e.createdAt);
    store.log({ actor, action: 'engagement.create', target: e.id, params: { client: e.client, name: e.name, period: e.period, timeZone } });
  })();
  return e;
}

export function getEngagement(store: Store, id: string): Engagement | undefined {
  const row = store.catalog.prepare('SELECT * FROM engagements WHERE id = ?').get(assertId(id, 'engagement')) as EngagementRow | undefined;
  return row ? toEngagement(row) : undefined;
}

export function listEngagements(store: Store, onlyId?: string | null): Engagement[] {
  const rows = (onlyId
    ? store.catalog.prepare('SELECT * FROM engagements WHERE id = ?').all(onlyId)
    : store.catalog.prepare('SELECT * FROM engagements ORDER BY created_at, id').all()) as EngagementRow[];
  return rows.map(toEngagement);
}

/**
 * What a request about a population leaves unsaid, from its engagement: the audit period and the
 * zone it is read in. Given values win; a given period is checked here (a coded 400 now, not a
 * failed job later).
 *
 * @example
 * engagementDefaults(store, meta, {}) // { period: '2025-01-01..2025-12-31', timeZone: 'America/New_York' }
 */
export function engagementDefaults(store: Store, meta: { id: string; typing: { timeZone: string } }, given: { period?: string | undefined; timeZone?: string | undefined }): { period?: string; timeZone?: string } {
  const engagementId = store.populationEngagement(meta.id);
  const engagement = engagementId ? getEngagement(store, engagementId) : undefined;
  const period = given.period ?? (engagement?.period ? `${engagement.period.start}..${engagement.period.end}` : undefined);
  const timeZone = given.timeZone ?? (given.period === undefined ? engagement?.timeZone : undefined);
  if (period) parsePeriod(period, timeZone ?? meta.typing.timeZone);
  return { ...(period ? { period } : {}), ...(timeZone ? { timeZone } : {}) };
}
