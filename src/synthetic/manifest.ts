/**
 * The manifest of a generated population: what was asked for, and exactly what was written —
 * row totals, the keys and ranges of every injected defect, and (from writePopulation) the file's
 * size and SHA-256. Plain JSON, written beside the file as `<file>.manifest.json`.
 *
 * Keys are the population's business keys as `recordKeys` builds them (key fields joined by U+001F).
 *
 * @example
 * manifest.defects.deviations.selfApproval // ['CHG0000417', 'CHG0003321']
 */
import type { Kind } from '../population/kinds.js';
import type { DefectCounts, Deviation, PassingVariant } from './defects.js';
import type { TimestampStyle } from './time.js';

export interface EmptyRange {
  /** First and last local date (YYYY-MM-DD, inclusive) with no in-period event. */
  from: string;
  to: string;
  days: number;
}

export interface SequenceGap {
  prefix: string;
  /** First and last missing number (inclusive). */
  from: number;
  to: number;
  missing: number;
  /** The keys on either side of the gap, both present in the file. */
  before: string;
  after: string;
}

export interface BlankCell {
  /** 1-based data record number (header excluded). */
  record: number;
  /** The row's key, or null when the blanked field is part of the key. */
  key: string | null;
  field: string;
  header: string;
}

export interface PopulationManifest {
  generator: { name: 'tickmark-synthetic'; version: 1 };
  kind: Kind;
  seed: string | number;
  period: { start: string; end: string; timeZone: string };
  format: {
    encoding: 'utf-8' | 'windows-1252';
    bom: boolean;
    delimiter: string;
    lineEnding: '\n' | '\r\n';
    timestampFormat: TimestampStyle;
    quotedNewlineRate: number;
    /** The shape options, when not their defaults ('needed', 0, 'none'). */
    quoting?: 'all';
    /** Unmapped columns after the kind's own (repeated names). */
    extraColumns?: number;
    nonAsciiText?: 'scripts' | 'western';
  };
  headers: string[];
  /** canonical field → header, for every mapped column. */
  mapping: Record<string, string>;
  key: { fields: string[]; headers: string[]; separator: '\u001f' };
  eventTime: { field: string; header: string };
  /** The numbered key sequence (null when keys are not one numbered sequence). */
  sequence: { prefix: string; width: number; first: number; last: number } | null;
  /** Rule parameters clean rows respect and deviations break (days, SLA tables…). */
  parameters: Record<string, unknown>;
  /** The exact defect counts that were requested (rates already resolved). */
  requested: { rows: number; defects: DefectCounts };
  totals: {
    /** Data records (header excluded). */
    dataRows: number;
    /** Rows whose event time lies in the period (duplicates included). */
    inPeriodRows: number;
    outOfPeriodRows: number;
    /** Rows whose event-time cell is blank. */
    blankEventTimeRows: number;
    /** Rows with a blank key cell. */
    blankKeyRows: number;
    /** Distinct non-blank keys. */
    distinctKeys: number;
    /** Rows the manifest mentions nowhere: in period, no defect, not part of a duplicate pair. */
    cleanRows: number;
    /** Rows named by some defect list (duplicate pairs count both rows). */
    listedRows: number;
    /** Records holding a newline inside a quoted cell. */
    recordsWithNewlines: number;
    /** Records with at least one quoted cell. */
    recordsQuoted: number;
    /** Line terminators in the file, embedded newlines included. */
    physicalLines: number;
  };
  /** Every local day of the period outside `emptyRanges` holds at least one in-period event. */
  coverage: { everyDayCovered: boolean };
  defects: {
    outOfPeriod: { before: string[]; after: string[] };
    emptyRanges: EmptyRange[];
    sequenceGaps: SequenceGap[];
    /** Keys carried by two rows that differ in content. */
    duplicateKeys: string[];
    /** Keys of rows written twice, byte for byte. */
    duplicateRows: string[];
    blankRequired: BlankCell[];
    /** Keys of rows carrying exactly one deviation, by deviation. Every deviation of the kind is present (maybe empty). */
    deviations: Partial<Record<Deviation, string[]>>;
  };
  /** Keys of rows that look late but pass their rule (e.g. remediated late under an approved exception). */
  passing: Partial<Record<PassingVariant, string[]>>;
  /** Sum of the amount column over all data rows (generic kind), as a decimal string. */
  controlTotals?: { amount: { header: string; sum: string } };
  /** Present when written by writePopulation. */
  file?: { name: string; bytes: number; sha256: string };
}
