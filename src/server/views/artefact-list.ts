/**
 * A paginated list of one type of stored result under a population: rows read from the catalog a
 * page at a time (oldest first), each summarised from its body with the large lists left out.
 *
 * @example
 * return artefactList(store, { populationId, type: 'sample' }, request.query, (a) => ({ seed: a.body.manifest.seed }))
 */
import type { Store } from '../../store/store.js';
import { cutPage, pageOf } from '../pagination.js';

export function artefactList<T, V>(store: Store, filter: { populationId: string; type: string }, query: { limit?: number; cursor?: string }, view: (a: { id: string; createdAt: string; parentId: string | null; body: T }) => V) {
  const page = pageOf(query);
  const refs = store.listArtefactRefs(filter, { limit: page.limit + 1, ...(page.after ? { after: page.after } : {}) });
  const { items, nextCursor } = cutPage(refs, page.limit, (r) => [r.createdAt, r.id]);
  return { items: items.map((r) => ({ id: r.id, createdAt: r.createdAt, ...view({ ...r, body: store.artefactSummary<T>(r.id)!.body }) })), nextCursor };
}
