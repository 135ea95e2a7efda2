/**
 * The selection from a SQL pull's results, through the embedded engine's own code: the rows the
 * selection statement returned become the method's partial (random: the drawn candidates;
 * stratified: each stratum's population from the `strata` statement and its drawn candidates;
 * key items: every key item and the rest's partial) and `finishSelection` draws from it — so the
 * allocation, the orders, `allSelected` and the recorded design are the embedded engine's. The
 * orders SQL gave must be the orders finish gives (a disagreement is an internal error, never a
 * silent difference). Systematic designs are assembled from the same helpers (`systematicStart`).
 *
 * @example
 * const selection = selectionFromResults(spec, { counts, strata, selected, unitRows })
 */
import { tickmarkError } from '../../errors.js';
import type { Candidate } from '../../sampling/candidate.js';
import { compareCandidates } from '../../sampling/candidate.js';
import type { EligibilityCounts } from '../../sampling/eligibility.js';
import { finishSelection, type SelectionPartial } from '../../sampling/methods/index.js';
import { systematicStart } from '../../sampling/methods/systematic.js';
import { selectionOf } from '../../sampling/result.js';
import { selectedItem, type Selection } from '../../sampling/selection.js';
import type { SelectionSpec } from '../../sampling/spec.js';
import { int, text, type TypedRow } from './results.js';

export interface SelectionResults {
  counts: TypedRow;
  strata?: TypedRow[] | undefined;
  selected: TypedRow[];
  unitRows: TypedRow[];
}

export function eligibilityCounts(row: TypedRow): EligibilityCounts {
  return {
    considered: int(row.considered),
    unitMembers: int(row.unit_members),
    excludedByFilter: int(row.excluded_by_filter),
    excludedByPeriod: int(row.excluded_by_period),
    undated: int(row.undated),
    eligible: int(row.eligible),
  };
}

function candidate(row: TypedRow, stratified: boolean): Candidate {
  const hex = text(row.prn_hex);
  if (!/^[0-9a-f]{13}$/.test(hex)) throw tickmarkError('TM_ERR_SQL_RESULTS', { dir: 'selection', reason: `prn_hex ${JSON.stringify(hex)} is not 13 lower-case hex digits` });
  return {
    prn: parseInt(hex, 16) / 2 ** 52,
    key: text(row.key),
    record: int(row.record),
    line: int(row.line),
    eventTime: row.event_ms === null ? NaN : int(row.event_ms),
    ...(stratified ? { stratum: text(row.stratum) } : {}),
  };
}

function partialOf(spec: SelectionSpec, counts: EligibilityCounts, r: SelectionResults): SelectionPartial {
  const stratified = spec.method === 'stratified' || (spec.method === 'key-items' && spec.keyItems?.rest === 'stratified');
  const keyItems = r.selected.filter((row) => int(row.key_item) === 1).map((row) => candidate(row, stratified)).sort(compareCandidates);
  const drawn = r.selected.filter((row) => int(row.key_item) !== 1).map((row) => candidate(row, stratified)).sort(compareCandidates);
  const restCounts = { ...counts, eligible: counts.eligible - keyItems.length };
  const rest = stratified
    ? {
      method: 'stratified' as const,
      counts: restCounts,
      strata: (r.strata ?? []).map((s) => ({ id: text(s.stratum), population: int(s.population), candidates: drawn.filter((c) => c.stratum === text(s.stratum)) }))
        .sort((a, b) => (a.id === b.id ? 0 : a.id === 'undated' ? 1 : b.id === 'undated' ? -1 : a.id < b.id ? -1 : 1)),
    }
    : { method: 'random' as const, counts: restCounts, candidates: drawn };
  if (spec.method === 'key-items') return { method: 'key-items', counts, keyItems, rest };
  return { ...rest, counts };
}

function systematicSelection(spec: SelectionSpec, counts: EligibilityCounts, r: SelectionResults): Selection {
  const N = counts.eligible;
  const drawn = Math.min(spec.n, N);
  const start = drawn > 0 && drawn < N ? systematicStart(spec.seed, N) : 0;
  const items = [...r.selected].sort((a, b) => int(a.selection_order) - int(b.selection_order)).map((row) => selectedItem(candidate(row, false), int(row.selection_order), false, false));
  return selectionOf(spec, counts, { items, systematic: { ordered: N, drawn, interval: drawn > 0 ? N / drawn : 0, start }, allSelected: spec.n >= N });
}

/** The selection (by sampling unit: items list their unit's rows) and a check that SQL's orders are finish's. */
export function selectionFromResults(spec: SelectionSpec, r: SelectionResults): Selection {
  const counts = eligibilityCounts(r.counts);
  const selection = spec.method === 'systematic' ? systematicSelection(spec, counts, r) : finishSelection(partialOf(spec, counts, r), spec);
  const sqlOrder = new Map(r.selected.map((row) => [`${text(row.key)}\u0000${int(row.record)}`, int(row.selection_order)]));
  for (const item of selection.items) {
    const order = sqlOrder.get(`${item.key}\u0000${item.record}`);
    if (order !== item.order) throw tickmarkError('TM_ERR_INTERNAL', { message: `SQL drew ${JSON.stringify(item.key)} at order ${order}, tickmark's draw puts it at ${item.order}` });
  }
  if (selection.items.length !== r.selected.length) throw tickmarkError('TM_ERR_INTERNAL', { message: `SQL selected ${r.selected.length} item(s), tickmark's draw ${selection.items.length}` });
  const rowsByKey = new Map<string, number[]>();
  for (const row of r.unitRows) {
    const list = rowsByKey.get(text(row.key)) ?? [];
    list.push(int(row.record));
    rowsByKey.set(text(row.key), list);
  }
  const items = selection.items.map((item) => {
    const rows = (rowsByKey.get(item.key) ?? []).sort((a, b) => a - b);
    return rows.length > 1 ? { ...item, rows } : item;
  });
  return { ...selection, items, units: { unit: spec.unit ?? { by: 'item', key: spec.key }, repeated: int(r.counts.repeated_units), memberRows: counts.unitMembers } };
}
