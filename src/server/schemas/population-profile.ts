/** Schemas of what ingest learnt about a population: the column profile, how each field was mapped, the ingest issues. */
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

export const mappingDecisionSchema = {
  type: 'object', additionalProperties: true, required: ['field', 'header', 'how', 'alternatives'],
  properties: {
    field: { type: 'string', examples: ['deployed_at'] },
    header: { type: 'string', examples: ['Deployed On'] },
    how: { type: 'string', enum: ['profile', 'exact', 'synonym', 'override', 'option'] },
    alternatives: {
      type: 'array', description: 'The columns it beat, and why each lost.',
      items: { type: 'object', additionalProperties: true, required: ['header', 'why'], properties: { header: { type: 'string' }, why: { type: 'string' } } },
    },
  },
} as const;
