/**
 * The large lists inside stored results — a sample's items, a test run's findings, items and
 * sampled records — are kept apart from the result's row, in pages of `PART_PAGE` entries
 * (`artefact_parts`), so that reading a result's summary, listing results or serving one page of
 * a list never parses the whole list. `split` takes them out of a body before it is stored;
 * `join` puts them back for the library's readers, which want the whole result.
 *
 * @example
 * const { body, parts } = splitParts('sample', record)  // body.selection.items === [], parts[0].path === 'selection.items'
 * joinParts(body, { 'selection.items': items })          // the record again
 */
export const PART_PAGE = 500;

/** The lists kept apart, per artefact type (dotted paths into the body). */
export const PAGED_PATHS: Readonly<Record<string, readonly string[]>> = {
  sample: ['selection.items', 'manifest.items'],
  testrun: ['run.findings', 'run.items', 'job.context.sample'],
};

function holder(body: unknown, path: string): { parent: Record<string, unknown>; key: string } | undefined {
  const names = path.split('.');
  let at: unknown = body;
  for (const name of names.slice(0, -1)) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[name];
  }
  if (!at || typeof at !== 'object') return undefined;
  return { parent: at as Record<string, unknown>, key: names[names.length - 1]! };
}

/** A body with its paged lists emptied (a shallow copy along each path), and the lists taken out. */
export function splitParts(type: string, body: unknown): { body: unknown; parts: { path: string; items: unknown[] }[] } {
  const paths = PAGED_PATHS[type] ?? [];
  if (!paths.length) return { body, parts: [] };
  const copy = structuredCloneShallow(body, paths);
  const parts: { path: string; items: unknown[] }[] = [];
  for (const path of paths) {
    const h = holder(copy, path);
    const list = h?.parent[h.key];
    if (!h || !Array.isArray(list)) continue;
    parts.push({ path, items: list });
    h.parent[h.key] = [];
  }
  return { body: copy, parts };
}

/** Copy the objects along the paths (not the lists), so emptying a list leaves the caller's body whole. */
function structuredCloneShallow(body: unknown, paths: readonly string[]): unknown {
  if (!body || typeof body !== 'object') return body;
  const root = { ...(body as Record<string, unknown>) };
  for (const path of paths) {
    let at: Record<string, unknown> = root;
    for (const name of path.split('.').slice(0, -1)) {
      const next = at[name];
      if (!next || typeof next !== 'object' || Array.isArray(next)) break;
      at[name] = { ...(next as Record<string, unknown>) };
      at = at[name] as Record<string, unknown>;
    }
  }
  return root;
}

/** Put the lists back into a body read from its row. */
export function joinParts<T>(body: T, lists: Record<string, unknown[]>): T {
  for (const [path, items] of Object.entries(lists)) {
    const h = holder(body, path);
    if (h) h.parent[h.key] = items;
  }
  return body;
}
