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
  /** 'needed' (default): a cell is quoted when RFC 4180 requires it; 'all': every cell, as ServiceNow and Jira export. */
  quoting?: 'needed' | 'all' | undefined;
  /** A byte order mark before the header (UTF-8 only; default false). */
  bom?: boolean | undefined;
  /** How the file's text is written (default 'utf-8'); 'windows-1252' is the European Excel save. */
  encoding?: 'utf-8' | 'windows-1252' | undefined;
  /** Unmapped columns after the kind's own, their names repeated as Jira repeats them (Labels, Sprint, Watchers…); default 0. */
  extraColumns?: number | undefined;
  /**
   * Text beyond ASCII in every free-text cell: 'none' (default); 'scripts' (a person's name in
   * Cyrillic, Greek, Chinese, Japanese, Arabic, Hindi or Korean — UTF-8 only); 'western' (accents
   * and Windows-1252's own characters: € – “ ” …).
   */
  nonAsciiText?: 'none' | 'scripts' | 'western' | undefined;
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
  quoting: 'needed' | 'all';
  bom: boolean;
  encoding: 'utf-8' | 'windows-1252';
  extraColumns: number;
  nonAsciiText: 'none' | 'scripts' | 'western';
}

export const generateDefaults = {
  period: '2025-01-01..2025-12-31',
  timeZone: 'UTC',
  delimiter: ',',
  lineEnding: '\n',
  timestampFormat: 'iso',
  quotedNewlineRate: 0.001,
  quoting: 'needed',
  bom: false,
  encoding: 'utf-8',
  extraColumns: 0,
  nonAsciiText: 'none',
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
  const quoting = opts.quoting ?? generateDefaults.quoting;
  if (quoting !== 'needed' && quoting !== 'all') throw invalid('options.quoting', 'must be "needed" or "all"', quoting);
  const encoding = opts.encoding ?? generateDefaults.encoding;
  if (encoding !== 'utf-8' && encoding !== 'windows-1252') throw invalid('options.encoding', 'must be "utf-8" or "windows-1252"', encoding);
  const bom = opts.bom ?? generateDefaults.bom;
  if (typeof bom !== 'boolean') throw invalid('options.bom', 'must be true or false', bom);
  if (bom && encoding !== 'utf-8') throw invalid('options.bom', 'is only written with encoding "utf-8"', bom);
  const extraColumns = opts.extraColumns ?? generateDefaults.extraColumns;
  if (!Number.isSafeInteger(extraColumns) || extraColumns < 0 || extraColumns > 1000) throw invalid('options.extraColumns', 'must be a whole number from 0 to 1000', extraColumns);
  const nonAsciiText = opts.nonAsciiText ?? generateDefaults.nonAsciiText;
  if (nonAsciiText !== 'none' && nonAsciiText !== 'scripts' && nonAsciiText !== 'western') throw invalid('options.nonAsciiText', 'must be "none", "scripts" or "western"', nonAsciiText);
  if (nonAsciiText === 'scripts' && encoding !== 'utf-8') throw invalid('options.nonAsciiText', '"scripts" needs encoding "utf-8" (Windows-1252 has no such letters)', nonAsciiText);
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
    quoting,
    bom,
    encoding,
    extraColumns,
    nonAsciiText,
  };
}
