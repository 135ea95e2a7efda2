/**
 * A candidate: one eligible record as selection sees it (PRN, key, source position, event time,
 * stratum). Candidates are totally ordered by PRN, then key (UTF-16 code units), then source
 * record number, so any two runs order them the same way whatever the chunking.
 *
 * @example
 * compareCandidates(a, b) < 0 // a is drawn before b
 */

export interface Candidate {
  /** Permanent random number in [0, 1). */
  prn: number;
  /** Record key (business key or content key). */
  key: string;
  /** 1-based source record number. */
  record: number;
  /** 1-based source line where the record starts. */
  line: number;
  /** Event time (UTC epoch ms); NaN when the record has none. */
  eventTime: number;
  /** Stratum id (e.g. `2025-03`, `2025-Q1`, `undated`), for stratified designs. */
  stratum?: string;
}

/** Total order used by every PRN-based draw: PRN, then key, then record number. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.prn !== b.prn) return a.prn < b.prn ? -1 : 1;
  return tieBreak(a.key, a.record, b.key, b.record);
}

/** Order of two records with equal PRN: by key (code units), then by record number. */
export function tieBreak(keyA: string, recordA: number, keyB: string, recordB: number): number {
  if (keyA !== keyB) return keyA < keyB ? -1 : 1;
  return recordA - recordB;
}
