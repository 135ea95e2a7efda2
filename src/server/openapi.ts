/**
 * The OpenAPI 3.0 document of the service, built from the JSON schemas the routes register (an
 * `onRoute` hook collects them), so the document cannot drift from what the routes validate.
 * Served at GET /v1/openapi.json.
 *
 * @example
 * const routes: CollectedRoute[] = []
 * app.addHook('onRoute', (r) => collectRoute(routes, r))
 * openApiDocument(routes).paths['/v1/engagements'].post
 */
import { ENGINE_VERSION } from '../version.js';
import { errorSchema } from './schemas/common.js';

export interface CollectedRoute {
  method: string;
  url: string;
  schema: Record<string, any>;
  public: boolean;
}

interface RouteLike {
  method: string | string[];
  url: string;
  schema?: Record<string, any>;
  config?: { public?: boolean };
}

export function collectRoute(routes: CollectedRoute[], route: RouteLike): void {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  for (const method of methods) {
    if (method === 'HEAD' || !route.url.startsWith('/v1')) continue;
    routes.push({ method: method.toLowerCase(), url: route.url, schema: route.schema ?? {}, public: Boolean(route.config?.public) });
  }
}

const toPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** JSON Schema (draft-07 style, as ajv reads it) → OpenAPI 3.0 schema object. */
export function toOpenApiSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toOpenApiSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    if (k === '$id' || k === '$schema') continue;
    // JSON Schema's `examples` (which ajv knows) is OpenAPI 3.0's single `example`.
    if (k === 'examples' && Array.isArray(v)) {
      if (v.length) out.example = v[0];
      continue;
    }
    if (k === 'type' && Array.isArray(v)) {
      const types = v.filter((t) => t !== 'null');
      if (types.length === 1) out.type = types[0];
      else out.anyOf = types.map((t) => ({ type: t }));
      if (types.length < v.length) out.nullable = true;
      continue;
    }
    if ((k === 'properties' || k === 'patternProperties') && v && typeof v === 'object') {
      out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, toOpenApiSchema(s)]));
      continue;
    }
    out[k] = typeof v === 'object' ? toOpenApiSchema(v) : v;
  }
  if (Array.isArray(out.anyOf) && out.anyOf.some((s: any) => s?.type === 'null')) {
    out.anyOf = out.anyOf.filter((s: any) => s?.type !== 'null');
    out.nullable = true;
    if ((out.anyOf as unknown[]).length === 1) {
      Object.assign(out, (out.anyOf as object[])[0]);
      delete out.anyOf;
    }
  }
  return out;
}

function parameters(schema: Record<string, any> | undefined, where: 'path' | 'query') {
  if (!schema?.properties) return [];
  const required: string[] = schema.required ?? [];
  return Object.entries(schema.properties as Record<string, any>).map(([name, s]) => ({
    name, in: where, required: where === 'path' || required.includes(name),
    ...(s.description ? { description: s.description } : {}),
    schema: toOpenApiSchema(s),
  }));
}

const ERROR_RESPONSES = {
  '4XX': { description: 'A coded error (401 carries WWW-Authenticate; 429 carries Retry-After and details.limit)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '5XX': { description: 'A coded error (503 carries Retry-After and, for a full queue, details.limit)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
};

function responses(schema: Record<string, any>) {
  const out: Record<string, unknown> = {};
  for (const [status, s] of Object.entries((schema.response ?? {}) as Record<string, any>)) {
    const code = status.toUpperCase();
    if (s && s.type === 'null') {
      out[code] = { description: s.description ?? 'No content' };
      continue;
    }
    out[code] = {
      description: s?.description ?? (code.startsWith('2') ? 'Success' : 'A coded error { code, message, details, hint }'),
      content: { 'application/json': { schema: toOpenApiSchema(s) } },
    };
  }
  // Non-JSON answers (files) are declared as ready OpenAPI response objects beside the schema.
  return { ...(schema['x-responses'] ?? {}), ...out, ...ERROR_RESPONSES };
}

export function openApiDocument(routes: CollectedRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const s = r.schema;
    const op: Record<string, unknown> = {
      ...(s.summary ? { summary: s.summary } : {}),
      ...(s.description ? { description: s.description } : {}),
      ...(s.tags ? { tags: s.tags } : {}),
      operationId: `${r.method}${r.url.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      parameters: [...parameters(s.params, 'path'), ...parameters(s.querystring, 'query')],
      responses: responses(s),
      ...(r.public ? { security: [] } : {}),
    };
    if (s.body) op.requestBody = { required: true, content: { 'application/json': { schema: toOpenApiSchema(s.body) } } };
    if (s['x-request-body']) op.requestBody = s['x-request-body'];
    (paths[toPath(r.url)] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'tickmark',
      version: ENGINE_VERSION,
      description: 'Audit sampling and population testing over HTTP: engagements, populations (streamed upload), completeness, samples, tests, workbooks, plans and evaluations. Long operations run as jobs, scheduled fairly across engagements and kept in the catalog (readable after a restart). Every list is paginated by cursor; large results show their first page and link the rest. Every error is a coded `Error`.',
    },
    servers: [{ url: '/' }],
    components: {
      schemas: { Error: toOpenApiSchema(errorSchema) },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token from `tickmark token create`.' } },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
