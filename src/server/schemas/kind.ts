/** Schemas of population kinds: canonical fields, key and event time. */
export const kindSchema = {
  type: 'object',
  required: ['kind', 'description', 'key', 'fields'],
  properties: {
    kind: { type: 'string', examples: ['change'] },
    description: { type: 'string' },
    key: { type: 'array', items: { type: 'string' }, description: 'Fields forming the business key.' },
    eventTime: { type: 'string', description: 'Timestamp field that places a row in the audit period.' },
    fields: {
      type: 'array',
      items: {
        type: 'object', required: ['name', 'type', 'required'],
        properties: {
          name: { type: 'string', examples: ['deployed_at'] },
          type: { type: 'string', enum: ['string', 'timestamp', 'number', 'boolean', 'enum'] },
          required: { type: 'boolean' },
          values: { type: 'array', items: { type: 'string' }, description: 'Allowed values of an enum field.' },
        },
      },
    },
  },
} as const;

export const kindsResponse = { type: 'object', required: ['kinds'], properties: { kinds: { type: 'array', items: kindSchema } } } as const;
