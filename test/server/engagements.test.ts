/** Engagement routes: create (admin), list, read; validation and id errors. */
import { describe, expect, it } from 'vitest';
import { bearer, json, world } from './helpers.js';

const shared = world();

describe('POST /v1/engagements', () => {
  it('creates an engagement with its period and zone, answers 201 with a Location, and logs who did it', async () => {
    const w = await shared;
    const res = await w.app.inject({
      method: 'POST', url: '/v1/engagements', headers: bearer(w.admin),
      payload: { client: '  Initech ', name: 'SOC 2 Type 2', period: { start: '2025-04-01', end: '2026-03-31' }, timeZone: 'Europe/Paris' },
    });
    expect(res.statusCode).toBe(201);
    const { engagement } = json(res);
    expect(engagement).toMatchObject({ client: 'Initech', name: 'SOC 2 Type 2', period: { start: '2025-04-01', end: '2026-03-31' }, timeZone: 'Europe/Paris' });
    expect(engagement.id).toMatch(/^eng_[A-Za-z0-9_-]+$/);
    expect(res.headers.location).toBe(`/v1/engagements/${engagement.id}`);
    const read = json(await w.app.inject({ method: 'GET', url: res.headers.location as string, headers: bearer(w.admin) }));
    expect(read.engagement).toEqual(engagement);
    const logged = w.store.auditLog(50).find((e) => e.action === 'engagement.create' && e.target === engagement.id);
    expect(logged?.actor).toMatch(/^tok_/);
  });

  it('defaults the zone to UTC and the name and period to null', async () => {
    const w = await shared;
    const { engagement } = json(await w.app.inject({ method: 'POST', url: '/v1/engagements', headers: bearer(w.admin), payload: { client: 'Hooli' } }));
    expect(engagement).toMatchObject({ client: 'Hooli', name: null, period: null, timeZone: 'UTC' });
  });

  it.each([
    [{}, 'TM_ERR_USAGE', /client/],
    [{ client: '' }, 'TM_ERR_USAGE', /client/],
    [{ client: 'X', perod: {} }, 'TM_ERR_UNKNOWN_FIELD', /unknown field "perod"; did you mean "period"\?/],
    [{ client: 'X', period: { start: '2025-01-01' } }, 'TM_ERR_USAGE', /end/],
    [{ client: 'X', period: { start: '2025-13-01', end: '2025-12-31' } }, 'TM_ERR_BAD_PERIOD', /not a date/],
    [{ client: 'X', period: { start: '2025-12-31', end: '2025-01-01' } }, 'TM_ERR_BAD_PERIOD', /end is before the start/],
    [{ client: 'X', timeZone: 'Mars/Olympus' }, 'TM_ERR_BAD_TIMEZONE', /Mars\/Olympus/],
  ])('refuses %j with 400 %s', async (payload, code, message) => {
    const w = await shared;
    const res = await w.app.inject({ method: 'POST', url: '/v1/engagements', headers: bearer(w.admin), payload });
    expect(res.statusCode).toBe(400);
    expect(json(res).code).toBe(code);
    expect(json(res).message).toMatch(message);
  });

  it('refuses a body that is not JSON (415) and JSON that does not parse (400)', async () => {
    const w = await shared;
    const csv = await w.app.inject({ method: 'POST', url: '/v1/engagements', headers: { ...bearer(w.admin), 'content-type': 'text/csv' }, payload: 'client\nX\n' });
    expect(csv.statusCode).toBe(415);
    expect(json(csv).code).toBe('TM_ERR_UNSUPPORTED_MEDIA');
    const broken = await w.app.inject({ method: 'POST', url: '/v1/engagements', headers: { ...bearer(w.admin), 'content-type': 'application/json' }, payload: '{"client":' });
    expect(broken.statusCode).toBe(400);
    expect(json(broken).code).toBe('TM_ERR_BAD_JSON');
  });

  it('refuses an engagement token (403) and no token (401)', async () => {
    const w = await shared;
    expect((await w.app.inject({ method: 'POST', url: '/v1/engagements', headers: bearer(w.a.secret), payload: { client: 'X' } })).statusCode).toBe(403);
    expect((await w.app.inject({ method: 'POST', url: '/v1/engagements', payload: { client: 'X' } })).statusCode).toBe(401);
  });
});

describe('GET /v1/engagements/:engagementId', () => {
  it('reads its own engagement', async () => {
    const w = await shared;
    const res = await w.app.inject({ method: 'GET', url: `/v1/engagements/${w.b.engagement.id}`, headers: bearer(w.b.secret) });
    expect(res.statusCode).toBe(200);
    expect(json(res).engagement).toEqual(w.b.engagement);
  });

  it('answers 404 for another engagement, 401 without a token', async () => {
    const w = await shared;
    expect((await w.app.inject({ method: 'GET', url: `/v1/engagements/${w.a.engagement.id}`, headers: bearer(w.b.secret) })).statusCode).toBe(404);
    expect((await w.app.inject({ method: 'GET', url: `/v1/engagements/${w.a.engagement.id}` })).statusCode).toBe(401);
  });

  it('refuses traversal and over-long ids with 400/404 and a coded error', async () => {
    const w = await shared;
    const traversal = await w.app.inject({ method: 'GET', url: '/v1/engagements/..%2F..%2Fcatalog.sqlite', headers: bearer(w.admin) });
    expect(traversal.statusCode).toBe(400);
    expect(json(traversal)).toMatchObject({ code: 'TM_ERR_INVALID_ID', details: { what: 'engagement', id: '../../catalog.sqlite' } });
    const long = await w.app.inject({ method: 'GET', url: `/v1/engagements/${'e'.repeat(65)}`, headers: bearer(w.admin) });
    expect(long.statusCode).toBe(400);
    expect(json(long).code).toBe('TM_ERR_INVALID_ID');
    const huge = await w.app.inject({ method: 'GET', url: `/v1/engagements/${'e'.repeat(5000)}`, headers: bearer(w.admin) });
    expect(huge.statusCode).toBe(400);
    expect(json(huge).code).toBe('TM_ERR_INVALID_ID');
    const dots = await w.app.inject({ method: 'GET', url: '/v1/engagements/../../etc/passwd', headers: bearer(w.admin) });
    expect([400, 404]).toContain(dots.statusCode);
  });

  it('lists: the admin sees all, an engagement token its own only', async () => {
    const w = await shared;
    const mine = json(await w.app.inject({ method: 'GET', url: '/v1/engagements', headers: bearer(w.b.secret) }));
    expect(mine.engagements).toEqual([w.b.engagement]);
    const all = json(await w.app.inject({ method: 'GET', url: '/v1/engagements', headers: bearer(w.admin) }));
    expect(all.engagements.length).toBeGreaterThanOrEqual(2);
    expect(all.engagements.map((e: { client: string }) => e.client)).toEqual(expect.arrayContaining(['Acme', 'Globex']));
  });
});
