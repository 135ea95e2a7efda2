/** The JSON schema of the team's entries on a sample (src/evaluation/entries.ts), bounded everywhere. */
import { CONTROL_NATURES, MARKS } from '../../evaluation/entries.js';

const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const mark = { type: 'string', enum: [...MARKS] } as const;
const attribute = { type: 'string', pattern: '^[A-Z]{1,3}$' } as const;
const order = { type: 'integer', minimum: 1, maximum: 10_000_000 } as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

export const entriesSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    items: {
      type: 'array', maxItems: 100_000,
      items: {
        type: 'object', additionalProperties: false, required: ['order', 'key'],
        properties: {
          order, key: text(1000),
          marks: { type: 'object', maxProperties: 200, propertyNames: attribute, additionalProperties: mark },
          overrides: { type: 'object', maxProperties: 200, propertyNames: attribute, additionalProperties: { type: 'object', additionalProperties: false, required: ['mark', 'reason'], properties: { mark, reason: { type: 'string', minLength: 1, maxLength: 2000 } } } },
          evidence: text(2000), comment: text(4000),
        },
      },
    },
    addedExceptions: { type: 'array', maxItems: 10_000, items: { type: 'object', additionalProperties: false, required: ['order', 'key', 'attribute', 'description'], properties: { order, key: text(1000), attribute, description: { type: 'string', minLength: 1, maxLength: 4000 } } } },
    writeUps: { type: 'array', maxItems: 10_000, items: { type: 'object', additionalProperties: false, required: ['order', 'key', 'attribute'], properties: { order, key: text(1000), attribute, rootCause: text(4000), managementResponse: text(4000), nature: { type: 'string', enum: ['isolated', 'systemic'] } } } },
    workpaper: {
      type: 'object', additionalProperties: false,
      properties: {
        objective: text(4000), owner: text(200), nature: { type: 'string', enum: [...CONTROL_NATURES] }, frequency: text(100), keyControl: { type: 'boolean' },
        populationDefinition: text(4000), workpaperRef: text(200), preparedBy: text(200), preparedOn: date, reviewedBy: text(200), reviewedOn: date, auditorConclusion: text(4000),
      },
    },
    completeness: { type: 'array', maxItems: 64, items: { type: 'object', additionalProperties: false, required: ['check', 'disposition'], properties: { check: text(64), disposition: text(4000) } } },
  },
} as const;
