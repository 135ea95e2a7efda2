/**
 * The typed population as every later step sees it: a sequence of columnar chunks, each holding
 * the raw text of every source column and typed columns for the canonical fields.
 * Timestamps are epoch milliseconds (UTC instants) in Float64Arrays with NaN for null.
 */
import type { Kind } from './kinds.js';
import type { ChunkVectors } from './vector-types.js';

export type FieldColumn =
  | { type: 'string' | 'enum'; values: (string | null)[] }
  | { type: 'timestamp' | 'number' | 'boolean'; values: Float64Array };

export interface PopulationChunk {
  rows: number;
  /** 1-based data record number in the source (header excluded, malformed rows counted). */
  record: Int32Array;
  /** 1-based line in the source file where the record starts (header is line 1). */
  line: Int32Array;
  /** Raw text of every source column by header; blank cells are null. */
  source: Record<string, (string | null)[]>;
  /** Canonical fields (mapped), typed. String fields are trimmed; enums lower-cased. */
  fields: Record<string, FieldColumn>;
  /**
   * The same columns as vectors over their stored form (a chunk read from its file); absent for
   * chunks built from plain values. Read columns with `columnsOf(chunk)`, which covers both.
   */
  vectors?: ChunkVectors;
}

/** A problem with one value or one row found while ingesting; data, not an error. */
export type IngestIssue =
  | { code: 'invalid_value'; record: number; line: number; column: string; field: string; raw: string; expected: string }
  | { code: 'ambiguous_date'; record: number; line: number; column: string; field: string; raw: string; expected: string }
  | { code: 'malformed_row'; record: number; line: number; raw: string; expected: string };

export interface MalformedRow {
  record: number;
  line: number;
  fields: number;
  expectedFields: number;
  raw: string;
}

export interface ColumnProfile {
  header: string;
  field?: string;
  type: 'string' | 'enum' | 'timestamp' | 'number' | 'boolean';
  nonBlank: number;
  /** Exact up to `distinctCap` values, an estimate (flagged) beyond. */
  distinct: number;
  distinctExact: boolean;
  invalid: number;
  min?: number | string | null;
  max?: number | string | null;
}

export interface TypingOptions {
  /** IANA zone for naive timestamps (default UTC). */
  timeZone: string;
  /** How slash dates are read; ambiguous slash dates are issues when not given. */
  dateOrder?: 'dmy' | 'mdy';
  /** Per canonical field: how its values are written (a source profile or a flag says so). */
  formats?: Record<string, FieldFormat>;
}

/** How one field's values are written, when a source profile or a flag knows it. */
export interface FieldFormat {
  /** The column holds Unix epoch seconds or milliseconds (a bare number is otherwise an Excel serial or YYYYMMDD). */
  epoch?: 's' | 'ms';
  /** Order of this column's numeric slash/dash dates (wins over `TypingOptions.dateOrder`). */
  dateOrder?: 'dmy' | 'mdy';
}

/**
 * The day/month order of a timestamp column read without one, as its values decided it: the
 * first value in the file that can only be read this way (its first number above 12: day first;
 * its second: month first). Every ambiguous value of the column (`03/04/2025`) was read so.
 */
export interface ColumnDayMonthOrder {
  column: string;
  dateOrder: 'dmy' | 'mdy';
  evidence: { line: number; raw: string };
  /** Ambiguous values typed by this decision. */
  resolved: number;
}

/** A column given another name than its header cell: a repeated name (`Labels (2)`) or a blank one (`Column 7`). */
export interface RenamedHeader {
  /** 1-based position of the column. */
  column: number;
  /** The header cell as the file has it. */
  original: string;
  name: string;
}

/** Why a row of the file is not a population row (it is kept, with its line and raw text). */
export type NonDataReason = 'preamble' | 'blank_row' | 'total_row' | 'footer';

export interface NonDataRow {
  line: number;
  reason: NonDataReason;
  raw: string;
}

/** Where the table sits in the file. */
export interface PopulationLayout {
  /** Line (CSV) or Excel row (XLSX) of the header row. */
  headerLine: number;
  /** How it was chosen: the first (non-empty) row, found below a preamble, or given (`headerRow`) below one. */
  headerFrom: 'first' | 'found' | 'given';
  renamed: RenamedHeader[];
}

export interface SourceFingerprint {
  name: string;
  /** `parquet` and `table` populations are read where they lie, by SQL (src/sql). */
  format: 'csv' | 'xlsx' | 'parquet' | 'table';
  sha256: string;
  bytes: number;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  /**
   * The content fingerprint (population/content-fingerprint.ts: `tickmark-rows-sha256-sum64/1
   * rows=N sum=HEX16`), an identity of the rows in any order. A table's `sha256` is the SHA-256 of
   * this text (it has no bytes of its own).
   */
  fingerprint?: string;
}

/** What the catalog keeps about a stored population. */
export interface PopulationMeta {
  id: string;
  kind: Kind;
  source: SourceFingerprint;
  headers: string[];
  /** canonical field → source header */
  mapping: Record<string, string>;
  key: string[];
  /** What a sample draws: the item of a key (default) or each row. */
  unit?: 'item' | 'row';
  /** Key fields of the sampling unit when it is not the business key (e.g. a review of many account lines). */
  unitKey?: string[];
  eventTime?: string;
  /** The options the values were typed with, and (`columns`) what a column's own values decided. */
  typing: TypingOptions & { columns?: Record<string, ColumnDayMonthOrder> };
  /** total = accepted + malformed + nonData (nonData is absent in populations ingested before it was counted). */
  rows: { total: number; accepted: number; malformed: number; nonData?: number };
  /** Rows that are not population rows (preamble, blank, total and footer rows): counted, and the first kept in full. */
  nonData?: { count: number; byReason: Partial<Record<NonDataReason, number>>; first: NonDataRow[] };
  layout?: PopulationLayout;
  columns: ColumnProfile[];
  issues: { total: number; byCode: Record<string, number>; byColumn: Record<string, number>; first: IngestIssue[] };
  /** Cache files in order; record/line numbers inside a file are local and rebased on read. */
  chunks: ChunkRef[];
  /** The source profile applied at ingest and why (absent: the kind's own synonyms mapped the headers). */
  profile?: { id: string; name: string; reason: string; forced: boolean };
  /** How each mapped field was decided, and the columns it beat. */
  mappingDecisions?: MappingDecisionMeta[];
  /** The export writes one item over several rows by design (a scan's finding per port): a repeated key is the item's lines, not a duplicate. */
  lineItems?: boolean;
  /** Person fields that may name several people in one cell → the separators between them. */
  multiValue?: Record<string, string[]>;
  /** Digest of the ingest options that shape the population: finds a re-ingest without parsing. */
  optionsDigest?: string;
  engineVersion: string;
  createdAt: string;
}

export interface MappingDecisionMeta {
  field: string;
  header: string;
  how: 'profile' | 'exact' | 'synonym' | 'override' | 'option';
  alternatives: { header: string; why: string }[];
}

export interface ChunkRef {
  file: string;
  rows: number;
  /** Global record number of the file's first local record, minus one. */
  recordOffset: number;
  /** Global line of the file's first local line, minus one. */
  lineOffset: number;
}
