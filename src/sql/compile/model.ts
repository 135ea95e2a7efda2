/**
 * The population a SQL pull reads: a table (or the user's own query) and its columns, mapped onto
 * a kind's canonical fields exactly as a file's headers are (ingest's `mapColumns`: the same
 * synonyms, `--map` overrides, `--key` / `--event-time` for generic), with the sampling unit and
 * the typing options. A table has no file order, so the rows' record numbers come from a column
 * the user names (`recordColumn`: e.g. the row number assigned when the export was loaded) or,
 * without one, from the rows' content: records are numbered in the order of their canonical row
 * text (fingerprint.ts), which any engine and tickmark compute alike.
 *
 * @example
 * const model = sqlPopulationModel({ table: ['changes'], columns }, { kind: 'change' })
 * model.mapping // { change_id: 'Number', deployed_at: 'Deployed', … }
 */
import { tickmarkError } from '../../errors.js';
import { mapColumns } from '../../ingest/mapping/map-columns.js';
import { kindSpec, type FieldSpec, type Kind } from '../../population/kinds.js';
import type { TypingOptions } from '../../population/types.js';
import type { SamplingUnit } from '../../sampling/units.js';
import { assertTimeZone } from '../../time/zone.js';

/**
 * How a column is stored: text (a raw staging table — canonical across engines), or a typed value
 * the engine writes as text for content keys and the fingerprint (engine-defined; `other` covers
 * floats and the rest). Typed event times are read as instants (timestamptz) or wall clocks.
 */
export const columnTypes = ['text', 'timestamptz', 'timestamp', 'date', 'integer', 'decimal', 'boolean', 'other'] as const;
export type ColumnType = (typeof columnTypes)[number];

export interface SourceColumn {
  name: string;
  type: ColumnType;
}

export interface SqlSource {
  /** A table or view, as name parts (`['analytics', 'changes']`)… */
  table?: string[];
  /** …or the user's own query (run as written: it is the extraction, and the recipe records it). */
  query?: string;
  /** Every column, in table order. */
  columns: SourceColumn[];
  /** A column holding each row's record number (unique positive integers); else numbered by content. */
  recordColumn?: string;
  /** A column holding each row's line in the export it was loaded from; else record + 1. */
  lineColumn?: string;
  /** What the population is called in the workbook (the table name, the file). */
  name: string;
}

export interface SqlModelOptions {
  kind: string;
  map?: Record<string, string>;
  key?: string[];
  eventTime?: string;
  timeZone?: string;
  dateOrder?: 'dmy' | 'mdy';
  /** Sample by each row instead of by key (a profile's choice for line-item exports). */
  unit?: 'item' | 'row';
  unitKey?: string[];
}

export interface SqlPopulationModel {
  source: SqlSource;
  kind: Kind;
  /** Content columns in table order (the record and line columns left out). */
  headers: string[];
  types: Record<string, ColumnType>;
  /** canonical field → column */
  mapping: Record<string, string>;
  fields: FieldSpec[];
  /** The business key (fields). */
  key: string[];
  eventTime?: string;
  unit: SamplingUnit;
  typing: TypingOptions;
}

export function sqlPopulationModel(source: SqlSource, opts: SqlModelOptions): SqlPopulationModel {
  if (!source.table?.length === !source.query) throw tickmarkError('TM_ERR_USAGE', { message: 'a SQL population is a table or a query, not both' });
  const names = source.columns.map((c) => c.name);
  for (const special of [source.recordColumn, source.lineColumn]) {
    if (special !== undefined && !names.includes(special)) throw tickmarkError('TM_ERR_BAD_MAPPING', { message: `no column "${special}"; columns are [${names.join(', ')}]` });
  }
  const headers = names.filter((n) => n !== source.recordColumn && n !== source.lineColumn);
  const spec = kindSpec(opts.kind);
  const mapped = mapColumns(spec, headers, { ...(opts.map ? { map: opts.map } : {}), ...(opts.key ? { key: opts.key } : {}), ...(opts.eventTime ? { eventTime: opts.eventTime } : {}) });
  const types = Object.fromEntries(source.columns.map((c) => [c.name, c.type]));
  for (const field of mapped.key) {
    const f = mapped.fields.find((x) => x.name === field);
    if (f && f.type !== 'string') throw tickmarkError('TM_ERR_BAD_MAPPING', { message: `key field ${field} must be text` });
  }
  const unit: SamplingUnit = opts.unit === 'row' ? { by: 'row' } : { by: 'item', key: opts.unitKey ?? mapped.key };
  return {
    source,
    kind: spec.kind,
    headers,
    types,
    mapping: mapped.mapping,
    fields: mapped.fields,
    key: mapped.key,
    ...(mapped.eventTime && mapped.mapping[mapped.eventTime] ? { eventTime: mapped.eventTime } : {}),
    unit,
    typing: { timeZone: assertTimeZone(opts.timeZone ?? 'UTC'), ...(opts.dateOrder ? { dateOrder: opts.dateOrder } : {}) },
  };
}

/** The canonical field spec of a mapped field. */
export function fieldSpec(model: SqlPopulationModel, field: string): FieldSpec | undefined {
  return model.fields.find((f) => f.name === field);
}
