/** Schemas of populations: fingerprint, mapping, typing, profile and ingest issues. */
import { kinds } from '../../population/kinds.js';
import { idSchema, nullableString, openObject } from './common.js';

export const fingerprintSchema = {
  type: 'object',
  required: ['name', 'format', 'sha256', 'bytes'],
  properties: {
    name: { type: 'string' },
    format: { type: 'string', enum: ['csv', 'xlsx'] },
    sha256: { type: 'string' },
    bytes: { type: 'number' },
    encoding: { type: 'string' },
    delimiter: { type: 'string' },
    sheet: { type: 'string' },
  },
} as const;

const rowsSchema = {
  type: 'object',
  required: ['total', 'accepted', 'malformed'],
  properties: { total: { type: 'number' }, accepted: { type: 'number' }, malformed: { type: 'number' }, nonData: { type: 'number', description: 'Rows that are not population rows: preamble, blank, total and footer rows.' } },
} as const;

export const populationSummarySchema = {
  type: 'object',
  required: ['id', 'kind', 'engagementId', 'source', 'rows', 'createdAt'],
  properties: {
    id: idSchema,
    kind: { type: 'string' },
    engagementId: nullableString,
    source: fingerprintSchema,
    rows: rowsSchema,
    issues: { type: 'number' },
    createdAt: { type: 'string' },
  },
} as const;

export const populationSchema = {
  type: 'object',
  required: ['id', 'kind', 'engagementId', 'source', 'headers', 'mapping', 'key', 'typing', 'rows', 'columns', 'issues', 'engineVersion', 'createdAt'],
  properties: {
    id: idSchema,
    kind: { type: 'string' },
    engagementId: nullableString,
    source: fingerprintSchema,
    headers: { type: 'array', items: { type: 'string' } },
    mapping: { type: 'object', additionalProperties: { type: 'string' }, description: 'canonical field → source header' },
    key: { type: 'array', items: { type: 'string' } },
    eventTime: { type: 'string' },
    typing: {
      type: 'object',
      required: ['timeZone'],
      properties: {
        timeZone: { type: 'string' },
        dateOrder: { type: 'string' },
        formats: { ...openObject, description: 'Per canonical field: { epoch?: s|ms, dateOrder?: dmy|mdy }.' },
        columns: { ...openObject, description: 'Per timestamp field: the day/month order its values decided, with the first value proving it.' },
      },
    },
    rows: rowsSchema,
    nonData: { ...openObject, description: 'Non-data rows: { count, byReason, first: [{ line, reason, raw }] }.' },
    layout: { ...openObject, description: 'Where the table is: { headerLine, headerFrom, renamed: [{ column, original, name }] }.' },
    columns: { type: 'array', items: openObject, description: 'Column profile: type, non-blank, distinct, invalid, min, max.' },
    issues: {
      type: 'object',
      required: ['total', 'byCode', 'byColumn', 'first'],
      properties: {
        total: { type: 'number' },
        byCode: { type: 'object', additionalProperties: { type: 'number' } },
        byColumn: { type: 'object', additionalProperties: { type: 'number' } },
        first: { type: 'array', items: openObject, description: 'The first ingest issues, each with record, line, column and what was expected.' },
      },
    },
    engineVersion: { type: 'string' },
    createdAt: { type: 'string' },
    profile: {
      type: 'object', required: ['id', 'name', 'reason', 'forced'],
      properties: { id: { type: 'string' }, name: { type: 'string' }, reason: { type: 'string' }, forced: { type: 'boolean' } },
      description: 'The source profile applied at ingest, and why.',
    },
    mappingDecisions: { type: 'array', items: openObject, description: 'Per mapped field: the header, how it was decided (profile, exact, synonym, override, option) and the columns it beat.' },
    unit: { type: 'string', enum: ['item', 'row'], description: 'What a sample draws: the key\'s item or each row.' },
    multiValue: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } }, description: 'Person fields that may name several people per cell → separators.' },
  },
} as const;

const str = { type: 'string', maxLength: 4096 } as const;

/** Upload options, as query parameters (or multipart fields sent before the file). */
export const uploadQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: [...kinds], description: 'Population kind; absent: the kind of the source profile the header matches.' },
    source: { type: 'string', maxLength: 64, description: 'Source profile id (see the README\'s supported sources); absent: detected from the header.' },
    name: { type: 'string', maxLength: 255, description: 'File name recorded in the fingerprint.' },
    format: { type: 'string', enum: ['csv', 'xlsx'], description: 'Defaults from the content type or file name.' },
    timeZone: { type: 'string', maxLength: 64, description: 'Zone of naive timestamps (default: the engagement zone).' },
    dateOrder: { type: 'string', enum: ['dmy', 'mdy'] },
    delimiter: { type: 'string', maxLength: 16 },
    sheet: { type: 'string', maxLength: 255 },
    encoding: { type: 'string', enum: ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-1'], description: 'Default: the byte order mark, else judged from the text (UTF-8 or Windows-1252).' },
    headerRow: { type: 'string', pattern: '^[1-9][0-9]*$', description: 'Line (CSV) or row (XLSX) of the header; default: the first, or found below a preamble.' },
    map: { ...str, description: 'JSON object {"canonical_field": "Source header"}.' },
    key: { anyOf: [str, { type: 'array', items: str, maxItems: 16 }], description: 'Key header(s) of a generic population.' },
    eventTime: { ...str, description: 'Event-time header of a generic population.' },
  },
} as const;
