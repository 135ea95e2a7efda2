/**
 * The per-chunk groundwork every method shares: eligibility after the filters, the event-time
 * column, and — on demand — record keys and PRNs. PRNs come from the batch kernel (prn-batch.ts)
 * when the key is one text field whose cells are Latin-1 code units, so a scan makes a key string
 * only for the rows it keeps; the other rows (quoted key cells, composite keys) go to the kernel
 * as key strings, and only what it hands back is hashed one by one.
 * Pure; computed once per chunk.
 *
 * @example
 * const scan = scanChunk(chunk, spec);
 * scan.eligible[0] // 1 when row 0 can be drawn
 * scan.prns()[0] === prn(spec.seed, scan.key(0)) // true for an eligible row
 */
import type { PopulationChunk } from '../population/types.js';
import { recordKeys } from '../population/key.js';
import { columnsOf, type FieldVector } from '../population/vectors.js';
import { eligibleRows, eventTimes, type EligibilityCounts } from './eligibility.js';
import { prnOfInput, PRN_SEPARATOR } from './prn.js';
import { prnKeys, prnSpans } from './prn-batch.js';
import type { SelectionSpec } from './spec.js';

/** Below this many key strings, hashing them one by one costs less than laying them out for the kernel. */
const KEYS_FOR_KERNEL = 32;

/** Marks in `ChunkScan.eligible`: excluded, drawable, or taken in full as a key item. */
export const EXCLUDED = 0;
export const DRAWABLE = 1;
export const KEY_ITEM = 2;

export interface ChunkScan {
  chunk: PopulationChunk;
  /** EXCLUDED, DRAWABLE or KEY_ITEM per row. */
  eligible: Uint8Array;
  counts: EligibilityCounts;
  times: Float64Array;
  /** `seed + U+001F`: prefix of every PRN input. */
  prefix: string;
  /** The record key of row i. */
  key(i: number): string;
  /** Every row's key (materialised once; for methods that keep them all). */
  keys(): string[];
  /** Every eligible row's PRN (computed once; NaN for excluded rows). */
  prns(): Float64Array;
}

export function scanChunk(chunk: PopulationChunk, spec: SelectionSpec): ChunkScan {
  return new Scan(chunk, spec);
}

/**
 * A class, not an object of closures: a scan is made per chunk, and shared prototype methods keep
 * the callers' optimised loops valid from one chunk to the next (new closures each chunk made V8
 * throw them away: "wrong call target").
 */
class Scan implements ChunkScan {
  readonly eligible: Uint8Array;
  readonly counts: EligibilityCounts;
  readonly times: Float64Array;
  readonly prefix: string;
  /** The key's one field, when the key is one field. */
  private readonly single: FieldVector | undefined;
  private all: string[] | undefined;
  private column: Float64Array | undefined;

  constructor(readonly chunk: PopulationChunk, private readonly spec: SelectionSpec) {
    const { eligible, counts } = eligibleRows(chunk, spec);
    this.eligible = eligible;
    this.counts = counts;
    this.times = eventTimes(chunk, spec.eventTime);
    this.prefix = spec.seed + PRN_SEPARATOR;
    this.single = spec.key.length === 1 ? columnsOf(chunk).field(spec.key[0]!) : undefined;
  }

  keys(): string[] {
    return (this.all ??= recordKeys(this.chunk, this.spec.key, this.spec.headers));
  }

  key(i: number): string {
    if (this.all || this.single === undefined) return this.keys()[i]!;
    const v = this.single.cell(i);
    return typeof v === 'string' && v !== '' ? v : this.keys()[i]!; // blank key → content key
  }

  prns(): Float64Array {
    if (this.column) return this.column;
    const rows = this.chunk.rows;
    const cells = this.single?.kind === 'text' ? this.single.units() : undefined;
    const prns = (cells?.units instanceof Uint8Array && prnSpans(this.prefix, cells.units, cells.start, cells.end, rows)) || new Float64Array(rows).fill(-1);
    // Rows the kernel could not give (non-ASCII, composite or blank keys): from their key strings.
    const rest = settle(prns, this.eligible);
    const keys = rest.map((i) => this.key(i));
    const batch = rest.length >= KEYS_FOR_KERNEL ? prnKeys(this.prefix, keys) : undefined;
    for (let j = 0; j < rest.length; j++) {
      const p = batch ? batch[j]! : -1;
      prns[rest[j]!] = p >= 0 ? p : prnOfInput(this.prefix + keys[j]!);
    }
    return (this.column = prns);
  }
}

/** NaN for excluded rows; the rows the kernel handed back (-1) that are eligible, to hash one by one. */
function settle(prns: Float64Array, eligible: Uint8Array): number[] {
  const rest: number[] = [];
  for (let i = 0; i < prns.length; i++) {
    if (eligible[i] === EXCLUDED) prns[i] = NaN;
    else if (prns[i]! < 0) rest.push(i);
  }
  return rest;
}
