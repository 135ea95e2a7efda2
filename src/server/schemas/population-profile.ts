/** Schemas of what ingest learnt about a population: the column profile and the ingest issues. */
const num = { type: 'number' } as const;
const scalar = { type: ['number', 'string', 'null'] } as const;

export const columnProfileSchema = {
  type: 'object', additionalProperties: true, required: ['header', 'type', 'nonBlank', 'distinct', 'distinctExact', 'invalid'],
  properties: {
    header: { type: 'string' }, field: { type: 'string', description: 'The canonical field it maps to, if any.' },
    type: { type: 'string', enum: ['string', 'enum', 'timestamp', 'number', 'boolean'] },
    nonBlank: num, distinct: num, distinctExact: { type: 'boolean', description: 'False: distinct is an estimate.' }, invalid: num, min: scalar, max: scalar,
  },
} as const;

export const ingestIssueSchema = {
  type: 'object', additionalProperties: true, required: ['code', 'record', 'line', 'raw', 'expected'],
  properties: {
    code: { type: 'string', enum: ['invalid_value', 'ambiguous_date', 'malformed_row'] },
    record: num, line: num, column: { type: 'string' }, field: { type: 'string' }, raw: { type: 'string' }, expected: { type: 'string', examples: ['a date with --date-order dmy|mdy'] },
  },
} as const;
