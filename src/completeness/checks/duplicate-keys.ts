/**
 * duplicate_keys: the same business key (the population's key fields, trimmed, joined) on more
 * than one row. Rows with a blank key are counted aside (blank_required reports them). The
 * partial keeps each chunk's keys as one string with end offsets (one copy crosses threads, not
 * a string per row), a 53-bit hash of each key (computed in map, so on the workers) and the
 * record numbers. Finish groups only the rows whose hash repeats — by the exact key text,
 * so a hash collision can never make a false duplicate. Any duplicate fails; groups are listed by
 * their lowest record, each with its record numbers ascending (both capped, counts complete).
 *
 * @example
 * // CHG1 on records 3 and 9 → groups.items[0] = { key: 'CHG1', rows: 2, records: [3, 9] }
 */
import { keyTexts as keyColumn } from '../../kernels/keys.js';
import { unitsOfStrings, type TextUnits } from '../../kernels/units.js';
import type { PopulationChunk } from '../../population/types.js';
import { columnsOf } from '../../population/vectors.js';
import { notRun, type CompletenessCheck } from '../check.js';
import type { CheckContext } from '../context.js';
import { listing } from '../support/capped.js';
import { DISPLAY_SEPARATOR, KEY_SEPARATOR, keyReader } from '../support/columns.js';
import { repeatedValues, type Repeats } from '../support/row-hash.js';
import type { DuplicateGroup, DuplicateKeysResult } from '../types.js';

/** A chunk's keys concatenated: key i is `text.slice(ends[i - 1] ?? 0, ends[i])` (blank: NaN hash). */
export interface KeyText {
  text: string;
  ends: Int32Array;
}

export interface DuplicateKeysPartial {
  /** Keys per chunk, aligned with `hashes` and `records`. */
  keys: KeyText[];
  /** 53-bit hash of each key (NaN when blank). */
  hashes: Float64Array[];
  records: Int32Array[];
}

/**
 * Every row's key of a chunk (the key fields, trimmed, joined by U+001F) as one text with end
 * offsets, a 53-bit hash per key (NaN when blank) and the record numbers. A one-field text key is
 * read as code units (no string per row); other keys are joined per row first. Also the sampling
 * unit index's groundwork (scan/unit-job.ts).
 *
 * @example
 * keyTexts(chunk, ['change_id']).hashes[0].length === chunk.rows // true
 */
export function keyTexts(chunk: PopulationChunk, keyFields: readonly string[]): DuplicateKeysPartial {
  if (keyFields.length === 0) return { keys: [], hashes: [], records: [] };
  const single = keyFields.length === 1 ? columnsOf(chunk).field(keyFields[0]!) : undefined;
  let cells: TextUnits;
  if (single?.kind === 'text') cells = single.units();
  else {
    const key = keyReader(chunk, [...keyFields]);
    const keys = new Array<string | null>(chunk.rows);
    for (let i = 0; i < chunk.rows; i++) keys[i] = key(i, KEY_SEPARATOR);
    cells = unitsOfStrings(keys, chunk.rows);
  }
  const { text, ends, hashes } = keyColumn(cells, chunk.rows);
  return { keys: [{ text, ends }], hashes: [hashes], records: [chunk.record.slice(0, chunk.rows)] };
}

function map(chunk: PopulationChunk, ctx: CheckContext): DuplicateKeysPartial {
  return keyTexts(chunk, ctx.keyFields);
}

function merge(a: DuplicateKeysPartial, b: DuplicateKeysPartial): DuplicateKeysPartial {
  return { keys: [...a.keys, ...b.keys], hashes: [...a.hashes, ...b.hashes], records: [...a.records, ...b.records] };
}

/** The groups of more than one row sharing a key, each with its records ascending, by lowest record. */
export function duplicateGroups(keyParts: readonly KeyText[], hashes: readonly Float64Array[], records: readonly Int32Array[]): { groups: { key: string; records: number[] }[]; blank: number } {
  const repeated = repeatedValues(hashes);
  const byKey = new Map<string, number[]>();
  let blank = 0;
  keyParts.forEach((keys, c) => (blank += gatherRepeats(keys, hashes[c]!, records[c]!, repeated, byKey)));
  const groups = [...byKey].filter(([, recs]) => recs.length > 1).map(([key, recs]) => ({ key, records: recs.sort((x, y) => x - y) }));
  groups.sort((x, y) => x.records[0]! - y.records[0]!);
  return { groups, blank };
}

/** The records of one chunk part by key, for the keys whose hash repeats; returns its blank keys. */
function gatherRepeats({ text, ends }: KeyText, hashes: Float64Array, records: Int32Array, repeated: Repeats, byKey: Map<string, number[]>): number {
  let blank = 0;
  for (let i = 0; i < ends.length; i++) {
    const h = hashes[i]!;
    if (h !== h) {
      blank++;
      continue;
    }
    if (!repeated.has(h)) continue;
    const k = text.slice(i ? ends[i - 1]! : 0, ends[i]!);
    const list = byKey.get(k);
    if (list) list.push(records[i]!);
    else byKey.set(k, [records[i]!]);
  }
  return blank;
}

/** What duplicate_keys reports, however it was computed (here from every key; in SQL from aggregates). */
export interface DuplicateKeyFigures {
  rowsWithKey: number;
  blank: number;
  /** Keys on more than one row, and the rows they are on. */
  duplicateKeys: number;
  rowsInvolved: number;
  /** The first `cap` groups by lowest record: the key (fields joined by U+001F), its row count, its first `cap` records. */
  groups: { key: string; rows: number; records: number[] }[];
}

/** The result from the figures: status, summary and evidence (the one place they are worded). */
export function duplicateKeysOutcome(f: DuplicateKeyFigures, ctx: CheckContext): DuplicateKeysResult {
  const parameters = { keyFields: ctx.keyFields, evidenceCap: ctx.cap };
  if (ctx.keyFields.length === 0) return notRun('duplicate_keys', 'the population has no business key', parameters);
  const { rowsWithKey, blank, duplicateKeys: count, rowsInvolved } = f;
  const distinct = rowsWithKey - (rowsInvolved - count);
  const cap = ctx.cap;
  const items: DuplicateGroup[] = f.groups.slice(0, cap).map((g) => ({ key: g.key.split(KEY_SEPARATOR).join(DISPLAY_SEPARATOR), rows: g.rows, records: g.records.slice(0, cap) }));
  const keyName = ctx.keyFields.join(' + ');
  // An export that writes one item over several rows (a scan's finding per port): those rows are the item's lines.
  const lineItems = ctx.meta.lineItems === true;
  const summary = count === 0
    ? `every ${keyName} is unique (${rowsWithKey} row(s) with a key${blank ? `, ${blank} blank` : ''})`
    : lineItems
      ? `${count} item(s) written over several rows, as this export writes its line items (${rowsInvolved} rows; each item is one sampling unit): ${distinct} distinct ${keyName}`
      : `${count} ${keyName} value(s) on more than one row: ${rowsInvolved} rows involved, ${rowsWithKey - distinct} extra`;
  return {
    id: 'duplicate_keys', status: count && !lineItems ? 'fail' : 'pass', ran: true, summary, parameters: { ...parameters, lineItems },
    evidence: { keyFields: ctx.keyFields, rowsWithKey, blankKey: blank, duplicateKeys: count, rowsInvolved, extraRows: rowsWithKey - distinct, lineItems, groups: listing(items, cap, count) },
  };
}

function finish(p: DuplicateKeysPartial, ctx: CheckContext): DuplicateKeysResult {
  if (ctx.keyFields.length === 0) return duplicateKeysOutcome({ rowsWithKey: 0, blank: 0, duplicateKeys: 0, rowsInvolved: 0, groups: [] }, ctx);
  const { groups, blank } = duplicateGroups(p.keys, p.hashes, p.records);
  const rows = p.records.reduce((n, r) => n + r.length, 0);
  let rowsInvolved = 0;
  for (const g of groups) rowsInvolved += g.records.length;
  return duplicateKeysOutcome({
    rowsWithKey: rows - blank, blank, duplicateKeys: groups.length, rowsInvolved,
    groups: groups.slice(0, ctx.cap).map((g) => ({ key: g.key, rows: g.records.length, records: g.records })),
  }, ctx);
}

export const duplicateKeys: CompletenessCheck<'duplicate_keys', DuplicateKeysPartial> = {
  id: 'duplicate_keys',
  empty: () => ({ keys: [], hashes: [], records: [] }),
  map,
  merge,
  finish,
};
