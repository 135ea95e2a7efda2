/**
 * The per-chunk groundwork every method shares: eligibility after the filters, the event-time
 * column, and — on demand — record keys and PRNs. PRNs come from the batch kernel (prn-batch.ts)
 * when the key is one field stored as offsets into Latin-1 text, so a scan makes a key string
 * only for the rows it keeps; every other row is hashed from its key string as before.
 * Pure; computed once per chunk.
 *
 * @example
 * const scan = scanChunk(chunk, spec);
 * scan.eligible[0] // 1 when row 0 can be drawn
 * scan.prns()[0] === prn(spec.seed, scan.key(0)) // true for an eligible row
 */
import type { PopulationChunk } from '../population/types.js';
import { recordKeys } from '../population/key.js';
import { cellReader } from '../store/chunk-codec.js';
import { eligibleRows, eventTimes, type EligibilityCounts } from './eligibility.js';
import { prnOfInput, PRN_SEPARATOR } from './prn.js';
import { prnSpans } from './prn-batch.js';
import type { SelectionSpec } from './spec.js';

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
  const { eligible, counts } = eligibleRows(chunk, spec);
  const reader = cellReader(chunk);
  const prefix = spec.seed + PRN_SEPARATOR;
  let all: string[] | undefined;
  let prns: Float64Array | undefined;
  const keys = () => (all ??= recordKeys(chunk, spec.key, spec.headers));
  const single = spec.key.length === 1 ? spec.key[0]! : undefined;
  const key = (i: number): string => {
    if (all || single === undefined) return keys()[i]!;
    const v = reader.field(single, i);
    return typeof v === 'string' && v !== '' ? v : keys()[i]!; // blank key → content key
  };
  return {
    chunk, eligible, counts, prefix, key, keys,
    times: eventTimes(chunk, spec.eventTime),
    prns() {
      if (prns) return prns;
      const spans = single === undefined ? undefined : reader.latin1Spans(single);
      prns = (spans && prnSpans(prefix, spans.bytes, spans.start, spans.end, chunk.rows)) || new Float64Array(chunk.rows).fill(-1);
      for (let i = 0; i < chunk.rows; i++) {
        if (eligible[i] === EXCLUDED) prns[i] = NaN;
        else if (prns[i]! < 0) prns[i] = prnOfInput(prefix + key(i));
      }
      return prns;
    },
  };
}
