/**
 * tie_out: two populations that should describe the same events, matched on a key — deploys
 * (`ticket_ref`) ↔ change tickets (`change_id`), HR terminations ↔ disabled accounts. Keys are
 * read from the raw source text, trimmed, and case-folded when `caseFold` is set. Orphans are
 * listed both ways: our keys with no match in theirs, and theirs with no match in ours (each
 * key once, with its lowest record and its row count). `require` says which side must be
 * complete: 'both' (default) fails on any orphan; 'ours' fails on our orphans and only warns on
 * theirs; 'theirs' the reverse. The whole of both populations is compared (not only the period).
 * Present in every report; not run without a second population.
 *
 * @example
 * // deploys ticket_ref [CHG1, CHG2] vs changes change_id [CHG2, CHG3] → ours.orphans [CHG1], theirs.orphans [CHG3]
 */
import type { PopulationChunk, PopulationMeta } from '../../population/types.js';
import { notRun, type CompletenessCheck } from '../check.js';
import type { CheckContext } from '../context.js';
import { listing } from '../support/capped.js';
import { rawCell } from '../support/columns.js';
import { joinInt32 } from '../support/parts.js';
import type { OrphanKey, PopulationIdentity, TieOutResult, TieOutSide } from '../types.js';

interface SideKeys {
  /** Normalised key per row (null when blank), one array per chunk, aligned with `records`. */
  keys: (string | null)[][];
  records: Int32Array[];
}

export interface TieOutPartial {
  ours: SideKeys;
  theirs: SideKeys;
}

const noKeys = (): SideKeys => ({ keys: [], records: [] });

function readKeys(chunk: PopulationChunk, header: string, caseFold: boolean): SideKeys {
  const raw = rawCell(chunk, header);
  const keys = new Array<string | null>(chunk.rows);
  for (let i = 0; i < chunk.rows; i++) {
    const v = raw?.(i);
    if (v == null) { keys[i] = null; continue; }
    const t = v.trim();
    keys[i] = t === '' ? null : caseFold ? t.toLowerCase() : t;
  }
  return { keys: [keys], records: [chunk.record.slice()] };
}

function map(chunk: PopulationChunk, ctx: CheckContext): TieOutPartial {
  const t = ctx.params.tieOut;
  return { ours: t ? readKeys(chunk, t.ourHeader, t.caseFold) : noKeys(), theirs: noKeys() };
}

function mapOther(chunk: PopulationChunk, ctx: CheckContext): TieOutPartial {
  const t = ctx.params.tieOut;
  return { ours: noKeys(), theirs: t ? readKeys(chunk, t.theirHeader, t.caseFold) : noKeys() };
}

const join = (a: SideKeys, b: SideKeys): SideKeys => ({ keys: [...a.keys, ...b.keys], records: [...a.records, ...b.records] });

function merge(a: TieOutPartial, b: TieOutPartial): TieOutPartial {
  return { ours: join(a.ours, b.ours), theirs: join(a.theirs, b.theirs) };
}

/** key → [lowest record, rows] */
function index(side: SideKeys): { keys: Map<string, [number, number]>; rows: number; blank: number } {
  const records = joinInt32(side.records);
  const keys = new Map<string, [number, number]>();
  let blank = 0;
  let at = 0;
  for (const part of side.keys) {
    for (let i = 0; i < part.length; i++, at++) {
      const k = part[i];
      if (k == null) { blank++; continue; }
      const e = keys.get(k);
      if (!e) keys.set(k, [records[at]!, 1]);
      else { e[1]++; if (records[at]! < e[0]) e[0] = records[at]!; }
    }
  }
  return { keys, rows: records.length, blank };
}

function side(population: string, field: string, mine: ReturnType<typeof index>, other: ReturnType<typeof index>, cap: number): TieOutSide {
  const orphans: OrphanKey[] = [];
  let orphanRows = 0;
  for (const [key, [record, rows]] of mine.keys) {
    if (other.keys.has(key)) continue;
    orphans.push({ key, record, rows });
    orphanRows += rows;
  }
  orphans.sort((a, b) => a.record - b.record);
  return { population, field, rows: mine.rows, keys: mine.keys.size, blank: mine.blank, orphans: listing(orphans, cap), orphanRows };
}

function identity(meta: PopulationMeta): PopulationIdentity {
  return { id: meta.id, kind: meta.kind, file: meta.source.name, sha256: meta.source.sha256, rows: meta.rows.total };
}

function finish(p: TieOutPartial, ctx: CheckContext): TieOutResult {
  const t = ctx.params.tieOut;
  if (!t || !ctx.other) return notRun('tie_out', 'no second population to tie out to');
  const parameters = { other: ctx.other.id, ourKey: t.ourKey, theirKey: t.theirKey, caseFold: t.caseFold, require: t.require, evidenceCap: ctx.cap };
  const ours = index(p.ours);
  const theirs = index(p.theirs);
  const oursSide = side(ctx.meta.id, t.ourKey, ours, theirs, ctx.cap);
  const theirsSide = side(ctx.other.id, t.theirKey, theirs, ours, ctx.cap);
  const matchedKeys = ours.keys.size - oursSide.orphans.total;
  const oursFails = t.require !== 'theirs' && oursSide.orphans.total > 0;
  const theirsFails = t.require !== 'ours' && theirsSide.orphans.total > 0;
  const anyOrphan = oursSide.orphans.total + theirsSide.orphans.total > 0;
  const status = oursFails || theirsFails ? 'fail' : anyOrphan ? 'warn' : 'pass';
  const populations = { ours: identity(ctx.meta), theirs: identity(ctx.other) };
  const name = (p: PopulationIdentity): string => `${p.file} (${p.kind}, ${p.rows} rows, sha256 ${p.sha256.slice(0, 12)}…)`;
  const summary = `${matchedKeys} key(s) match; ${oursSide.orphans.total} ${t.ourKey} of ${name(populations.ours)} not in ${name(populations.theirs)}, ` +
    `${theirsSide.orphans.total} ${t.theirKey} of ${populations.theirs.file} not in ${populations.ours.file}`;
  return {
    id: 'tie_out', status, ran: true, summary, parameters,
    evidence: { populations, caseFold: t.caseFold, require: t.require, matchedKeys, ours: oursSide, theirs: theirsSide },
  };
}

export const tieOut: CompletenessCheck<'tie_out', TieOutPartial> = {
  id: 'tie_out',
  empty: () => ({ ours: noKeys(), theirs: noKeys() }),
  map,
  mapOther,
  merge,
  finish,
};
