/**
 * How a stored result's large lists are served: the first page inline in the result (with the
 * total and the link to the next page under `pages`), the rest from a list route a page at a
 * time. Only the pages that hold the requested entries are read from the catalog.
 *
 * @example
 * inlinePages(store, a, '/v1/samples/samp_…') // { body with selection.items = first page, pages: { 'selection.items': { total, returned, next } } }
 */
import type { Store } from '../../store/store.js';
import { joinParts, PART_PAGE } from '../../store/artefact-parts.js';
import { encodeCursor, pageOf } from '../pagination.js';

/** Entries a result shows inline, per list (the rest is a list route away). */
export const INLINE_ENTRIES = 100;

/** Entries a list route answers when the request does not say (one stored page: served as stored). */
export const LIST_PAGE = PART_PAGE;

/** The list route of each paged path (relative to the result's href). */
export const LIST_ROUTES: Record<string, string> = {
  'selection.items': 'items',
  'manifest.items': 'manifest-items',
  'run.findings': 'findings',
  'run.items': 'items',
  'job.context.sample': 'records',
};

export interface PageInfo {
  total: number;
  returned: number;
  next: string;
}

/** A result's body with the first page of each list put back, and, for each list cut short, where to read the rest. */
export function inlinePages<T>(store: Store, a: { id: string; body: T; parts: Record<string, number> }, href: string): { body: T; pages: Record<string, PageInfo> } {
  const lists: Record<string, unknown[]> = {};
  const pages: Record<string, PageInfo> = {};
  for (const [path, total] of Object.entries(a.parts)) {
    lists[path] = store.artefactPart(a.id, path, 0, INLINE_ENTRIES);
    // Only a list cut short is listed; the next page ends where a stored page ends, so the pages
    // after it are served as stored.
    if (total > INLINE_ENTRIES) pages[path] = { total, returned: lists[path]!.length, next: `${href}/${LIST_ROUTES[path] ?? 'items'}?cursor=${encodeCursor([INLINE_ENTRIES, path])}&limit=${PART_PAGE - INLINE_ENTRIES}` };
  }
  return { body: joinParts(a.body, lists), pages };
}

/**
 * One page of a result's list as the answer's JSON text, `{ <name>, total, nextCursor }`:
 * `?cursor` holds the offset of the next entry. The entries are spliced from the stored pages as
 * they are (see `Store.artefactPartJson`), so a page costs a read, not a parse and a re-write.
 */
export function listPageJson(store: Store, a: { id: string; parts: Record<string, number> }, path: string, query: { limit?: number; cursor?: string }, name = 'items'): string {
  const page = pageOf(query);
  const offset = page.after ? Number(page.after[0]) : 0;
  const total = a.parts[path] ?? 0;
  const { json, count } = store.artefactPartJson(a.id, path, offset, page.limit);
  const end = offset + count;
  return `{${JSON.stringify(name)}:${json},"total":${total},"nextCursor":${end < total ? JSON.stringify(encodeCursor([end, path])) : 'null'}}`;
}

/** The same page as data (for answers that add fields of their own). */
export function listPage(store: Store, a: { id: string; parts: Record<string, number> }, path: string, query: { limit?: number; cursor?: string }) {
  return JSON.parse(listPageJson(store, a, path, query)) as { items: unknown[]; total: number; nextCursor: string | null };
}
