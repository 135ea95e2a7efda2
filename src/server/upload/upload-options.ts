/**
 * Read the ingest options of an upload from the query string merged with the multipart fields
 * sent before the file. Every value is checked here with a coded error naming the option.
 *
 * @example
 * uploadOptions({ kind: 'change', map: '{"change_id":"Ref"}' }).map // { change_id: 'Ref' }
 */
import { tickmarkError } from '../../errors.js';
import type { IngestOptions } from '../../ingest/ingest.js';
import { isKind, kinds } from '../../population/kinds.js';

export type RawUploadFields = Record<string, string | string[] | undefined>;

export interface UploadOptions {
  ingest: Pick<IngestOptions, 'kind' | 'source' | 'map' | 'key' | 'eventTime' | 'timeZone' | 'dateOrder' | 'delimiter' | 'sheet' | 'encoding' | 'headerRow'>;
  name?: string;
  format?: 'csv' | 'xlsx';
}

const KNOWN = ['kind', 'source', 'name', 'format', 'timeZone', 'dateOrder', 'delimiter', 'sheet', 'map', 'key', 'eventTime', 'encoding', 'headerRow'];

function one(fields: RawUploadFields, name: string): string | undefined {
  const v = fields[name];
  if (Array.isArray(v)) {
    if (v.length > 1) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: name, expected: 'must be given once', got: v });
    return v[0];
  }
  return v;
}

function parseMap(text: string): Record<string, string> {
  let map: unknown;
  try {
    map = JSON.parse(text);
  } catch (err) {
    throw tickmarkError('TM_ERR_BAD_MAPPING', { message: `map is not JSON: ${(err as Error).message}` });
  }
  if (!map || typeof map !== 'object' || Array.isArray(map) || Object.values(map).some((h) => typeof h !== 'string')) {
    throw tickmarkError('TM_ERR_BAD_MAPPING', { message: 'map must be a JSON object of strings {"canonical_field": "Source header"}' });
  }
  return map as Record<string, string>;
}

export function uploadOptions(fields: RawUploadFields, defaults: { timeZone?: string } = {}): UploadOptions {
  for (const name of Object.keys(fields)) {
    if (!KNOWN.includes(name)) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: name, expected: `is not an upload option (${KNOWN.join(', ')})`, got: fields[name] });
  }
  const kind = one(fields, 'kind');
  const source = one(fields, 'source');
  if (kind && !isKind(kind)) throw tickmarkError('TM_ERR_UNKNOWN_KIND', { kind, kinds: [...kinds] });
  const format = one(fields, 'format');
  if (format !== undefined && format !== 'csv' && format !== 'xlsx') throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'format', expected: 'must be csv or xlsx', got: format });
  const dateOrder = one(fields, 'dateOrder');
  if (dateOrder !== undefined && dateOrder !== 'dmy' && dateOrder !== 'mdy') throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'dateOrder', expected: 'must be dmy or mdy', got: dateOrder });
  const map = one(fields, 'map');
  const rawKey = fields.key;
  const key = rawKey === undefined ? [] : Array.isArray(rawKey) ? rawKey : [rawKey];
  const timeZone = one(fields, 'timeZone') ?? defaults.timeZone;
  const name = one(fields, 'name');
  const delimiter = one(fields, 'delimiter');
  const sheet = one(fields, 'sheet');
  const eventTime = one(fields, 'eventTime');
  const encoding = one(fields, 'encoding');
  const headerRow = one(fields, 'headerRow');
  if (headerRow !== undefined && !/^[1-9]\d{0,8}$/.test(headerRow)) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'headerRow', expected: 'must be a line number (1 or more)', got: headerRow });
  return {
    ingest: {
      ...(kind ? { kind } : {}),
      ...(source ? { source } : {}),
      ...(map ? { map: parseMap(map) } : {}),
      ...(key.length ? { key } : {}),
      ...(eventTime ? { eventTime } : {}),
      ...(timeZone ? { timeZone } : {}),
      ...(dateOrder ? { dateOrder } : {}),
      ...(delimiter ? { delimiter } : {}),
      ...(sheet ? { sheet } : {}),
      ...(encoding ? { encoding: encoding as NonNullable<IngestOptions['encoding']> } : {}),
      ...(headerRow ? { headerRow: Number(headerRow) } : {}),
    },
    ...(name ? { name: name.slice(0, 255) } : {}),
    ...(format ? { format } : {}),
  };
}
