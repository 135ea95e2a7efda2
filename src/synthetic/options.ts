/**
 * Generator options, their defaults, and one check per field (TM_ERR_INVALID_OPTION with the
 * option's name and what it expects).
 *
 * @example
 * resolveOptions({ kind: 'change', rows: 1000, seed: 7 }).period.start // '2025-01-01'
 */
import { tickmarkError } from '../errors.js';
import { isKind, kinds, type Kind } from '../population/kinds.js';
import { makePeriod, parsePeriod, type AuditPeriod } from '../period/period.js';
import { resolveDefectCounts, type DefectCounts, type DefectOptions } from './defects.js';
import type { TimestampStyle } from './time.js';

export interface GenerateOptions {
  kind: Kind | string;
  /** Data rows to write (header excluded), duplicates and out-of-period rows included. */
  rows: number;
  seed: string | number;
  /** `{ start, end }` or `'YYYY-MM-DD..YYYY-MM-DD'`; default all of 2025. */
  period?: { start: string; end: string } | string | undefined;
  /** IANA zone the period's days are read in; default UTC. */
  timeZone?: string | undefined;
  defects?: DefectOptions | undefined;
  /** Default ','. */
  delimiter?: ',' | ';' | '\t' | '|' | undefined;
  /** Default '\n'. */
  lineEnding?: '\n' | '\r\n' | undefined;
  /** 'iso' (default): 2025-01-02T09:05:00Z; 'space': 2025-01-02 09:05:00 (local wall time). */
  timestampFormat?: TimestampStyle | undefined;
  /** Share of rows whose free-text cell holds an embedded newline (default 0.001). */
  quotedNewlineRate?: number | undefined;
}

export interface ResolvedOptions {
  kind: Kind;
  rows: number;
  seed: string | number;
  period: AuditPeriod;
  defects: DefectCounts;
  delimiter: string;
  lineEnding: '\n' | '\r\n';
  timestampFormat: TimestampStyle;
  quotedNewlineRate: number;
}

export const generateDefaults = {
  period: '2025-01-01..2025-12-31',
  timeZone: 'UTC',
  delimiter: ',',
  lineEnding: '\n',
  timestampFormat: 'iso',
  quotedNewlineRate: 0.001,
} as const;

const invalid = (option: string, expected: string, got: unknown) => tickmarkError('TM_ERR_INVALID_OPTION', { option, expected, got });

export function resolveOptions(opts: GenerateOptions): ResolvedOptions {
  if (!opts || typeof opts !== 'object') throw invalid('options', 'must be an object', opts);
  if (!isKind(String(opts.kind))) throw tickmarkError('TM_ERR_UNKNOWN_KIND', { kind: opts.kind, kinds });
  const kind = opts.kind as Kind;
  if (!Number.isSafeInteger(opts.rows) || opts.rows < 0) throw invalid('options.rows', 'must be a non-negative integer', opts.rows);
  if (!(typeof opts.seed === 'string' || (typeof opts.seed === 'number' && Number.isFinite(opts.seed)))) throw invalid('options.seed', 'must be a string or a finite number', opts.seed);
  const zone = opts.timeZone ?? generateDefaults.timeZone;
  const p = opts.period ?? generateDefaults.period;
  const period = typeof p === 'string' ? parsePeriod(p, zone) : makePeriod(String(p?.start), String(p?.end), zone);
  const delimiter = opts.delimiter ?? generateDefaults.delimiter;
  if (![',', ';', '\t', '|'].includes(delimiter)) throw invalid('options.delimiter', 'must be one of "," ";" "\\t" "|"', delimiter);
  const lineEnding = opts.lineEnding ?? generateDefaults.lineEnding;
  if (lineEnding !== '\n' && lineEnding !== '\r\n') throw invalid('options.lineEnding', 'must be "\\n" or "\\r\\n"', lineEnding);
  const timestampFormat = opts.timestampFormat ?? generateDefaults.timestampFormat;
  if (timestampFormat !== 'iso' && timestampFormat !== 'space') throw invalid('options.timestampFormat', 'must be "iso" or "space"', timestampFormat);
  const rate = opts.quotedNewlineRate ?? generateDefaults.quotedNewlineRate;
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) throw invalid('options.quotedNewlineRate', 'must be a number between 0 and 1', rate);
  return {
    kind,
    rows: opts.rows,
    seed: opts.seed,
    period,
    defects: resolveDefectCounts(kind, opts.rows, opts.defects ?? {}),
    delimiter,
    lineEnding,
    timestampFormat,
    quotedNewlineRate: rate,
  };
}
