/**
 * Verify (re-perform) a sample: compare a manifest with a selection recomputed from the
 * population file and the manifest's design. Lists every difference in words: algorithm, seed,
 * method, size, design, population fingerprint, filters, items removed or added, items whose
 * order changed — and a manifest whose item list no longer hashes to its selectionSha256.
 *
 * @example
 * const again = selectSample(chunks, { ...manifest.design, headers });
 * verifySelection(manifest, buildManifest(again, { population, plan: manifest.plan, engineVersion }))
 * // { identical: true, differences: [] }
 */
import { selectionSha256, type CanonicalItem } from './canonical.js';
import { canonicalJson, manifestItems, type PopulationRef, type SelectionManifest } from './manifest.js';
import type { Selection } from './selection.js';

export interface SelectionVerification {
  identical: boolean;
  differences: string[];
  /** The fingerprints compared. */
  manifestSha256: string;
  recomputedSha256: string;
}

const show = (v: unknown): string => (v === undefined ? '(none)' : typeof v === 'string' ? JSON.stringify(v) : canonicalJson(v));

function itemLabel(item: CanonicalItem & { record?: number }): string {
  return `order ${item.order} key ${JSON.stringify(item.key)} (prn ${item.prnHex}${item.stratum ? `, stratum ${item.stratum}` : ''}${item.record ? `, record ${item.record}` : ''})`;
}

function itemDifferences(expected: readonly (CanonicalItem & { record?: number })[], actual: readonly (CanonicalItem & { record?: number })[]): string[] {
  const identity = (item: CanonicalItem): string => `${item.key}\u0000${item.prnHex}`;
  const pending = new Map<string, (CanonicalItem & { record?: number })[]>();
  for (const item of actual) {
    const list = pending.get(identity(item)) ?? [];
    list.push(item);
    pending.set(identity(item), list);
  }
  const removed: string[] = [];
  const moved: string[] = [];
  for (const item of expected) {
    const match = pending.get(identity(item))?.shift();
    if (!match) removed.push(`removed: ${itemLabel(item)} is in the manifest but not in the recomputed selection`);
    else if (match.order !== item.order || (match.stratum ?? '') !== (item.stratum ?? '')) {
      moved.push(`changed: key ${JSON.stringify(item.key)} is order ${item.order}${item.stratum ? ` in ${item.stratum}` : ''} in the manifest, order ${match.order}${match.stratum ? ` in ${match.stratum}` : ''} recomputed`);
    }
  }
  const added = [...pending.values()].flat().sort((a, b) => a.order - b.order)
    .map((item) => `added: ${itemLabel(item)} is in the recomputed selection but not in the manifest`);
  return [...removed, ...added, ...moved];
}

/**
 * Compare a manifest with a recomputed selection (or its manifest). With a bare Selection, pass
 * the recomputed population's fingerprint to have it compared too.
 *
 * @example
 * verifySelection(manifest, recomputed, { id: 'pop_1', sha256, rows }).differences
 * // ['seed: manifest "20251231", recomputed "20251230"', 'removed: order 3 key "CHG0000417" …', …]
 */
export function verifySelection(manifest: SelectionManifest, recomputed: Selection | SelectionManifest, population?: PopulationRef): SelectionVerification {
  const differences: string[] = [];
  const isManifest = 'selectionSha256' in recomputed;
  const items = isManifest ? recomputed.items : manifestItems(recomputed);
  const recomputedSha256 = selectionSha256(items);
  const storedItemsSha = selectionSha256(manifest.items);
  if (storedItemsSha !== manifest.selectionSha256) {
    differences.push(`manifest integrity: its items hash to ${storedItemsSha}, not to its selectionSha256 ${manifest.selectionSha256} (the item list or the hash was edited)`);
  }
  const compare = (what: string, expected: unknown, actual: unknown): void => {
    if (canonicalJson(expected ?? null) !== canonicalJson(actual ?? null)) differences.push(`${what}: manifest ${show(expected)}, recomputed ${show(actual)}`);
  };
  compare('algorithm', manifest.algorithm, recomputed.algorithm);
  compare('seed', manifest.seed, recomputed.seed);
  compare('method', manifest.method, recomputed.method);
  compare('n', manifest.n, recomputed.n);
  compare('extendFrom', manifest.extendFrom, recomputed.extendFrom);
  const otherPopulation = isManifest ? recomputed.population : population;
  if (otherPopulation) {
    compare('population sha256', manifest.population.sha256, otherPopulation.sha256);
    compare('population rows', manifest.population.rows, otherPopulation.rows);
  }
  const designKeys = new Set([...Object.keys(manifest.design ?? {}), ...Object.keys(recomputed.design ?? {})]);
  for (const key of [...designKeys].sort()) {
    if (['seed', 'n', 'method', 'extendFrom'].includes(key)) continue;
    compare(`design.${key}`, (manifest.design as Record<string, unknown>)[key], (recomputed.design as Record<string, unknown>)[key]);
  }
  compare('filters', manifest.filters, recomputed.filters);
  compare('eligible', manifest.eligible, recomputed.eligible);
  differences.push(...itemDifferences(manifest.items, items));
  if (differences.length === 0 && recomputedSha256 !== manifest.selectionSha256) {
    differences.push(`selectionSha256: manifest ${manifest.selectionSha256}, recomputed ${recomputedSha256}`);
  }
  return { identical: differences.length === 0, differences, manifestSha256: manifest.selectionSha256, recomputedSha256 };
}
