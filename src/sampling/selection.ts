/**
 * The result of a selection: the selected items in draw order, the eligible population, the
 * strata and filters that shaped it. `order` is the 1-based draw sequence, defined so that a
 * sample of n is always the first n draws of a larger sample with the same seed:
 * - random: ascending PRN;
 * - stratified: the allocation's seat sequence (see allocation.ts), each seat taking its
 *   stratum's next-smallest PRN;
 * - systematic: ascending position in the (event time, key, record) order; items added by an
 *   extension follow, by ascending PRN;
 * - key-items: the key items first (ascending PRN), then the rest's draws.
 *
 * @example
 * selection.items[0] // { order: 1, key: 'CHG0000417', prn: 0.00031…, prnHex: '0014a…', record: 417, line: 418, keyItem: false, addedByExtension: false }
 */
import type { PrnAlgorithm } from './prn.js';
import type { Candidate } from './candidate.js';
import { hexOfPrn } from './prn.js';
import type { EligibilityCounts, FilterRecord } from './eligibility.js';
import type { MethodName, SelectionSpec } from './spec.js';
import type { SamplingUnit } from './units.js';

export interface SelectedItem {
  /** 1-based draw order (see module doc). */
  order: number;
  key: string;
  prn: number;
  /** The PRN's 52-bit integer as 13 hex digits (first 13 hex digits of the SHA-256). */
  prnHex: string;
  stratum?: string;
  /** 1-based source record number and the line where it starts. */
  record: number;
  line: number;
  /** Event time, UTC epoch ms (absent when the record has none). */
  eventTime?: number;
  /** Taken in full as a key item (not drawn). */
  keyItem: boolean;
  /** Drawn by extending an earlier sample of `extendFrom` items. */
  addedByExtension: boolean;
  /** Every record of the item's unit, ascending, when it has more than one row. */
  rows?: number[];
}

export interface StratumSummary {
  id: string;
  /** Eligible records in the stratum (for key-items: excluding the key items). */
  population: number;
  allocated: number;
  selected: number;
}

/** How a systematic draw was made, so a reviewer can re-perform it. */
export interface SystematicDraw {
  /** Eligible records ordered by (event time, key, record); records with no event time last. */
  ordered: number;
  /** Items drawn systematically (n, or extendFrom when extending). */
  drawn: number;
  /** Interval N / drawn. */
  interval: number;
  /** Random start r, an integer in [0, N): item i (0-based) is at 1-based position floor((r + i·N) / drawn) + 1. */
  start: number;
}

export interface Selection {
  algorithm: PrnAlgorithm;
  method: MethodName;
  seed: string;
  n: number;
  items: SelectedItem[];
  /** Records eligible after the filters (key items included). */
  eligible: number;
  counts: EligibilityCounts;
  filters: FilterRecord[];
  strata?: StratumSummary[];
  keyItems?: { condition: string; count: number };
  systematic?: SystematicDraw;
  /** True when n ≥ the eligible records drawn from: every one of them is selected. */
  allSelected: boolean;
  extendFrom?: number;
  /** The sampling unit and how many units of the population have several rows (units.ts). */
  units?: SelectionUnits;
  /** The spec that produced it (headers omitted). */
  design: SelectionDesign;
}

export interface SelectionUnits {
  unit: SamplingUnit;
  /** Units of more than one row. */
  repeated: number;
  /** Rows drawn with their unit's representative row, never on their own. */
  memberRows: number;
}

/** The spec as recorded (without the population's header list). */
export type SelectionDesign = Omit<SelectionSpec, 'headers' | 'members'>;

/** The recorded design of a spec. */
export function designOf(spec: SelectionSpec): SelectionDesign {
  const { headers: _headers, members: _members, ...design } = spec;
  return JSON.parse(JSON.stringify(design)) as SelectionDesign;
}

/** Turn a candidate into a selected item. */
export function selectedItem(c: Candidate, order: number, keyItem: boolean, addedByExtension: boolean): SelectedItem {
  return {
    order,
    key: c.key,
    prn: c.prn,
    prnHex: hexOfPrn(c.prn),
    ...(c.stratum !== undefined ? { stratum: c.stratum } : {}),
    record: c.record,
    line: c.line,
    ...(Number.isNaN(c.eventTime) ? {} : { eventTime: c.eventTime }),
    keyItem,
    addedByExtension,
  };
}
