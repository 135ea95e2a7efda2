/**
 * Population kinds over HTTP: each kind's canonical fields (type, required, allowed values), its
 * business key and event time — what a mapping review offers for each field.
 *
 * @example
 * GET /v1/kinds → { kinds: [{ kind: 'change', key: ['change_id'], eventTime: 'deployed_at', fields: [{ name: 'change_id', type: 'string', required: true }, …] }, …] }
 */
import type { FastifyInstance } from 'fastify';
import { kinds, kindSpec } from '../../population/kinds.js';
import { errorResponses } from '../schemas/common.js';
import { kindsResponse } from '../schemas/kind.js';

/** What the service shows of the kinds (the synonyms stay in the README and the ingest). */
export function kindViews() {
  return kinds.map((k) => {
    const spec = kindSpec(k);
    return {
      kind: spec.kind, description: spec.description, key: spec.key, ...(spec.eventTime ? { eventTime: spec.eventTime } : {}),
      fields: spec.fields.map((f) => ({ name: f.name, type: f.type, required: f.required === true, ...(f.values ? { values: f.values } : {}) })),
    };
  });
}

export async function kindRoutes(app: FastifyInstance): Promise<void> {
  const views = kindViews();
  app.get('/kinds', {
    schema: { summary: 'Population kinds and their canonical fields', tags: ['populations'], response: { 200: kindsResponse, ...errorResponses } },
  }, async () => ({ kinds: views }));
}
