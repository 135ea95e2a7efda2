/**
 * The per-chunk groundwork every method shares: record keys, eligibility after the filters,
 * the event-time column and the PRN prefix (`seed ␟`). Pure; computed once per chunk.
 *
 * @example
 * const scan = scanChunk(chunk, spec);
 * scan.eligible[0] // 1 when row 0 can be drawn
 */
import type { PopulationChunk } from '../population/types.js';
import { recordKeys } from '../population/key.js';
import { eligibleRows, eventTimes, type EligibilityCounts } from './eligibility.js';
import { PRN_SEPARATOR } from './prn.js';
import type { SelectionSpec } from './spec.js';

/** Marks in `ChunkScan.eligible`: excluded, drawable, or taken in full as a key item. */
export const EXCLUDED = 0;
export const DRAWABLE = 1;
export const KEY_ITEM = 2;

export interface ChunkScan {
  chunk: PopulationChunk;
  keys: string[];
  /** EXCLUDED, DRAWABLE or KEY_ITEM per row. */
  eligible: Uint8Array;
  counts: EligibilityCounts;
  times: Float64Array;
  /** `seed + U+001F`: prefix of every PRN input. */
  prefix: string;
}

export function scanChunk(chunk: PopulationChunk, spec: SelectionSpec): ChunkScan {
  const { eligible, counts } = eligibleRows(chunk, spec);
  return {
    chunk,
    keys: recordKeys(chunk, spec.key, spec.headers),
    eligible,
    counts,
    times: eventTimes(chunk, spec.eventTime),
    prefix: spec.seed + PRN_SEPARATOR,
  };
}
