/**
 * Pruning the data directory: stored populations — their source file, chunk files and kept derived
 * results — and stored records (completeness reports, samples, test runs, results versions, pulls),
 * chosen by id or by age. A population goes with its completeness reports (derived: computed again
 * on demand). Anything a kept record refers to — its population, the record it was made from — is
 * kept too, and named, unless `force`, which takes the records that refer to it along. Nothing of an
 * engagement with a queued or running job is touched. The plan is returned first; only `apply`
 * deletes, through the store's own deletions (each in the audit log), and the prune adds an entry
 * of its own.
 *
 * @example
 * const plan = prune(store, { olderThanDays: 90 })            // what would go, and what stays and why
 * prune(store, { ids: ['pop_…'], force: true, apply: true })  // the population, its samples and runs
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tickmarkError } from '../errors.js';
import type { PopulationMeta } from '../population/types.js';
import type { ArtefactRef, Store } from '../store/store.js';

export interface PruneRequest {
  /** Populations or stored records to remove, by id. */
  ids?: readonly string[] | undefined;
  /** Everything created more than this many days before `now`. */
  olderThanDays?: number | undefined;
  /** Also remove the records that refer to what is pruned (samples, test runs, results, pulls). */
  force?: boolean | undefined;
  /** Delete; without it the plan is only returned. */
  apply?: boolean | undefined;
  /** Who asked (audit log); default 'cli'. */
  actor?: string | undefined;
  /** The clock `olderThanDays` counts back from (ms since the epoch); default now. */
  now?: number | undefined;
}

export interface PrunedPopulation {
  id: string;
  kind: string;
  file: string;
  rows: number;
  createdAt: string;
  /** Bytes freed: the chunk folder, and the source file unless a kept population was ingested from the same bytes. */
  bytes: number;
}

export interface PrunedRecord {
  id: string;
  type: string;
  populationId: string;
  createdAt: string;
}

/** Something chosen that stays, and why. */
export interface KeptItem {
  id: string;
  /** 'population' or the record's type. */
  type: string;
  /** The kept records that refer to it (up to 5), or a job of its engagement. */
  reason: string;
}

export interface PrunePlan {
  applied: boolean;
  populations: PrunedPopulation[];
  records: PrunedRecord[];
  kept: KeptItem[];
  /** Bytes the populations free (the catalog rows are not counted). */
  bytes: number;
}

const DAY_MS = 86_400_000;
/** Records computed again on demand from their population: they go with it. */
const DERIVED = new Set(['completeness']);

function allRecords(store: Store): ArtefactRef[] {
  const out: ArtefactRef[] = [];
  for (let page = store.listArtefactRefs({}, { limit: 500 }); page.length; page = store.listArtefactRefs({}, { limit: 500, after: [page.at(-1)!.createdAt, page.at(-1)!.id] })) out.push(...page);
  return out;
}

function folderBytes(dir: string): number {
  let total = 0;
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) total += entry.isDirectory() ? folderBytes(join(dir, entry.name)) : statSync(join(dir, entry.name)).size;
  } catch {
    return 0;
  }
  return total;
}

/** Engagements with a queued or running job (the service's work may be reading what would go). */
function busyEngagements(store: Store): Set<string> {
  const rows = store.catalog.prepare("SELECT DISTINCT engagement_id AS id FROM jobs WHERE state IN ('queued', 'running') AND engagement_id IS NOT NULL").all() as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

export function prune(store: Store, request: PruneRequest): PrunePlan {
  const ids = request.ids ?? [];
  if (!ids.length && request.olderThanDays === undefined) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'prune', expected: 'needs ids or an age (olderThanDays) to choose what goes', got: null });
  }
  if (request.olderThanDays !== undefined && !(Number.isFinite(request.olderThanDays) && request.olderThanDays >= 0)) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'olderThanDays', expected: 'must be a number of days, 0 or more', got: request.olderThanDays });
  }
  const populations = new Map(store.listPopulations().map((p) => [p.id, p]));
  const records = allRecords(store);
  const byId = new Map(records.map((r) => [r.id, r]));

  // What was asked for.
  const chosenPopulations = new Set<string>();
  const chosenRecords = new Set<string>();
  for (const id of ids) {
    if (populations.has(id)) chosenPopulations.add(id);
    else if (byId.has(id)) chosenRecords.add(id);
    else throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'population or stored record', id });
  }
  if (request.olderThanDays !== undefined) {
    const cutoff = new Date((request.now ?? Date.now()) - request.olderThanDays * DAY_MS).toISOString();
    for (const p of populations.values()) if (p.createdAt < cutoff) chosenPopulations.add(p.id);
    for (const r of records) if (r.createdAt < cutoff) chosenRecords.add(r.id);
  }

  const kept = new Map<string, KeptItem>();
  const busy = busyEngagements(store);
  const engagementOf = (populationId: string, record?: ArtefactRef) => record?.engagementId ?? store.populationEngagement(populationId);
  for (const id of [...chosenPopulations]) {
    const engagement = engagementOf(id);
    if (engagement !== null && busy.has(engagement)) (chosenPopulations.delete(id), kept.set(id, { id, type: 'population', reason: `a job of engagement ${engagement} is queued or running` }));
  }
  for (const id of [...chosenRecords]) {
    const r = byId.get(id)!;
    const engagement = engagementOf(r.populationId, r);
    if (engagement !== null && busy.has(engagement)) (chosenRecords.delete(id), kept.set(id, { id, type: r.type, reason: `a job of engagement ${engagement} is queued or running` }));
  }

  // What goes with it, and what stays because a kept record refers to it, until nothing changes.
  const going = new Set<string>();
  for (;;) {
    going.clear();
    for (const id of chosenRecords) going.add(id);
    for (const r of records) if (chosenPopulations.has(r.populationId) && (request.force || DERIVED.has(r.type))) going.add(r.id);
    if (request.force) {
      for (let grew = true; grew;) {
        grew = false;
        for (const r of records) if (!going.has(r.id) && r.parentId !== null && going.has(r.parentId)) (going.add(r.id), (grew = true));
      }
      break;
    }
    const referrers = new Map<string, string[]>();
    const refer = (target: string, by: string) => referrers.set(target, [...(referrers.get(target) ?? []), by]);
    for (const r of records) {
      if (going.has(r.id)) continue;
      if (r.parentId !== null && going.has(r.parentId)) refer(r.parentId, r.id);
      if (chosenPopulations.has(r.populationId)) refer(r.populationId, r.id);
    }
    if (!referrers.size) break;
    for (const [id, by] of referrers) {
      const type = populations.has(id) ? 'population' : byId.get(id)!.type;
      kept.set(id, { id, type, reason: `referred to by ${by.slice(0, 5).join(', ')}${by.length > 5 ? ` and ${by.length - 5} more` : ''}` });
      chosenPopulations.delete(id);
      chosenRecords.delete(id);
    }
  }

  // A source file goes with the last population read from it: counted once, and not while a kept population holds it.
  const heldSources = new Set([...populations.values()].filter((p) => !chosenPopulations.has(p.id)).map((p) => p.source.sha256));
  const prunedPopulations = [...chosenPopulations].map((id) => populations.get(id)!).map((p: PopulationMeta): PrunedPopulation => {
    const source = heldSources.has(p.source.sha256) ? 0 : p.source.bytes;
    heldSources.add(p.source.sha256);
    return { id: p.id, kind: p.kind, file: p.source.name, rows: p.rows.total, createdAt: p.createdAt, bytes: folderBytes(store.populationDir(p.id)) + source };
  });
  // Children before parents: a record is made after the one it refers to.
  const goingRecords = records.filter((r) => going.has(r.id)).sort((a, b) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt)));
  const bytes = prunedPopulations.reduce((sum, p) => sum + p.bytes, 0);
  const plan: PrunePlan = {
    applied: false,
    populations: prunedPopulations,
    records: goingRecords.map((r) => ({ id: r.id, type: r.type, populationId: r.populationId, createdAt: r.createdAt })),
    kept: [...kept.values()],
    bytes,
  };
  if (!request.apply) return plan;

  const actor = request.actor ?? 'cli';
  if (goingRecords.length) store.deleteArtefacts(goingRecords, actor, { prune: true, force: Boolean(request.force) });
  for (const p of prunedPopulations) store.deletePopulation(p.id, actor, { prune: true, force: Boolean(request.force) });
  store.log({
    actor, action: 'prune',
    params: { ids: [...ids], olderThanDays: request.olderThanDays ?? null, force: Boolean(request.force), populations: prunedPopulations.map((p) => p.id), records: goingRecords.length, kept: plan.kept.length, bytes },
  });
  return { ...plan, applied: true };
}
