/**
 * Edits to the team's entries on a sample, as pure functions: each returns new entries (the saved
 * version stays as it was) with nothing empty left behind — an item with no mark, override,
 * evidence or comment is not listed, so what is posted is what the team entered.
 *
 * @example
 * const next = setMark(entries, { order: 3, key: 'CHG0000417' }, 'H', '✓')
 * await api.post(`/v1/test-runs/${runId}/results`, { entries: next })
 */
import type { ExceptionWriteUp, ItemEntry, Mark, TeamEntries, WorkpaperFields } from '../api/types.js';

export interface ItemRef {
  order: number;
  key: string;
}

export function emptyEntries(): TeamEntries {
  return { items: [], addedExceptions: [], writeUps: [], workpaper: {}, completeness: [] };
}

const same = (a: ItemRef, b: ItemRef) => a.order === b.order && a.key === b.key;

const isEmpty = (i: ItemEntry) => !Object.keys(i.marks).length && !Object.keys(i.overrides).length && !i.evidence && !i.comment;

export function itemEntry(entries: TeamEntries, item: ItemRef): ItemEntry {
  return entries.items.find((i) => same(i, item)) ?? { order: item.order, key: item.key, marks: {}, overrides: {} };
}

function withItem(entries: TeamEntries, item: ItemRef, change: (e: ItemEntry) => ItemEntry): TeamEntries {
  const next = change(itemEntry(entries, item));
  const others = entries.items.filter((i) => !same(i, item));
  const items = isEmpty(next) ? others : [...others, next].sort((a, b) => a.order - b.order);
  return { ...entries, items };
}

/** Mark a manual attribute (null clears the mark). */
export function setMark(entries: TeamEntries, item: ItemRef, attribute: string, mark: Mark | null): TeamEntries {
  return withItem(entries, item, (e) => {
    const marks = { ...e.marks };
    if (mark) marks[attribute] = mark;
    else delete marks[attribute];
    return { ...e, marks };
  });
}

/** Override an automated result with a mark and the reason (null removes the override). */
export function setOverride(entries: TeamEntries, item: ItemRef, attribute: string, override: { mark: Mark; reason: string } | null): TeamEntries {
  return withItem(entries, item, (e) => {
    const overrides = { ...e.overrides };
    if (override) overrides[attribute] = override;
    else delete overrides[attribute];
    return { ...e, overrides };
  });
}

/** The evidence reference and comment of an item (blank text is removed). */
export function setItemText(entries: TeamEntries, item: ItemRef, text: { evidence?: string; comment?: string }): TeamEntries {
  return withItem(entries, item, (e) => {
    const next: ItemEntry = { order: e.order, key: e.key, marks: e.marks, overrides: e.overrides };
    const evidence = (text.evidence ?? e.evidence ?? '').trim();
    const comment = (text.comment ?? e.comment ?? '').trim();
    if (evidence) next.evidence = evidence;
    if (comment) next.comment = comment;
    return next;
  });
}

export function writeUpOf(entries: TeamEntries, item: ItemRef, attribute: string): ExceptionWriteUp | undefined {
  return entries.writeUps.find((w) => same(w, item) && w.attribute === attribute);
}

/** Write up an exception: root cause, management response, isolated or systemic (all blank removes it). */
export function setWriteUp(entries: TeamEntries, item: ItemRef, attribute: string, w: { rootCause?: string; managementResponse?: string; nature?: 'isolated' | 'systemic' | '' }): TeamEntries {
  const others = entries.writeUps.filter((x) => !(same(x, item) && x.attribute === attribute));
  const rootCause = w.rootCause?.trim();
  const managementResponse = w.managementResponse?.trim();
  const next: ExceptionWriteUp = { order: item.order, key: item.key, attribute, ...(rootCause ? { rootCause } : {}), ...(managementResponse ? { managementResponse } : {}), ...(w.nature ? { nature: w.nature } : {}) };
  const keep = rootCause || managementResponse || w.nature;
  return { ...entries, writeUps: keep ? [...others, next].sort((a, b) => a.order - b.order || a.attribute.localeCompare(b.attribute)) : others };
}

/** An exception the team found that the tool did not flag. */
export function addException(entries: TeamEntries, item: ItemRef, attribute: string, description: string): TeamEntries {
  const others = entries.addedExceptions.filter((x) => !(same(x, item) && x.attribute === attribute));
  return { ...entries, addedExceptions: [...others, { order: item.order, key: item.key, attribute, description: description.trim() }] };
}

export function removeException(entries: TeamEntries, item: ItemRef, attribute: string): TeamEntries {
  return { ...entries, addedExceptions: entries.addedExceptions.filter((x) => !(same(x, item) && x.attribute === attribute)) };
}

/** Workpaper fields and sign-offs (blank text removed). */
export function setWorkpaper(entries: TeamEntries, fields: WorkpaperFields): TeamEntries {
  const workpaper: WorkpaperFields = {};
  for (const [k, v] of Object.entries({ ...entries.workpaper, ...fields }) as [keyof WorkpaperFields, unknown][]) {
    if (typeof v === 'string' ? v.trim() !== '' : v !== undefined) (workpaper as Record<string, unknown>)[k] = typeof v === 'string' ? v.trim() : v;
  }
  return { ...entries, workpaper };
}

/** The team's note on a completeness check that warned or failed (blank removes it). */
export function setDisposition(entries: TeamEntries, check: string, disposition: string): TeamEntries {
  const others = entries.completeness.filter((c) => c.check !== check);
  return { ...entries, completeness: disposition.trim() ? [...others, { check, disposition: disposition.trim() }] : others };
}

/** The key a mark key stands for in the test matrix: ✓ (v, y, c, 1, ✓), X (x), N/A (n, a), clear (Delete, Backspace, 0). */
export function markForKey(key: string): Mark | null | undefined {
  const k = key.toLowerCase();
  if (['v', 'y', 'c', '1', '✓'].includes(k)) return '✓';
  if (k === 'x') return 'X';
  if (k === 'n' || k === 'a') return 'N/A';
  if (k === 'delete' || k === 'backspace' || k === '0') return null;
  return undefined;
}
