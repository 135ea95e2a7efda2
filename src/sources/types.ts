/**
 * A source profile: what tickmark knows about one system's export — how to recognise it from its
 * header, which of its columns fill each canonical field (best first), how its values are written
 * (date order, epoch units, several people in one cell, its severity scale), what one sampling
 * unit is, and notes for the reader. Pure data: one file per system under `profiles/`.
 *
 * @example
 * const p: SourceProfile = { id: 'jira', name: 'Jira issues (CSV export)', system: 'Jira', … }
 */
import type { Kind, SamplingUnit } from '../population/kinds.js';
import type { FieldFormat } from '../population/types.js';

export type { FieldFormat };

/** What the profile says for one kind it feeds. */
export interface KindProfile {
  /**
   * Canonical field → the export's headers that fill it, best first (as the system writes them;
   * compared like every header). An empty list: the export has no such column — never guessed.
   */
  fields: Record<string, readonly string[]>;
  /** Per-field value formats. */
  formats?: Record<string, FieldFormat>;
  /** Person field → separators between the people of one cell (a JSON array is always read). */
  multiValue?: Record<string, readonly string[]>;
  /** Enum field → the export's spellings (lower case) → canonical value; added to the kind's own. */
  enums?: Record<string, Record<string, string>>;
  /** Canonical fields forming the unit's key (default: the kind's). */
  key?: readonly string[];
  /** What a sample draws (default: the kind's, `item`). */
  unit?: SamplingUnit;
  /**
   * True when the export writes one item over several rows by design (a scan's finding once per
   * port): rows sharing the key are the item's lines, not duplicates of it.
   */
  lineItems?: boolean;
  /** Notes for this kind (why a column was preferred, what the export lacks). */
  notes?: readonly string[];
}

export interface SourceProfile {
  /** Stable id, used by `--source` and stored with the population. */
  id: string;
  /** What the export is, for a reader: "ServiceNow change requests (list export, CSV)". */
  name: string;
  /** The system that writes it. */
  system: string;
  /** How the consultant gets the file from the system. */
  export: string;
  /**
   * Detection: every `required` header must be present (compared normalised); each present
   * `optional` one adds to the score. A profile with no headers matches on `delimiter` alone
   * (a format, not a system) and only when no system profile does.
   */
  signature: { required: readonly string[]; optional?: readonly string[]; delimiter?: string };
  /** The kinds the export feeds; `defaultKind` (else the first listed) when no kind is named. */
  kinds: Partial<Record<Kind, KindProfile>>;
  defaultKind?: Kind;
  /** How the file is written: for the reader and the ingest options. */
  read?: {
    encoding?: string;
    delimiter?: string;
    /** Date order of slash/dot dates in every date field of the export. */
    dateOrder?: 'dmy' | 'mdy';
    /** Lines of report title above the header, as the system writes them. */
    preamble?: string;
    decimal?: ',' | '.';
  };
  /** What the reader should know: sources cited, choices made, known gaps. */
  notes: readonly string[];
  /** A format profile (no system): it feeds every kind with the kind's own synonyms. */
  anyKind?: boolean;
}
