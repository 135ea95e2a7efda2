/** The body of a re-ingest: what to read differently from the stored source. */
import { kinds } from '../../population/kinds.js';

const header = { type: 'string', minLength: 1, maxLength: 4096 } as const;

export const reingestBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    map: { type: 'object', maxProperties: 200, additionalProperties: { type: ['string', 'null'], minLength: 1, maxLength: 4096 }, description: 'canonical field → source header, laid over the automatic mapping; null leaves the field unmapped.' },
    kind: { type: 'string', enum: [...kinds], description: "Default: the population's kind." },
    timeZone: { type: 'string', minLength: 1, maxLength: 64, description: "Zone of naive timestamps (default: the population's)." },
    dateOrder: { type: 'string', enum: ['dmy', 'mdy'], description: "How slash dates are read (default: the population's)." },
    key: { type: 'array', minItems: 1, maxItems: 16, items: header, description: 'Key header(s) of a generic population.' },
    eventTime: { ...header, description: 'Event-time header of a generic population.' },
  },
  examples: [{ map: { system: 'Environment' } }],
} as const;
