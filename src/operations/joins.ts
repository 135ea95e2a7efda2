/**
 * Second populations for cross-population rules (terminations ↔ accounts, changes ↔ deployments):
 * naming them (a file is ingested as its join's own kind, with its own map and profile — never the
 * tested population's), indexing them on the keys both populations carry, and reporting which key
 * matched how many rows and which rows matched none.
 *
 * `resolveJoins` is what `tickmark test --join accounts=FILE_OR_ID` and `pull` call; the HTTP test
 * run takes population ids directly.
 *
 * @example
 * const joins = await resolveJoins(store, { accounts: 'okta-users.csv' }, { timeZone: 'UTC' })
 * await runTests(store, terminations.id, { all: true, joins })
 */
import { existsSync } from 'node:fs';
import { tickmarkError } from '../errors.js';
import type { IngestOptions } from '../ingest/ingest.js';
import type { Kind } from '../population/kinds.js';
import type { PopulationChunk, PopulationMeta } from '../population/types.js';
import { buildJoinIndex, type JoinIndex } from '../rules/join/build-join-index.js';
import { joinLookup } from '../rules/join/join-lookup.js';
import { textColumn } from '../rules/read/columns.js';
import type { RuleSet } from '../rules/evaluate/rule-set.js';
import { isId } from '../store/ids.js';
import { readChunks } from '../store/read-chunks.js';
import type { Store } from '../store/store.js';

/** The kind a join's file is ingested as. */
export const JOIN_KINDS: Readonly<Record<string, Kind>> = { accounts: 'account', deployments: 'change' };

/** Options for the join files (each is ingested as its join's kind). */
export interface JoinOptions {
  /** Per join name: the field → header map of its file (`--join-map`). */
  map?: Record<string, Record<string, string | null>>;
  /** Per join name: the source profile of its file (`--join-source`). */
  source?: Record<string, string>;
  /** Zone of naive timestamps in the join files (default UTC). */
  timeZone?: string;
  workers?: number;
  engagementId?: string | null;
  actor?: string;
  signal?: AbortSignal;
}

/** A join name's file or stored population id → the population id rules read. */
export async function resolveJoins(store: Store, joins: Record<string, string>, opts: JoinOptions = {}): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, ref] of Object.entries(joins)) {
    if (isId(ref) && ref.startsWith('pop_') && !existsSync(ref)) {
      out[name] = store.requirePopulation(ref).id;
      continue;
    }
    const kind = JOIN_KINDS[name];
    if (!kind) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--join', expected: `must name a join the built-in rules read (${Object.keys(JOIN_KINDS).join(', ')})`, got: name });
    const ingest: IngestOptions = {
      kind,
      ...(opts.map?.[name] ? { map: opts.map[name] } : {}),
      ...(opts.source?.[name] ? { source: opts.source[name] } : {}),
      ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
      ...(opts.engagementId !== undefined ? { engagementId: opts.engagementId } : {}),
      ...(opts.actor ? { actor: opts.actor } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    };
    const { ingestFile } = await import('../ingest/ingest.js');
    out[name] = (await ingestFile(store, ref, ingest)).population.id;
  }
  return out;
}

/** How a join was made: its population, the keys tried, and what they matched. */
export interface JoinReport {
  populationId: string;
  kind: Kind;
  /** Key pairs in the order tried: the tested population's field ↔ the joined one's. */
  keys: { left: string; right: string }[];
  /** Tested rows matched, per key (`employee_id`, `email ↔ username`…). */
  matched: Record<string, number>;
  /** Tested rows with a key value that no key found: the orphans of the tested population. */
  unmatched: number;
  /** The first unmatched key values (up to 20). */
  orphans: string[];
}

const carries = (m: PopulationMeta, field: string) => Object.hasOwn(m.mapping, field) || m.headers.includes(field);
const keyName = (left: string, right: string) => (left === right ? left : `${left} ↔ ${right}`);

/**
 * Index every join the rule set reads on the key pairs both populations carry (the first is the
 * primary, the others its fallbacks) and report, over the tested population's rows, which key
 * matched. A join with no key both populations carry is an error naming what each maps.
 */
export async function buildJoinIndexes(store: Store, meta: PopulationMeta, joins: Record<string, string> | undefined, set: RuleSet): Promise<{ indexes: Record<string, JoinIndex>; reports: Record<string, JoinReport> } | undefined> {
  if (!set.joins.length) return undefined;
  const indexes: Record<string, JoinIndex> = {};
  const reports: Record<string, JoinReport> = {};
  for (const need of set.joins) {
    const id = joins?.[need.name];
    if (!id) continue;
    const other = store.requirePopulation(id);
    const pairs = need.keys ?? [[need.leftField, need.keyField] as const];
    const usable = pairs.filter(([l, r]) => carries(meta, l) && carries(other, r));
    if (!usable.length) {
      throw tickmarkError('TM_ERR_JOIN_KEY', {
        join: need.name,
        message: `no key both populations carry (tried ${pairs.map(([l, r]) => keyName(l, r)).join(', ')}); the tested population maps ${Object.keys(meta.mapping).join(', ')}; population ${other.id} (${other.kind}) maps ${Object.keys(other.mapping).join(', ')}`,
      });
    }
    const chunks: PopulationChunk[] = [];
    for await (const c of readChunks(store.populationDir(other.id), other)) chunks.push(c);
    const built = usable.map(([left, right]) => buildJoinIndex(chunks, right, { fields: need.fields, leftField: left }));
    indexes[need.name] = { ...built[0]!, fallbacks: built.slice(1) };
    reports[need.name] = await joinReport(store, meta, other, built);
  }
  return { indexes, reports };
}

/** Which key finds each tested row (the first that does), over every row of the tested population. */
async function joinReport(store: Store, meta: PopulationMeta, other: PopulationMeta, indexes: JoinIndex[]): Promise<JoinReport> {
  const matched: Record<string, number> = {};
  const orphans: string[] = [];
  let unmatched = 0;
  for await (const chunk of readChunks(store.populationDir(meta.id), meta)) {
    const columns = indexes.map((i) => textColumn(chunk, i.leftField ?? i.keyField));
    for (let row = 0; row < chunk.rows; row++) {
      let first: string | null = null;
      let hit = false;
      for (let k = 0; k < indexes.length && !hit; k++) {
        const v = columns[k]?.[row];
        if (v == null || v.trim() === '') continue;
        first ??= v;
        if (joinLookup(indexes[k]!, v)) {
          const name = keyName(indexes[k]!.leftField ?? indexes[k]!.keyField, indexes[k]!.keyField);
          matched[name] = (matched[name] ?? 0) + 1;
          hit = true;
        }
      }
      if (!hit && first != null) {
        unmatched++;
        if (orphans.length < 20 && !orphans.includes(first)) orphans.push(first);
      }
    }
  }
  return { populationId: other.id, kind: other.kind, keys: indexes.map((i) => ({ left: i.leftField ?? i.keyField, right: i.keyField })), matched, unmatched, orphans };
}
