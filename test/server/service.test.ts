/** OpenAPI document, health, restart over the same data dir, the token CLI command, timeouts. */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { errorRegistry } from '../../src/errors.js';
import { tokenCommand } from '../../src/cli/commands/token.js';
import { buildApp } from '../../src/server/app.js';
import { resolveLimits } from '../../src/server/options.js';
import { bearer, changeCsv, json, runJob, tempDataDir, tmpEntries, uploadCsv, world } from './helpers.js';

const shared = world();

describe('OpenAPI document', () => {
  it('is public and lists every /v1 route with its parameters, bodies, responses and bearer security', async () => {
    const w = await shared;
    const res = await w.app.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = json(res);
    expect(doc.openapi).toBe('3.0.3');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ops = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    for (const op of [
      'POST /v1/engagements', 'GET /v1/engagements', 'GET /v1/engagements/{engagementId}',
      'POST /v1/engagements/{engagementId}/populations', 'GET /v1/engagements/{engagementId}/populations', 'GET /v1/populations/{populationId}',
      'POST /v1/populations/{populationId}/completeness', 'GET /v1/completeness/{reportId}', 'POST /v1/populations/{populationId}/samples',
      'POST /v1/samples/{sampleId}/extend', 'POST /v1/samples/{sampleId}/verify', 'POST /v1/populations/{populationId}/test-runs',
      'GET /v1/test-runs/{runId}/findings', 'GET /v1/jobs/{jobId}', 'DELETE /v1/jobs/{jobId}', 'POST /v1/tokens', 'GET /v1/openapi.json',
      'GET /v1/samples/{sampleId}/workbook', 'GET /v1/test-runs/{runId}/workbook', 'GET /v1/samples/{sampleId}/export', 'POST /v1/populations/{populationId}/verify',
    ]) expect(ops, op).toContain(op);
    expect(ops.some((o) => o.startsWith('HEAD '))).toBe(false);
    const create = doc.paths['/v1/engagements'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(['client']);
    expect(create.responses['201'].content['application/json'].schema.properties.engagement.properties.name).toMatchObject({ type: 'string', nullable: true });
    expect(create.responses['4XX'].content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
    const upload = doc.paths['/v1/engagements/{engagementId}/populations'].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(upload.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(['path:engagementId', 'query:kind', 'query:map']));
    expect(doc.paths['/v1/openapi.json'].get.security).toEqual([]);
    expect(Object.keys(doc.paths['/v1/samples/{sampleId}/workbook'].get.responses['200'].content)).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(doc.paths['/v1/jobs/{jobId}'].get.parameters).toEqual([{ name: 'jobId', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', maxLength: 64 } }]);
    expect(JSON.stringify(doc)).not.toMatch(/"type":\[/); // OpenAPI 3.0 has no type arrays
  });

  it('lists the routes of a shared service with full schemas, and Error.code with its enum', async () => {
    const w = await shared;
    const doc = json(await w.app.inject({ method: 'GET', url: '/v1/openapi.json' }));
    const ops = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    for (const op of [
      'POST /v1/plans', 'POST /v1/evaluations', 'DELETE /v1/engagements/{engagementId}', 'DELETE /v1/populations/{populationId}', 'DELETE /v1/samples/{sampleId}',
      'GET /v1/samples/{sampleId}/items', 'GET /v1/test-runs/{runId}/items', 'GET /v1/test-runs/{runId}/records', 'GET /v1/jobs',
    ]) expect(ops, op).toContain(op);
    expect(doc.components.schemas.Error.properties.code.enum).toEqual(Object.keys(errorRegistry));
    const plans = doc.paths['/v1/plans'].post;
    expect(plans.requestBody.content['application/json'].schema).toMatchObject({ required: ['plan'], additionalProperties: false });
    expect(Object.keys(plans.responses['200'].content['application/json'].schema.properties.plan.properties)).toEqual(expect.arrayContaining(['n', 'allowedDeviations', 'rationale', 'parameters']));
    const evaluations = doc.paths['/v1/evaluations'].post;
    expect(evaluations.responses['200'].content['application/json'].schema.properties.evaluation.properties.conclusion.enum).toEqual(['supported', 'not_supported']);
    expect(doc.paths['/v1/jobs'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['limit', 'cursor', 'state', 'type']);
    expect(doc.paths['/v1/populations/{populationId}/samples'].post.requestBody.content['application/json'].schema.properties.plan.additionalProperties).toBe(false);
    expect(doc.paths['/v1/populations/{populationId}/completeness'].post.requestBody.content['application/json'].schema.properties.params.additionalProperties).toBe(false);
    // Every JSON request body closes its objects: no unknown field slips through.
    const open: string[] = [];
    const walk = (s: any, at: string) => {
      if (!s || typeof s !== 'object') return;
      if (s.type === 'object' && s.properties && s.additionalProperties !== false) open.push(at);
      for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, `${at}.${k}`);
      if (s.items) walk(s.items, `${at}[]`);
    };
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [m, op] of Object.entries(methods)) walk(op.requestBody?.content?.['application/json']?.schema, `${m} ${path}`);
    }
    expect(open).toEqual([]);
  });

  it('health is public', async () => {
    const w = await shared;
    expect(json(await w.app.inject({ method: 'GET', url: '/v1/health' }))).toEqual({ status: 'ok', version: '0.1.0' });
  });
});

describe('restart', () => {
  it('a new app over the same data dir keeps engagements, tokens, populations, samples and results', async () => {
    const dataDir = tempDataDir();
    const w = await world({ dataDir });
    const pop = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, changeCsv(30))).population;
    const sample = await runJob(w.app, w.a.secret, `/v1/populations/${pop.id}/samples`, { seed: 'restart', size: 5 });
    const before = json(await w.app.inject({ method: 'GET', url: `/v1/samples/${sample.result.id}`, headers: bearer(w.a.secret) })).sample;
    await w.app.close();
    const again = buildApp({ dataDir, workers: 0 });
    try {
      const engagement = json(await again.inject({ method: 'GET', url: `/v1/engagements/${w.a.engagement.id}`, headers: bearer(w.a.secret) }));
      expect(engagement.engagement).toEqual(w.a.engagement);
      expect(json(await again.inject({ method: 'GET', url: `/v1/populations/${pop.id}`, headers: bearer(w.a.secret) })).population.source.sha256).toBe(pop.source.sha256);
      const after = json(await again.inject({ method: 'GET', url: `/v1/samples/${sample.result.id}`, headers: bearer(w.a.secret) })).sample;
      expect(after).toEqual(before);
      // Jobs are kept in the catalog: the finished job is still readable, with its result link.
      const job = json(await again.inject({ method: 'GET', url: `/v1/jobs/${sample.id}`, headers: bearer(w.a.secret) })).job;
      expect(job).toMatchObject({ id: sample.id, state: 'succeeded', result: { id: sample.result.id, href: `/v1/samples/${sample.result.id}` } });
      const verify = await runJob(again, w.a.secret, `/v1/samples/${sample.result.id}/verify`);
      expect(json(await again.inject({ method: 'GET', url: verify.result.href, headers: bearer(w.a.secret) })).verification.identical).toBe(true);
    } finally {
      await again.close();
    }
  });
});

describe('tickmark token', () => {
  const run = async (args: { positionals: string[]; values: Record<string, string | boolean> }) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await tokenCommand.run({ ...args, io: { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false } });
    return { code, out, err };
  };

  it('create prints the secret once and stores only its SHA-256; list and revoke', async () => {
    const w = await shared;
    const created = await run({ positionals: ['create'], values: { engagement: w.a.engagement.id, label: 'cli', 'data-dir': w.dataDir } });
    expect(created.code).toBe(0);
    const secret = created.out[0]!;
    expect(secret).toMatch(/^tmk_[A-Za-z0-9_-]{43}$/);
    const row = w.store.catalog.prepare('SELECT id, hash FROM tokens WHERE label = ?').get('cli') as { id: string; hash: string };
    expect(row.hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(created.err.join('')).toContain(row.id);
    expect(json(await w.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(secret) })).token.id).toBe(row.id);
    const listed = await run({ positionals: ['list'], values: { 'data-dir': w.dataDir } });
    expect(listed.out.join('\n')).toContain(row.id);
    expect(listed.out.join('\n')).not.toContain(secret);
    expect((await run({ positionals: ['revoke', row.id], values: { 'data-dir': w.dataDir } })).code).toBe(0);
    expect((await w.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(secret) })).statusCode).toBe(401);
  });

  it('create --admin makes an admin token; giving both or neither is a usage error', async () => {
    const w = await shared;
    const admin = await run({ positionals: ['create'], values: { admin: true, json: true, 'data-dir': w.dataDir } });
    const { token, secret } = JSON.parse(admin.out[0]!);
    expect(token).toMatchObject({ admin: true, engagementId: null });
    expect((await w.app.inject({ method: 'GET', url: '/v1/tokens', headers: bearer(secret) })).statusCode).toBe(200);
    await expect(run({ positionals: ['create'], values: { 'data-dir': w.dataDir } })).rejects.toMatchObject({ code: 'TM_ERR_USAGE' });
    await expect(run({ positionals: ['create'], values: { admin: true, engagement: w.a.engagement.id, 'data-dir': w.dataDir } })).rejects.toMatchObject({ code: 'TM_ERR_USAGE' });
    await expect(run({ positionals: ['create'], values: { engagement: 'eng_nope', 'data-dir': w.dataDir } })).rejects.toMatchObject({ code: 'TM_ERR_NOT_FOUND' });
  });
});

describe('limits', () => {
  it('validates its options with messages that name the option', () => {
    expect(resolveLimits({}).uploadBytes).toBe(2 * 1024 ** 3);
    expect(resolveLimits({}).ratePerMinute).toBe(600);
    expect(() => resolveLimits({ uploadBytes: 0 })).toThrow('option limits.uploadBytes must be a positive integer; got 0');
    expect(() => resolveLimits({ ratePerMinute: 1.5 })).toThrow(/limits.ratePerMinute/);
    expect(() => buildApp({ workers: -1, dataDir: tempDataDir() })).toThrow(/option workers must be a non-negative integer/);
  });

  it('an upload slower than the upload timeout is stopped: 408, nothing stored, temp removed', async () => {
    const w = await world({ limits: { uploadTimeoutMs: 300 } });
    const csv = changeCsv(50);
    // The rest of the body is held back until the service has answered: only its own timeout can end the upload.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    async function* slow() {
      yield Buffer.from(csv.slice(0, 200));
      await held;
      yield Buffer.from(csv.slice(200));
    }
    const res = await w.app.inject({
      method: 'POST', url: `/v1/engagements/${w.a.engagement.id}/populations?kind=change`,
      headers: { ...bearer(w.a.secret), 'content-type': 'text/csv' }, payload: Readable.from(slow()),
    });
    release();
    expect(res.statusCode).toBe(408);
    expect(json(res)).toMatchObject({ code: 'TM_ERR_TIMEOUT' });
    expect(json(res).message).toMatch(/longer than 300 ms/);
    expect(w.store.listPopulations(w.a.engagement.id)).toEqual([]);
    expect(tmpEntries(w.dataDir)).toEqual([]);
  });

  it('a handler slower than the request timeout answers 503 with a coded error', async () => {
    const app = buildApp({ dataDir: tempDataDir(), workers: 0, limits: { requestTimeoutMs: 50 } });
    // The handler finishes only after the answer is out: only the request timeout can answer it.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    app.get('/v1/slow', { config: { public: true } }, async () => {
      await held;
      return { late: true };
    });
    const res = await app.inject({ method: 'GET', url: '/v1/slow' });
    release();
    expect(res.statusCode).toBe(503);
    expect(json(res).code).toBe('TM_ERR_UNAVAILABLE');
    expect(res.headers['retry-after']).toBe('5');
    await app.close();
  });
});
