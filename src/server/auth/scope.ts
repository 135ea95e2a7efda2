/**
 * What a token may see: an engagement token sees its own engagement and everything under it;
 * the admin token sees all. Anything outside a token's scope answers exactly like a missing id
 * (404), so a token cannot learn what other engagements hold.
 *
 * @example
 * visiblePopulation(store, token, 'pop_…') // the PopulationMeta, or throws TM_ERR_NOT_FOUND
 */
import { tickmarkError } from '../../errors.js';
import type { PopulationMeta } from '../../population/types.js';
import type { Artefact, ArtefactRef, Store } from '../../store/store.js';
import { getEngagement, type Engagement } from '../engagements/engagements.js';
import { readSqlPull, type KeptSqlPull } from '../sql-pulls/kept.js';
import type { ApiToken } from './tokens.js';

export function canSee(token: ApiToken, engagementId: string | null | undefined): boolean {
  return token.admin || (!!engagementId && token.engagementId === engagementId);
}

export function requireAdmin(token: ApiToken): void {
  if (!token.admin) throw tickmarkError('TM_ERR_FORBIDDEN', { need: 'admin' });
}

export function visibleEngagement(store: Store, token: ApiToken, id: string): Engagement {
  const e = canSee(token, id) ? getEngagement(store, id) : undefined;
  if (!e) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'engagement', id });
  return e;
}

export function visiblePopulation(store: Store, token: ApiToken, id: string): PopulationMeta {
  const meta = store.population(id);
  if (!meta || !canSee(token, store.populationEngagement(id))) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'population', id });
  return meta;
}

/**
 * The catalog row of an artefact (report, sample, test run) of `type`, if its engagement is in
 * scope — read from the row's columns alone, so an id out of scope answers 404 without a byte of
 * the stored result being read (no timing difference with a missing id).
 */
export function visibleArtefactRef(store: Store, token: ApiToken, id: string, type: string, what = type): ArtefactRef {
  const ref = store.artefactRef(id, type);
  if (!ref || !canSee(token, ref.engagementId ?? store.populationEngagement(ref.populationId))) throw tickmarkError('TM_ERR_NOT_FOUND', { what, id });
  return ref;
}

/** An artefact in scope (checked first, from its row), with its body; its paged lists are left empty (see `parts`). */
export function visibleArtefact<T>(store: Store, token: ApiToken, id: string, type: string, what = type): Artefact<T> & { parts: Record<string, number> } {
  visibleArtefactRef(store, token, id, type, what);
  const a = store.artefactSummary<T>(id, type);
  if (!a) throw tickmarkError('TM_ERR_NOT_FOUND', { what, id });
  return a;
}

/** A kept SQL pull the token may see (404 otherwise, as if missing). */
export function visibleSqlPull(store: Store, token: ApiToken, id: string): KeptSqlPull {
  const kept = readSqlPull(store, id);
  if (!kept || !canSee(token, kept.engagementId)) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'SQL pull', id });
  return kept;
}
