/**
 * The partial result of testing one or more chunks: per-attribute counts, overall item counts,
 * findings, kept item rows, per-group tallies of population-level rules, and the items whose
 * population-level outcomes wait for the finish pass. Plain data (Maps allowed), so a worker can
 * return it and the main thread merge it.
 *
 * @example
 * const p = emptyPartial(set, 'population') // counts all zero
 */
import type { Kind } from '../../population/kinds.js';
import type { Finding, GroupTally, ItemResult, Outcome, OverallSummary } from '../types.js';
import type { RuleSet } from './rule-set.js';

export interface AttributeCounts {
  pass: number[];
  exception: number[];
  notApplicable: number[];
  manual: number[];
}

/** An item waiting for population-level outcomes (slots at `groups[i][0]` hold null until then). */
export interface PendingItem {
  key: string;
  record: number;
  line: number;
  outcomes: (Outcome | null)[];
  /** [attribute index, group key] for each population-level attribute of the item. */
  groups: [number, string][];
}

export interface TestPartial {
  scope: 'population' | 'sample';
  kind: Kind;
  /** Rule ids in attribute order (checked on merge). */
  rules: string[];
  counts: AttributeCounts;
  overall: Omit<OverallSummary, 'missing'>;
  findings: Finding[];
  /** Kept item rows (null when not kept). */
  items: ItemResult[] | null;
  /** Per attribute: group tallies of a population-level rule, null for item rules. */
  tallies: (Map<string, GroupTally> | null)[];
  pending: PendingItem[];
  /** Sample scope: records found in the chunks. */
  found: number[];
}

export function emptyPartial(set: RuleSet, scope: 'population' | 'sample', keepItems: boolean): TestPartial {
  const n = set.rules.length;
  const zeros = () => new Array<number>(n).fill(0);
  return {
    scope,
    kind: set.kind,
    rules: set.rules.map((r) => r.id),
    counts: { pass: zeros(), exception: zeros(), notApplicable: zeros(), manual: zeros() },
    overall: { items: 0, tested: 0, deviations: 0, notApplicable: 0, manual: 0 },
    findings: [],
    items: keepItems ? [] : null,
    tallies: set.rules.map((r) => (r.level === 'population' ? new Map() : null)),
    pending: [],
    found: [],
  };
}

export function countOutcome(counts: AttributeCounts, index: number, outcome: Outcome): void {
  switch (outcome.status) {
    case 'pass': counts.pass[index]!++; break;
    case 'exception': counts.exception[index]!++; break;
    case 'not_applicable': counts.notApplicable[index]!++; break;
    case 'manual': counts.manual[index]!++; break;
  }
}

/** Add one item (all outcomes known) to the overall counts; returns whether it is a deviation. */
export function countItem(overall: TestPartial['overall'], outcomes: readonly Outcome[]): boolean {
  let exception = false;
  let tested = false;
  let manual = false;
  let allNa = outcomes.length > 0;
  for (const o of outcomes) {
    if (o.status === 'exception') { exception = true; tested = true; }
    else if (o.status === 'pass') tested = true;
    else if (o.status === 'manual') manual = true;
    if (o.status !== 'not_applicable') allNa = false;
  }
  overall.items++;
  if (tested) overall.tested++;
  if (exception) overall.deviations++;
  if (allNa) overall.notApplicable++;
  if (manual) overall.manual++;
  return exception;
}

/** Keep at most this many record numbers per group, the smallest ones. */
export const GROUP_RECORDS = 10;

/** Keep at most this many distinct member values per name per group, the smallest ones. */
export const GROUP_MEMBERS = 100_000;

/** Add `values` to a sorted distinct list, keeping the smallest GROUP_MEMBERS. */
export function addMembers(list: string[], values: Iterable<string>): string[] {
  const merged = [...new Set([...list, ...values])].sort();
  return merged.length > GROUP_MEMBERS ? merged.slice(0, GROUP_MEMBERS) : merged;
}

function mergeMembers(a: GroupTally['members'], b: GroupTally['members']): GroupTally['members'] {
  if (!a && !b) return undefined;
  const out: Record<string, string[]> = {};
  for (const name of new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])) out[name] = addMembers(a?.[name] ?? [], b?.[name] ?? []);
  return out;
}

export function mergeTally(into: Map<string, GroupTally>, key: string, t: GroupTally): void {
  const cur = into.get(key);
  if (!cur) {
    const members = mergeMembers(t.members, undefined);
    into.set(key, { count: t.count, records: [...t.records], label: { ...t.label }, labelRecord: t.labelRecord, ...(members ? { members } : {}) });
    return;
  }
  cur.count += t.count;
  cur.records = [...cur.records, ...t.records].sort((a, b) => a - b).slice(0, GROUP_RECORDS);
  if (t.labelRecord < cur.labelRecord) { cur.label = { ...t.label }; cur.labelRecord = t.labelRecord; }
  const members = mergeMembers(cur.members, t.members);
  if (members) cur.members = members;
}
