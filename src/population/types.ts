/**
 * The typed population as every later step sees it: a sequence of columnar chunks, each holding
 * the raw text of every source column and typed columns for the canonical fields.
 * Timestamps are epoch milliseconds (UTC instants) in Float64Arrays with NaN for null.
 */
import type { Kind } from './kinds.js';

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
  typing: TypingOptions;
  rows: { total: number; accepted: number; malformed: number };
  columns: ColumnProfile[];
  issues: { total: number; byCode: Record<string, number>; byColumn: Record<string, number>; first: IngestIssue[] };
  /** Cache files in order; record/line numbers inside a file are local and rebased on read. */
  chunks: ChunkRef[];
  engineVersion: string;
  createdAt: string;
}

export interface ChunkRef {
  file: string;
  rows: number;
  /** Global record number of the file's first local record, minus one. */
  recordOffset: number;
  /** Global line of the file's first local line, minus one. */
  lineOffset: number;
}
