/**
 * The retention sweep (`retentionDays`): results older than the retention that nothing refers to
 * any more are deleted — leaves first, so a sample goes once its test runs have gone — then
 * populations older than it that no result is left on, and SQL pulls kept older than it (their
 * record and workbook). Engagements with a queued or running job
 * are skipped until the next sweep. Each deletion, and the sweep itself, is in the audit log.
 *
 * @example
 * sweepExpired(store, 90) // { artefacts: [...], populations: [...] } deleted
 */
import type { ArtefactRow, Store } from '../../store/store.js';
import { deleteSqlPull, listSqlPulls } from '../sql-pulls/kept.js';
import type { Deleted } from './delete.js';

const DAY_MS = 86_400_000;
const BATCH = 500;

export function sweepExpired(store: Store, retentionDays: number, now = Date.now()): Deleted {
  const cutoff = new Date(now - retentionDays * DAY_MS).toISOString();
  const actor = 'retention';
  const busyJobs = `SELECT engagement_id FROM jobs WHERE state IN ('queued', 'running') AND engagement_id IS NOT NULL`;
  const busy = `(${busyJobs})`;
  const deleted: Deleted = { artefacts: [], populations: [] };
  const leaves = store.catalog.prepare(`
    SELECT a.id, a.type, a.population_id, a.engagement_id, a.parent_id, a.created_at, a.parts FROM artefacts a
    JOIN populations p ON p.id = a.population_id
    WHERE a.created_at < ? AND NOT EXISTS (SELECT 1 FROM artefacts c WHERE c.parent_id = a.id)
      AND COALESCE(a.engagement_id, p.engagement_id, '') NOT IN ${busy}
    ORDER BY a.created_at, a.id LIMIT ${BATCH}`);
  for (let rows = leaves.all(cutoff) as ArtefactRow[]; rows.length; rows = leaves.all(cutoff) as ArtefactRow[]) {
    store.deleteArtefacts(rows.map((r) => ({ id: r.id, type: r.type, populationId: r.population_id, engagementId: r.engagement_id, parentId: r.parent_id, createdAt: r.created_at, parts: {} })), actor, { retentionDays });
    deleted.artefacts.push(...rows.map((r) => ({ id: r.id, type: r.type })));
  }
  const populations = store.catalog.prepare(`
    SELECT p.id FROM populations p
    WHERE p.created_at < ? AND NOT EXISTS (SELECT 1 FROM artefacts a WHERE a.population_id = p.id)
      AND COALESCE(p.engagement_id, '') NOT IN ${busy}
    ORDER BY p.created_at, p.id`).all(cutoff) as { id: string }[];
  for (const { id } of populations) {
    store.deletePopulation(id, actor, { retentionDays });
    deleted.populations.push(id);
  }
  const busyEngagements = new Set((store.catalog.prepare(busyJobs).all() as { engagement_id: string }[]).map((r) => r.engagement_id));
  const pulls = listSqlPulls(store).filter((p) => p.createdAt < cutoff && !busyEngagements.has(p.engagementId));
  for (const pull of pulls) deleteSqlPull(store, pull, actor, { retentionDays });
  if (pulls.length) deleted.sqlPulls = pulls.map((p) => p.id);
  store.log({ actor, action: 'retention.sweep', params: { retentionDays, before: cutoff, artefacts: deleted.artefacts.length, populations: deleted.populations.length, sqlPulls: pulls.length } });
  return deleted;
}
