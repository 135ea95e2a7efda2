/** Schemas of population rows: raw source text by header and typed canonical fields. */
export const rowsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'integer', minimum: 1, description: 'First record number (1 = the first data row).' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
    records: { type: 'string', maxLength: 4000, pattern: '^[0-9, ]*$', description: 'Record numbers, comma-separated (instead of from/limit), e.g. 307,394.' },
  },
} as const;

export const rowSchema = {
  type: 'object',
  required: ['record', 'values', 'fields'],
  properties: {
    record: { type: 'integer', description: '1-based data record number in the source (header excluded).' },
    values: { type: 'object', additionalProperties: { type: ['string', 'null'] }, description: 'Raw source text by header; blank cells are null.' },
    fields: { type: 'object', additionalProperties: { type: ['string', 'number', 'null'] }, description: 'Canonical fields, typed: timestamps as UTC epoch ms, numbers, booleans as 1/0; null when blank or invalid.' },
  },
  examples: [{ record: 1, values: { Number: 'CHG0000001', 'Deployed On': '2024-12-18T17:26:44Z' }, fields: { change_id: 'CHG0000001', deployed_at: 1734542804000 } }],
} as const;

export const rowsResponse = {
  type: 'object',
  required: ['populationId', 'total', 'rows'],
  properties: { populationId: { type: 'string' }, total: { type: 'integer', description: 'Records in the population.' }, rows: { type: 'array', items: rowSchema } },
} as const;
