/**
 * JSON schemas shared by every route: ids in paths, the coded error body, pagination-free lists.
 * These same schemas validate requests, serialise responses and build the OpenAPI document.
 *
 * @example
 * app.get('/v1/populations/:populationId', { schema: { params: idParams('populationId'), response: { 200: …, ...errorResponses } } }, …)
 */
export const ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

export const idSchema = { type: 'string', pattern: ID_PATTERN, maxLength: 64 } as const;

export function idParams(...names: string[]) {
  return {
    type: 'object',
    required: names,
    additionalProperties: false,
    properties: Object.fromEntries(names.map((n) => [n, idSchema])),
  } as const;
}

export const errorSchema = {
  type: 'object',
  required: ['code', 'message', 'details'],
  properties: {
    code: { type: 'string', description: 'A stable TM_ERR_* code.' },
    message: { type: 'string' },
    details: { type: 'object', additionalProperties: true },
    hint: { type: 'string' },
  },
} as const;

/** Every route may answer a coded 4xx/5xx error. */
export const errorResponses = { '4xx': errorSchema, '5xx': errorSchema } as const;

export const openObject = { type: 'object', additionalProperties: true } as const;
export const nullableString = { type: ['string', 'null'] } as const;
