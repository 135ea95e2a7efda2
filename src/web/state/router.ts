/**
 * Where the app is: the part of the URL after `#` (so every page is a link the server need not
 * know), matched against the app's routes. Changing page moves focus to the new page's heading,
 * so keyboard and screen-reader users land at its start.
 *
 * @example
 * navigate(`/engagements/${id}`)
 * route.value // { name: 'engagement', params: { engagementId: 'eng_…' } }
 */
import { signal } from '@preact/signals';

const ROUTES = [
  ['engagements', '/'],
  ['engagement', '/engagements/:engagementId'],
  ['audit', '/engagements/:engagementId/audit'],
  ['population', '/populations/:populationId'],
  ['newPull', '/populations/:populationId/pull'],
  ['completeness', '/completeness/:reportId'],
  ['pull', '/pulls/:pullId'],
  ['sample', '/samples/:sampleId'],
  ['testing', '/test-runs/:runId'],
  ['admin', '/admin'],
] as const;

export type RouteName = (typeof ROUTES)[number][0] | 'notFound';

export interface Route {
  name: RouteName;
  params: Record<string, string>;
  path: string;
}

export function match(path: string): Route {
  const parts = path.split('/').filter(Boolean);
  for (const [name, pattern] of ROUTES) {
    const want = pattern.split('/').filter(Boolean);
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (want.every((w, i) => (w.startsWith(':') ? ((params[w.slice(1)] = decodeURIComponent(parts[i]!)), true) : w === parts[i]))) return { name, params, path };
  }
  return { name: 'notFound', params: {}, path };
}

const pathOf = () => location.hash.replace(/^#/, '') || '/';

export const route = signal<Route>(match(pathOf()));

addEventListener('hashchange', () => {
  route.value = match(pathOf());
});

/** The link to a path of the app. */
export const href = (path: string) => `#${path}`;

export function navigate(path: string): void {
  if (pathOf() === path) route.value = match(path);
  else location.hash = path;
}
