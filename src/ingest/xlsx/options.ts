/**
 * Options of the XLSX reader: which sheet, and the zip-bomb limits. One defaults constant and one
 * check per field, so a bad value fails with a message naming the option.
 *
 * @example
 * resolveXlsxOptions({ limits: { maxRatio: 50 } }).limits.maxRatio // 50
 */
import { tickmarkError } from '../../errors.js';

export interface XlsxLimits {
  /** Sum of the declared uncompressed sizes of all entries. Default 1 GiB. */
  maxUncompressedBytes?: number;
  /** Uncompressed / compressed size of any entry larger than 1 MiB uncompressed. Default 100. */
  maxRatio?: number;
  /** Number of entries in the zip. Default 10,000. */
  maxEntries?: number;
}

export interface XlsxReadOptions {
  /** The sheet to read (exact name, else case-insensitive). Default: the first visible worksheet. */
  sheet?: string;
  /** The Excel row of the header. Default: the first non-empty row (or found below a title: `findHeaderRow`). */
  headerRow?: number;
  /** Look for the header row below title rows (layout/header-row.ts), as a population export needs; tickmark's own sheets are read from their first row. */
  findHeaderRow?: boolean;
  limits?: XlsxLimits;
  /** Stops the read: pending and later reads reject with TM_ERR_ABORTED. */
  signal?: AbortSignal;
}

export interface ResolvedXlsxOptions {
  sheet?: string;
  headerRow?: number;
  findHeaderRow?: boolean;
  limits: Required<XlsxLimits>;
  signal?: AbortSignal;
}

export const DEFAULT_XLSX_LIMITS: Readonly<Required<XlsxLimits>> = Object.freeze({
  maxUncompressedBytes: 1024 ** 3,
  maxRatio: 100,
  maxEntries: 10_000,
});

/** Entries at or below this uncompressed size are exempt from the ratio limit (tiny XML parts compress very well). */
export const RATIO_EXEMPT_BYTES = 1024 ** 2;

export function resolveXlsxOptions(options: XlsxReadOptions = {}): ResolvedXlsxOptions {
  const limits = { ...DEFAULT_XLSX_LIMITS, ...definedOnly(options.limits ?? {}) };
  positive('limits.maxUncompressedBytes', limits.maxUncompressedBytes, true);
  positive('limits.maxRatio', limits.maxRatio, false);
  positive('limits.maxEntries', limits.maxEntries, true);
  if (options.sheet !== undefined && (typeof options.sheet !== 'string' || options.sheet === '')) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'sheet', expected: 'must be a non-empty sheet name', got: options.sheet });
  }
  if (options.headerRow !== undefined && !(Number.isInteger(options.headerRow) && options.headerRow >= 1)) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'headerRow', expected: 'must be a row number (1 or more)', got: options.headerRow });
  }
  return { ...(options.sheet !== undefined ? { sheet: options.sheet } : {}), ...(options.headerRow !== undefined ? { headerRow: options.headerRow } : {}), ...(options.findHeaderRow ? { findHeaderRow: true } : {}), limits, ...(options.signal ? { signal: options.signal } : {}) };
}

function positive(option: string, value: unknown, integer: boolean): void {
  const ok = typeof value === 'number' && Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
  if (!ok) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option, expected: integer ? 'must be a positive integer' : 'must be a positive number', got: value });
  }
}

function definedOnly(limits: XlsxLimits): XlsxLimits {
  return Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
}
