/**
 * Every bad request is refused before a job exists (the checks the job would make, made first),
 * every JSON body is bounded before it is parsed, and every refusal is a coded error.
 */
import { describe, expect, it } from 'vitest';
import { guardJson } from '../../src/server/json/json-guard.js';
import { closestName } from '../../src/server/schemas/closest.js';
import { bearer, changeCsv, json, uploadCsv, world } from './helpers.js';

const setup = (async () => {
  const w = await world();
  const pop = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, changeCsv(60))).population;
  const sample = json(await w.app.inject({ method: 'POST', url: `/v1/populations/${pop.id}/samples`, headers: bearer(w.a.secret), payload: { seed: 's', size: 5 } }));
  return { ...w, pop, sampleJob: sample.job };
})();

async function jobCount() {
  const w = await setup;
  return w.app.tickmark.jobs.list(undefined, { limit: 500 }).items.length;
}

async function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  const w = await setup;
  return w.app.inject({ method: 'POST', url, headers: { ...bearer(w.a.secret), 'content-type': 'application/json', ...headers }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
}

describe('bodies that used to fail inside the job are refused before one exists', () => {
  const cases: [string, (pop: string, sample: string) => [string, unknown], number, string, RegExp][] = [
    ['a filter on an unknown field', (p) => [`/v1/populations/${p}/samples`, { seed: 's', size: 5, filter: 'colour=red' }], 400, 'TM_ERR_BAD_EXPRESSION', /unknown field "colour"/],
    ['key items on an unknown field', (p) => [`/v1/populations/${p}/samples`, { seed: 's', size: 5, keyItems: 'severity=1' }], 400, 'TM_ERR_BAD_EXPRESSION', /unknown field "severity"/],
    ['size and plan together', (p) => [`/v1/populations/${p}/samples`, { seed: 's', size: 5, plan: { basis: 'fixed', n: 9 } }], 400, 'TM_ERR_USAGE', /either size or plan, not both/],
    ['an unknown plan field, with the closest', (p) => [`/v1/populations/${p}/samples`, { seed: 's', plan: { basis: 'statistical', confidence: 0.95, tolerabel: 0.05 } }], 400, 'TM_ERR_UNKNOWN_FIELD', /"tolerabel" in \/plan; did you mean "tolerable"\?/],
    ['evaluation confidence 5', (p, s) => [`/v1/populations/${p}/test-runs`, { sampleId: s, evaluation: { confidence: 5, tolerable: 0.05 } }], 400, 'TM_ERR_BAD_PLAN', /confidence/],
    ['a bad rule parameter', (p, s) => [`/v1/populations/${p}/test-runs`, { sampleId: s, params: ['no_such_param=3'] }], 400, 'TM_ERR_INVALID_OPTION', /no_such_param/],
    ['a holiday that is not a date', (p, s) => [`/v1/populations/${p}/test-runs`, { sampleId: s, holidays: ['2025-02-30'] }], 400, 'TM_ERR_INVALID_OPTION', /holidays/],
    ['a custom rule that does not compile', (p, s) => [`/v1/populations/${p}/test-runs`, { sampleId: s, rules: { rules: [{ id: 'x', when: 'nonsense' }] } }], 400, 'TM_ERR_BAD_RULE', /./],
    ['evidenceCap 1e9', (p) => [`/v1/populations/${p}/completeness`, { params: { evidenceCap: 1e9 } }], 400, 'TM_ERR_USAGE', /evidenceCap/],
    ['an unknown completeness parameter, with the closest', (p) => [`/v1/populations/${p}/completeness`, { params: { expectCuont: 3 } }], 400, 'TM_ERR_UNKNOWN_FIELD', /did you mean "expectCount"\?/],
    ['a completeness field the population does not map', (p) => [`/v1/populations/${p}/completeness`, { params: { sequenceField: 'nope' } }], 400, 'TM_ERR_INVALID_OPTION', /sequenceField/],
    ['a holiday of the completeness calendar that is not a date', (p) => [`/v1/populations/${p}/completeness`, { params: { holidays: ['2025-02-30'] } }], 400, 'TM_ERR_INVALID_OPTION', /holidays/],
    ['a pull whose tests have a bad parameter', (p) => ['/v1/pulls', { populationId: p, sample: { seed: 's', size: 5 }, tests: { params: ['no_such_param=3'] } }], 400, 'TM_ERR_INVALID_OPTION', /no_such_param/],
    ['a pull whose completeness parameter is unknown', (p) => ['/v1/pulls', { populationId: p, sample: { seed: 's', size: 5 }, completeness: { params: { edgeWarnDay: 2 } } }], 400, 'TM_ERR_UNKNOWN_FIELD', /did you mean "edgeWarnDays"\?/],
  ];
  it.each(cases)('%s', async (_name, make, status, code, message) => {
    const w = await setup;
    const sampleId = (await import('./helpers.js')).waitJob(w.app, w.a.secret, `/v1/jobs/${w.sampleJob.id}`).then((j) => j.result.id as string);
    const [url, payload] = make(w.pop.id, await sampleId);
    const before = await jobCount();
    const res = await post(url, payload);
    expect(res.statusCode, res.body).toBe(status);
    expect(json(res).code).toBe(code);
    expect(json(res).message).toMatch(message);
    expect(await jobCount()).toBe(before);
  });
});

describe('JSON bodies are bounded before they are parsed', () => {
  it('a body nested 5,000 deep (30 KB) is a 400 TM_ERR_BAD_JSON, not a stack overflow or a job', async () => {
    const w = await setup;
    const deep = `{"seed":"s","size":5,"plan":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const before = await jobCount();
    const res = await post(`/v1/populations/${w.pop.id}/samples`, deep);
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ code: 'TM_ERR_BAD_JSON', details: { limit: 32 } });
    expect(await jobCount()).toBe(before);
  });

  it.each([
    ['__proto__', '{"client":"X","__proto__":{"admin":true}}'],
    ['constructor', '{"client":"X","period":{"constructor":{}}}'],
    ['an escaped __proto__', '{"client":"X","\\u005f_proto__":{}}'],
  ])('%s as a key is refused', async (_name, body) => {
    const w = await setup;
    const res = await w.app.inject({ method: 'POST', url: '/v1/engagements', headers: { ...bearer(w.admin), 'content-type': 'application/json' }, payload: body });
    expect(res.statusCode).toBe(400);
    expect(json(res).code).toBe('TM_ERR_BAD_JSON');
    expect(json(res).message).toMatch(/__proto__|constructor/);
  });

  it('a __proto__ key in a map field (joins) is refused too', async () => {
    const w = await setup;
    const res = await post(`/v1/populations/${w.pop.id}/test-runs`, '{"all":true,"joins":{"__proto__":"pop_x"}}');
    expect(res.statusCode).toBe(400);
    expect(json(res).code).toBe('TM_ERR_BAD_JSON');
  });

  it('an object with more keys than the limit is refused', () => {
    const many = `{${Array.from({ length: 1001 }, (_, i) => `"k${i}":1`).join(',')}}`;
    expect(() => guardJson(many, { depth: 32, keys: 1000 })).toThrow(expect.objectContaining({ code: 'TM_ERR_BAD_JSON', details: expect.objectContaining({ limit: 1000 }) }));
    expect(() => guardJson(many, { depth: 32, keys: 1001 })).not.toThrow();
  });

  it('the scan ignores brackets, braces and key-like text inside strings', () => {
    expect(() => guardJson('{"a":"[[[[{{{{\\"__proto__\\":1","b":["]]]"]}', { depth: 2, keys: 10 })).not.toThrow();
    expect(() => guardJson('[[[1]]]', { depth: 2, keys: 10 })).toThrow(/nested deeper than 2/);
    expect(() => guardJson('{"a":{"__proto__":1}}', { depth: 5, keys: 10 })).toThrow(/"__proto__" is not allowed/);
    expect(() => guardJson('["__proto__"]', { depth: 5, keys: 10 })).not.toThrow(); // a value, not a key
  });

  it('did-you-mean suggests only close names', () => {
    expect(closestName('sise', ['seed', 'size', 'plan'])).toBe('size');
    expect(closestName('Period', ['period'])).toBe('period');
    expect(closestName('zzzzzz', ['seed', 'size'])).toBeUndefined();
  });
});

describe('every error is coded', () => {
  it('an unknown route is a coded 404', async () => {
    const w = await setup;
    const res = await w.app.inject({ method: 'GET', url: '/v1/nope', headers: bearer(w.a.secret) });
    expect(res.statusCode).toBe(404);
    expect(json(res)).toMatchObject({ code: 'TM_ERR_NOT_FOUND', details: { what: 'route' } });
  });

  it('a form body (or any media type a route does not take) is a coded 415', async () => {
    const w = await setup;
    const res = await w.app.inject({ method: 'POST', url: '/v1/engagements', headers: { ...bearer(w.admin), 'content-type': 'application/x-www-form-urlencoded' }, payload: 'client=X' });
    expect(res.statusCode).toBe(415);
    expect(json(res).code).toBe('TM_ERR_UNSUPPORTED_MEDIA');
    const text = await w.app.inject({ method: 'POST', url: '/v1/engagements', headers: { ...bearer(w.admin), 'content-type': 'text/plain' }, payload: '{"client":"X"}' });
    expect(text.statusCode).toBe(415);
    expect(json(text).code).toBe('TM_ERR_UNSUPPORTED_MEDIA');
  });

  it('an unknown query parameter is named with the closest', async () => {
    const w = await setup;
    const res = await w.app.inject({ method: 'GET', url: `/v1/engagements/${w.a.engagement.id}/populations?limt=5`, headers: bearer(w.a.secret) });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ code: 'TM_ERR_UNKNOWN_FIELD', details: { field: 'limt', where: 'query parameter', closest: 'limit' } });
  });
});
