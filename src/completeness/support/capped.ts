/**
 * Capped evidence lists that are mergeable and deterministic: a partial keeps every count but
 * only the rows with the lowest record numbers (at most twice the cap between prunes), so the
 * final list is the `cap` lowest records whatever the chunking and the row order.
 * Record numbers are unique within a population, which makes the choice a total order.
 *
 * @example
 * const c = cappedRows<RowRef>(); if (admits(c)(17)) c.items.push({ record: 17, line: 18, key: 'CHG17' }); c.total++
 */
import type { Listing } from '../types.js';

export interface CappedRows<T extends { record: number }> {
  total: number;
  items: T[];
  /** Rows with a record number at or above this cannot make the final cut. */
  ceiling: number;
}

export function cappedRows<T extends { record: number }>(): CappedRows<T> {
  return { total: 0, items: [], ceiling: Infinity };
}

const byRecord = (a: { record: number }, b: { record: number }): number => a.record - b.record;

function pruned<T extends { record: number }>(items: T[], cap: number): { items: T[]; ceiling: number } {
  items.sort(byRecord);
  if (items.length < cap) return { items, ceiling: Infinity };
  items.length = cap;
  return { items, ceiling: items[cap - 1]!.record };
}

/** Count one row and keep it if it may be among the `cap` lowest; `make` runs only when kept. */
export function offer<T extends { record: number }>(list: CappedRows<T>, record: number, cap: number, make: () => T): void {
  list.total++;
  if (record >= list.ceiling) return;
  list.items.push(make());
  if (list.items.length >= 2 * cap) Object.assign(list, pruned(list.items, cap));
}

export function mergeCapped<T extends { record: number }>(a: CappedRows<T>, b: CappedRows<T>, cap: number): CappedRows<T> {
  const { items, ceiling } = pruned([...a.items, ...b.items], cap);
  return { total: a.total + b.total, items, ceiling };
}

export function finishCapped<T extends { record: number }>(list: CappedRows<T>, cap: number): Listing<T> {
  return { total: list.total, items: pruned([...list.items], cap).items };
}

/** Cap an already sorted list. */
export function listing<T>(items: T[], cap: number, total = items.length): Listing<T> {
  return { total, items: items.length > cap ? items.slice(0, cap) : items };
}
