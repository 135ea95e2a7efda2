/**
 * duplicate_rows: rows whose every source column is equal (blank and "" told apart), found by a
 * 64-bit hash of the row's source values (support/row-hash.ts) plus the row's character count.
 * The partial is 16 bytes a row (hash, rest, record); finish sorts the hashes natively, and only
 * rows whose 53-bit part repeats are grouped on the full 64 bits + length. A chance collision
 * of two different rows would need ~2^32 rows of equal length. Any duplicate fails; groups are
 * listed by their lowest record.
 *
 * @example
 * // records 4 and 11 identical in every column → groups.items[0] = { hash: '…', rows: 2, records: [4, 11] }
 */
import type { PopulationChunk } from '../../population/types.js';
import type { CompletenessCheck } from '../check.js';
import type { CheckContext } from '../context.js';
import { listing } from '../support/capped.js';
import { hashHex, hashRows, repeatedValues, type Repeats } from '../support/row-hash.js';
import type { DuplicateRowGroup, DuplicateRowsResult } from '../types.js';

export interface DuplicateRowsPartial {
  hash: Float64Array[];
  rest: Int32Array[];
  records: Int32Array[];
}

function map(chunk: PopulationChunk, ctx: CheckContext): DuplicateRowsPartial {
  const { hash, rest } = hashRows(chunk, ctx.meta.headers);
  // Copies: stored hashes are views of the whole chunk file, which a thread hop would clone entire.
  return { hash: [hash.slice()], rest: [rest.slice()], records: [chunk.record.slice()] };
}

function merge(a: DuplicateRowsPartial, b: DuplicateRowsPartial): DuplicateRowsPartial {
  return { hash: [...a.hash, ...b.hash], rest: [...a.rest, ...b.rest], records: [...a.records, ...b.records] };
}

/** Rows of one chunk part whose hash repeats, gathered by full hash + length. */
function groupRepeats(hash: Float64Array, rest: Int32Array, records: Int32Array, repeated: Repeats, groups: Map<string, { hash: number; rest: number; records: number[] }>): void {
  for (let i = 0; i < hash.length; i++) {
    if (!repeated.has(hash[i]!)) continue;
    const id = `${hash[i]}:${rest[i]}`;
    const g = groups.get(id);
    if (g) g.records.push(records[i]!);
    else groups.set(id, { hash: hash[i]!, rest: rest[i]!, records: [records[i]!] });
  }
}

/** What duplicate_rows reports, however it was computed (here from the row hashes; in SQL from aggregates). */
export interface DuplicateRowFigures {
  duplicateGroups: number;
  rowsInvolved: number;
  /** The first `cap` sets by lowest record: hex of the row hash, row count, first `cap` records. */
  groups: DuplicateRowGroup[];
}

/** The result from the figures: status, summary and evidence (the one place they are worded). */
export function duplicateRowsOutcome(f: DuplicateRowFigures, ctx: CheckContext): DuplicateRowsResult {
  const columns = ctx.meta.headers;
  const method = 'rows grouped on a 64-bit hash of every source column (length-framed, blank ≠ "") and the row length';
  const parameters = { columns: columns.length, evidenceCap: ctx.cap };
  const { duplicateGroups: count, rowsInvolved } = f;
  const extraRows = rowsInvolved - count;
  const items = f.groups.slice(0, ctx.cap).map((g) => ({ ...g, records: g.records.slice(0, ctx.cap) }));
  const summary = count === 0
    ? `no two rows are identical across all ${columns.length} source column(s)`
    : `${count} set(s) of identical rows: ${rowsInvolved} rows involved, ${extraRows} extra`;
  return {
    id: 'duplicate_rows', status: count ? 'fail' : 'pass', ran: true, summary, parameters,
    evidence: { columns: [...columns], method, duplicateGroups: count, rowsInvolved, extraRows, groups: listing(items, ctx.cap, count) },
  };
}

function finish(p: DuplicateRowsPartial, ctx: CheckContext): DuplicateRowsResult {
  const repeated = repeatedValues(p.hash);
  const groupsByHash = new Map<string, { hash: number; rest: number; records: number[] }>();
  if (repeated.size) p.hash.forEach((hash, c) => groupRepeats(hash, p.rest[c]!, p.records[c]!, repeated, groupsByHash));
  const groups = [...groupsByHash.values()].filter((g) => g.records.length > 1);
  for (const g of groups) g.records.sort((x, y) => x - y);
  groups.sort((x, y) => x.records[0]! - y.records[0]!);
  let rowsInvolved = 0;
  for (const g of groups) rowsInvolved += g.records.length;
  return duplicateRowsOutcome({
    duplicateGroups: groups.length, rowsInvolved,
    groups: groups.slice(0, ctx.cap).map((g) => ({ hash: hashHex(g.hash, g.rest), rows: g.records.length, records: g.records })),
  }, ctx);
}

export const duplicateRows: CompletenessCheck<'duplicate_rows', DuplicateRowsPartial> = {
  id: 'duplicate_rows',
  empty: () => ({ hash: [], rest: [], records: [] }),
  map,
  merge,
  finish,
};
