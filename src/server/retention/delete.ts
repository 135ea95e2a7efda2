/**
 * Deleting what a consultancy no longer needs: a sample (and what was derived from it), a
 * population (and every result drawn from it), an engagement (and its populations, tokens and
 * finished jobs). Each is refused with 409 TM_ERR_IN_USE while something still refers to it —
 * a sample's test runs or extensions, a population's samples and reports, an engagement's
 * populations — unless `force` deletes those too; and always while a job of the engagement is
 * queued or running (its work may be reading what would go). Every deletion is in the audit log,
 * which is append-only and never deleted from.
 *
 * @example
 * deleteSample(store, jobs, 'samp_…', { force: false, actor: 'tok_…' }) // throws TM_ERR_IN_USE when a test run uses it
 */
import { tickmarkError } from '../../errors.js';
import type { ArtefactRef, Store } from '../../store/store.js';
import type { JobRegistry } from '../jobs/jobs.js';
import { deleteSqlPull, listSqlPulls } from '../sql-pulls/kept.js';

export interface DeleteOptions {
  force: boolean;
  actor: string;
}

export interface Deleted {
  /** Ids deleted, by kind. */
  artefacts: { id: string; type: string }[];
  populations: string[];
  /** Kept SQL pulls (record and workbook), when any went. */
  sqlPulls?: string[];
}

/** Every artefact below these (children, their children, …), nearest first. */
function descendants(store: Store, roots: readonly ArtefactRef[]): ArtefactRef[] {
  const out: ArtefactRef[] = [];
  const seen = new Set(roots.map((r) => r.id));
  let level = store.artefactChildren(roots.map((r) => r.id));
  while (level.length) {
    const fresh = level.filter((r) => !seen.has(r.id));
    for (const r of fresh) seen.add(r.id);
    out.push(...fresh);
    level = store.artefactChildren(fresh.map((r) => r.id));
  }
  return out;
}

function summary(refs: readonly ArtefactRef[]): string {
  const counts = new Map<string, number>();
  for (const r of refs) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts].map(([type, n]) => `${n} ${type}${n === 1 ? '' : 's'}`).join(', ');
}

function assertNoActiveJobs(jobs: JobRegistry, engagementId: string | null, what: string, id: string): void {
  if (engagementId === null) return;
  const active = jobs.list(engagementId, { limit: 1 }, { state: 'running' }).items.length + jobs.list(engagementId, { limit: 1 }, { state: 'queued' }).items.length;
  if (active) throw tickmarkError('TM_ERR_IN_USE', { what, id, by: "a queued or running job of its engagement (wait for it, or cancel it)" });
}

/** Delete artefacts, children before parents. */
function deleteTree(store: Store, refs: ArtefactRef[], opts: DeleteOptions): void {
  store.deleteArtefacts([...refs].reverse(), opts.actor, { force: opts.force });
}

export function deleteSample(store: Store, jobs: JobRegistry, sample: ArtefactRef, opts: DeleteOptions): Deleted {
  assertNoActiveJobs(jobs, sample.engagementId ?? store.populationEngagement(sample.populationId), 'sample', sample.id);
  const below = descendants(store, [sample]);
  if (below.length && !opts.force) throw tickmarkError('TM_ERR_IN_USE', { what: 'sample', id: sample.id, by: summary(below), ids: below.map((r) => r.id) });
  deleteTree(store, [sample, ...below], opts);
  return { artefacts: [sample, ...below].map((r) => ({ id: r.id, type: r.type })), populations: [] };
}

/** Every artefact of a population, roots (no parent among them) first. */
function artefactsOf(store: Store, populationId: string): ArtefactRef[] {
  const all: ArtefactRef[] = [];
  for (let after: [string, string] | undefined, page; (page = store.listArtefactRefs({ populationId }, { limit: 500, ...(after ? { after } : {}) })).length; after = [page.at(-1)!.createdAt, page.at(-1)!.id]) all.push(...page);
  // Oldest first is parents before children (a child is made from its parent).
  return all;
}

export function deletePopulation(store: Store, jobs: JobRegistry, populationId: string, opts: DeleteOptions): Deleted {
  assertNoActiveJobs(jobs, store.populationEngagement(populationId), 'population', populationId);
  const results = artefactsOf(store, populationId);
  if (results.length && !opts.force) throw tickmarkError('TM_ERR_IN_USE', { what: 'population', id: populationId, by: summary(results), ids: results.map((r) => r.id).slice(0, 100) });
  deleteTree(store, results, opts);
  store.deletePopulation(populationId, opts.actor, { force: opts.force });
  return { artefacts: results.map((r) => ({ id: r.id, type: r.type })), populations: [populationId] };
}

export function deleteEngagement(store: Store, jobs: JobRegistry, engagementId: string, opts: DeleteOptions): Deleted {
  assertNoActiveJobs(jobs, engagementId, 'engagement', engagementId);
  const populations = (store.catalog.prepare('SELECT id FROM populations WHERE engagement_id = ? ORDER BY created_at, id').all(engagementId) as { id: string }[]).map((r) => r.id);
  const pulls = listSqlPulls(store).filter((p) => p.engagementId === engagementId);
  if ((populations.length || pulls.length) && !opts.force) {
    const by = [[populations.length, 'population'], [pulls.length, 'SQL pull']].filter(([n]) => n).map(([n, what]) => `${n} ${what}${n === 1 ? '' : 's'}`).join(', ');
    throw tickmarkError('TM_ERR_IN_USE', { what: 'engagement', id: engagementId, by, ids: [...populations, ...pulls.map((p) => p.id)].slice(0, 100) });
  }
  const deleted: Deleted = { artefacts: [], populations: [], ...(pulls.length ? { sqlPulls: pulls.map((p) => p.id) } : {}) };
  for (const pull of pulls) deleteSqlPull(store, pull, opts.actor, { force: opts.force });
  for (const id of populations) {
    const d = deletePopulation(store, jobs, id, opts);
    deleted.artefacts.push(...d.artefacts);
    deleted.populations.push(...d.populations);
  }
  store.catalog.transaction(() => {
    store.catalog.prepare("DELETE FROM jobs WHERE engagement_id = ? AND state IN ('succeeded', 'failed', 'cancelled')").run(engagementId);
    const tokens = store.catalog.prepare('SELECT id FROM tokens WHERE engagement_id = ?').all(engagementId) as { id: string }[];
    store.catalog.prepare('DELETE FROM tokens WHERE engagement_id = ?').run(engagementId);
    store.catalog.prepare('DELETE FROM engagements WHERE id = ?').run(engagementId);
    store.log({ actor: opts.actor, action: 'engagement.delete', target: engagementId, params: { force: opts.force, populations: deleted.populations, artefacts: deleted.artefacts.length, tokens: tokens.map((t) => t.id) } });
  })();
  return deleted;
}
