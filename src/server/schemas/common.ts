/**
 * JSON schemas shared by every route: ids in paths, the coded error body.
 * These same schemas validate requests, serialise responses and build the OpenAPI document.
 *
 * @example
 * app.get('/v1/populations/:populationId', { schema: { params: idParams('populationId'), response: { 200: …, ...errorResponses } } }, …)
 */
import { errorRegistry } from '../../errors.js';

export const ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

export const idSchema = { type: 'string', pattern: ID_PATTERN, maxLength: 64 } as const;

const paramSchemas = new Map<string, object>();

/** The params schema for these path ids (one object per name list, so ajv compiles it once). */
export function idParams(...names: string[]) {
  const key = names.join(',');
  let schema = paramSchemas.get(key);
  if (!schema) {
    schema = { type: 'object', required: names, additionalProperties: false, properties: Object.fromEntries(names.map((n) => [n, idSchema])) };
    paramSchemas.set(key, schema);
  }
  return schema as { type: 'object'; required: string[]; additionalProperties: false; properties: Record<string, typeof idSchema> };
}

export const errorSchema = {
  type: 'object',
  required: ['code', 'message', 'details'],
  properties: {
    code: { type: 'string', enum: Object.keys(errorRegistry), description: 'A stable TM_ERR_* code (the README lists each with its HTTP status and hint).' },
    message: { type: 'string', description: 'What was wrong, naming the row, column, field or option.' },
    details: { type: 'object', additionalProperties: true, description: 'The facts of the error, by code (e.g. what, id for TM_ERR_NOT_FOUND).' },
    hint: { type: 'string', description: 'What to do about it.' },
  },
  examples: [{ code: 'TM_ERR_NOT_FOUND', message: 'population not found: pop_x', details: { what: 'population', id: 'pop_x' }, hint: 'Check the id.' }],
} as const;

/**
 * Every route may answer a coded 4xx/5xx error. The error handler serialises those itself, so
 * routes do not repeat this schema (each copy costs a serializer compile at start-up); the
 * OpenAPI document adds it to every operation.
 */
export const errorResponses = {} as const;

export const openObject = { type: 'object', additionalProperties: true } as const;
export const nullableString = { type: ['string', 'null'] } as const;
