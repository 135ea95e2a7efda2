/**
 * Assemble a Selection from what a method drew: the common fields (algorithm, seed, counts,
 * filters, design) filled in one place so every method reports them the same way.
 *
 * @example
 * selectionOf(spec, counts, { items, allSelected: false })
 */
import { filterRecords, type EligibilityCounts } from './eligibility.js';
import { PRN_ALGORITHM } from './prn.js';
import { designOf, type Selection, type SelectedItem } from './selection.js';
import type { SelectionSpec } from './spec.js';

export type DrawResult = Pick<Selection, 'allSelected'> & Partial<Pick<Selection, 'strata' | 'keyItems' | 'systematic'>> & { items: SelectedItem[] };

export function selectionOf(spec: SelectionSpec, counts: EligibilityCounts, draw: DrawResult): Selection {
  return {
    algorithm: PRN_ALGORITHM,
    method: spec.method,
    seed: spec.seed,
    n: spec.n,
    items: draw.items,
    eligible: counts.eligible,
    counts,
    filters: filterRecords(spec, counts),
    ...(draw.strata ? { strata: draw.strata } : {}),
    ...(draw.keyItems ? { keyItems: draw.keyItems } : {}),
    ...(draw.systematic ? { systematic: draw.systematic } : {}),
    allSelected: draw.allSelected,
    ...(spec.extendFrom !== undefined ? { extendFrom: spec.extendFrom } : {}),
    design: designOf(spec),
  };
}

/** True when an item at this draw position (1-based, key items excluded) came from an extension. */
export function isExtension(spec: SelectionSpec, drawPosition: number): boolean {
  return spec.extendFrom !== undefined && drawPosition > spec.extendFrom;
}
