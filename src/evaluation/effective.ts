/**
 * The result of each sampled item on each attribute once the team's entries are applied: a
 * person's mark on a manual attribute, an override of an automated result (the rule's own result
 * kept beside it), an exception the team added. An unmarked manual attribute is `pending`.
 * Items are matched to entries by draw order and key — an entry for an item the sample does not
 * hold, or an attribute the test run does not have, is refused by `checkEntries`.
 *
 * @example
 * effectiveOutcomes(items, run, entries)[0].outcomes[7] // { status: 'exception', source: 'team' }
 */
import { tickmarkError } from '../errors.js';
import type { ItemResult, Outcome, TestRun } from '../rules/types.js';
import type { SelectedItem } from '../sampling/selection.js';
import type { Mark, TeamEntries } from './entries.js';
import type { EffectiveOutcome } from './types.js';

export interface EffectiveItem {
  order: number;
  key: string;
  keyItem: boolean;
  /** One per attribute of the test run, in its order. */
  outcomes: EffectiveOutcome[];
}

const MARK_STATUS: Record<Mark, EffectiveOutcome['status']> = { '✓': 'pass', X: 'exception', 'N/A': 'not_applicable' };

function toolOutcome(o: Outcome | undefined): EffectiveOutcome {
  if (!o || o.status === 'manual') return { status: 'pending', source: 'tool', ...(o ? { toolStatus: o.status } : {}) };
  if (o.status === 'exception') return { status: 'exception', source: 'tool', toolStatus: o.status, reason: o.message };
  if (o.status === 'not_applicable') return { status: 'not_applicable', source: 'tool', toolStatus: o.status, reason: o.reason };
  return { status: 'pass', source: 'tool', toolStatus: o.status };
}

const itemId = (order: number, key: string): string => `${order}\u0000${key}`;

/** Refuse entries that name an item or attribute the sample and its test run do not have. */
export function checkEntries(items: readonly SelectedItem[], run: TestRun, entries: TeamEntries): void {
  const known = new Set(items.map((i) => itemId(i.order, i.key)));
  const attributes = new Map(run.attributes.map((a) => [a.attribute, a.mode]));
  const refuse = (what: string): never => {
    throw tickmarkError('TM_ERR_BAD_ENTRIES', { reason: what });
  };
  for (const e of entries.items) {
    if (!known.has(itemId(e.order, e.key))) refuse(`item ${e.order} (${JSON.stringify(e.key)}) is not in the sample`);
    for (const a of Object.keys(e.marks)) {
      if (!attributes.has(a)) refuse(`item ${e.order}: attribute ${a} is not one of the test run's attributes (${[...attributes.keys()].join(', ')})`);
      if (attributes.get(a) !== 'manual') refuse(`item ${e.order}: attribute ${a} is automated — enter an override with a reason, not a mark`);
    }
    for (const [a, o] of Object.entries(e.overrides)) {
      if (attributes.get(a) !== 'automated') refuse(`item ${e.order}: only automated attributes can be overridden (${a} is not one)`);
      if (!o.reason.trim()) refuse(`item ${e.order}: the override of attribute ${a} needs a reason`);
    }
  }
  for (const x of entries.addedExceptions) {
    if (!known.has(itemId(x.order, x.key))) refuse(`added exception: item ${x.order} (${JSON.stringify(x.key)}) is not in the sample`);
    if (!attributes.has(x.attribute)) refuse(`added exception on item ${x.order}: attribute ${x.attribute} is not one of the test run's attributes`);
    if (!x.description.trim()) refuse(`added exception on item ${x.order}, attribute ${x.attribute}: it needs a description`);
  }
}

/** Each sampled item's outcome per attribute after the entries. */
export function effectiveOutcomes(items: readonly SelectedItem[], run: TestRun, entries: TeamEntries): EffectiveItem[] {
  const results = new Map<number, ItemResult>((run.items ?? []).map((r) => [r.record, r]));
  const byItem = new Map(entries.items.map((e) => [itemId(e.order, e.key), e]));
  const added = new Map<string, string>();
  for (const x of entries.addedExceptions) added.set(`${itemId(x.order, x.key)}\u0000${x.attribute}`, x.description);
  return items.map((item) => {
    const result = results.get(item.record);
    const entry = byItem.get(itemId(item.order, item.key));
    const outcomes = run.attributes.map((a, i): EffectiveOutcome => {
      const tool = toolOutcome(result?.outcomes[i]);
      let out = tool;
      const mark = entry?.marks[a.attribute];
      const override = entry?.overrides[a.attribute];
      if (a.mode === 'manual' && mark) out = { status: MARK_STATUS[mark], source: 'team' };
      if (a.mode === 'automated' && override) out = { status: MARK_STATUS[override.mark], source: 'override', ...(tool.toolStatus ? { toolStatus: tool.toolStatus } : {}), reason: override.reason };
      const description = added.get(`${itemId(item.order, item.key)}\u0000${a.attribute}`);
      if (description !== undefined && out.status !== 'exception') out = { status: 'exception', source: 'added', ...(tool.toolStatus ? { toolStatus: tool.toolStatus } : {}), reason: description };
      return out;
    });
    return { order: item.order, key: item.key, keyItem: item.keyItem, outcomes };
  });
}
