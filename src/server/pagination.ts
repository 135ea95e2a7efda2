/**
 * Cursor pagination for every list: `?limit=` (1–500, default 100) and `?cursor=` (opaque, from
 * the previous page's `nextCursor`). A cursor is the (sort key, id) of the last item served,
 * base64url-encoded JSON; the next page is the rows strictly after it in (sort key, id) order, so
 * pages neither repeat nor skip rows when new ones are added meanwhile.
 *
 * @example
 * const clause = pageClause(page, 'created_at', 'id')
 * const rows = db.prepare(`SELECT … WHERE population_id = ? ${clause.and} ORDER BY created_at, id LIMIT ?`).all(id, ...clause.args, page.limit + 1)
 * return clause.page(rows, (r) => [r.created_at, r.id]) // { items, nextCursor }
 */
import { tickmarkError } from '../errors.js';

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

export interface PageRequest {
  limit: number;
  /** The (sort key, id) after which the page starts; absent for the first page. */
  after?: [string | number, string];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The querystring schema of a paginated list (merged with a route's own properties). */
export const pageQueryProperties = {
  limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE, description: `Items per page (1–${MAX_PAGE}).` },
  cursor: { type: 'string', maxLength: 512, pattern: '^[A-Za-z0-9_-]+$', description: "The previous page's `nextCursor`." },
} as const;

export const pageQuery = { type: 'object', additionalProperties: false, properties: pageQueryProperties } as const;

export const nextCursorSchema = { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page.' } as const;

export function encodeCursor(after: [string | number, string]): string {
  return Buffer.from(JSON.stringify(after)).toString('base64url');
}

/** The page a request asks for; a cursor that is not one of ours is TM_ERR_INVALID_OPTION. */
export function pageOf(query: { limit?: number; cursor?: string }): PageRequest {
  const limit = query.limit ?? DEFAULT_PAGE;
  if (!query.cursor) return { limit };
  let after: unknown;
  try {
    after = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8'));
  } catch {
    after = undefined;
  }
  const ok = Array.isArray(after) && after.length === 2 && (typeof after[0] === 'string' || typeof after[0] === 'number') && typeof after[1] === 'string';
  if (!ok) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'cursor', expected: "must be a previous page's nextCursor", got: query.cursor.slice(0, 80) });
  return { limit, after: after as [string | number, string] };
}

/** The SQL pieces of a page ordered by (`sortColumn`, `idColumn`) ascending. */
export function pageClause(page: PageRequest, sortColumn: string, idColumn: string) {
  const where = page.after ? [`(${sortColumn}, ${idColumn}) > (?, ?)`] : [];
  const args = page.after ? [...page.after] : [];
  return {
    where,
    and: where.length ? `AND ${where[0]}` : '',
    args,
    /** Cut the `limit + 1` rows read into the page and the cursor of the next one. */
    page<T>(rows: T[], keyOf: (row: T) => [string | number, string]): Page<T> {
      const more = rows.length > page.limit;
      const items = more ? rows.slice(0, page.limit) : rows;
      return { items, nextCursor: more ? encodeCursor(keyOf(items[items.length - 1]!)) : null };
    },
  };
}

/** A page of an in-memory list already in (sort key, id) order. */
export function pageArray<T>(all: T[], page: PageRequest, keyOf: (row: T) => [string | number, string]): Page<T> {
  const after = page.after;
  const start = after ? all.findIndex((r) => { const [k, id] = keyOf(r); return k > after[0] || (k === after[0] && id > after[1]); }) : 0;
  const rest = start < 0 ? [] : all.slice(start, start + page.limit + 1);
  const more = rest.length > page.limit;
  const items = more ? rest.slice(0, page.limit) : rest;
  return { items, nextCursor: more ? encodeCursor(keyOf(items[items.length - 1]!)) : null };
}

/** Rows of a list read `limit + 1` at a time: the page and the cursor after its last row. */
export function cutPage<T>(rows: T[], limit: number, keyOf: (row: T) => [string | number, string]): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { items, nextCursor: more ? encodeCursor(keyOf(items[items.length - 1]!)) : null };
}
