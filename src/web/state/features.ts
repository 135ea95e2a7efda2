/**
 * What this service offers, read from its OpenAPI document: routes that arrive with later work
 * (verifying a workbook, bringing a filled workbook's results in, live plans) are offered by the
 * app only when the service has them.
 *
 * @example
 * await loadFeatures()
 * hasRoute('post', '/v1/pulls/{pullId}/verify') // true
 */
import { signal } from '@preact/signals';

const routes = signal<Set<string> | null>(null);

export async function loadFeatures(): Promise<void> {
  try {
    const res = await fetch('/v1/openapi.json', { headers: { accept: 'application/json' } });
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    routes.value = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toLowerCase()} ${path}`)));
  } catch {
    routes.value = new Set();
  }
}

export function hasRoute(method: string, path: string): boolean {
  return routes.value?.has(`${method.toLowerCase()} ${path}`) ?? false;
}
