/**
 * How a stored result's large lists are served: the first page inline in the result (with the
 * total and the link to the next page under `pages`), the rest from a list route a page at a
 * time. Only the pages that hold the requested entries are read from the catalog.
 *
 * @example
 * inlinePages(store, a, '/v1/samples/samp_…') // { body with selection.items = first page, pages: { 'selection.items': { total, returned, next } } }
 */
import type { Store } from '../../store/store.js';
import { joinParts } from '../../store/artefact-parts.js';
import { encodeCursor, pageOf } from '../pagination.js';

/** Entries a result shows inline, per list. */
export const INLINE_ENTRIES = 1000;

/** The list route of each paged path (relative to the result's href). */
export const LIST_ROUTES: Record<string, string> = {
  'selection.items': 'items',
  'run.findings': 'findings',
  'run.items': 'items',
  'job.context.sample': 'records',
};

export interface PageInfo {
  total: number;
  returned: number;
  next: string | null;
}

/** A result's body with the first page of each list put back, and where to read the rest. */
export function inlinePages<T>(store: Store, a: { id: string; body: T; parts: Record<string, number> }, href: string): { body: T; pages: Record<string, PageInfo> } {
  const lists: Record<string, unknown[]> = {};
  const pages: Record<string, PageInfo> = {};
  for (const [path, total] of Object.entries(a.parts)) {
    lists[path] = store.artefactPart(a.id, path, 0, INLINE_ENTRIES);
    const more = total > INLINE_ENTRIES;
    pages[path] = { total, returned: lists[path]!.length, next: more ? `${href}/${LIST_ROUTES[path] ?? 'items'}?cursor=${encodeCursor([INLINE_ENTRIES, path])}&limit=${INLINE_ENTRIES}` : null };
  }
  return { body: joinParts(a.body, lists), pages };
}

/** One page of a result's list: `?cursor` holds the offset of the next entry. */
export function listPage(store: Store, a: { id: string; parts: Record<string, number> }, path: string, query: { limit?: number; cursor?: string }) {
  const page = pageOf(query);
  const offset = page.after ? Number(page.after[0]) : 0;
  const total = a.parts[path] ?? 0;
  const items = store.artefactPart(a.id, path, offset, page.limit);
  const end = offset + items.length;
  return { items, total, nextCursor: end < total ? encodeCursor([end, path]) : null };
}
