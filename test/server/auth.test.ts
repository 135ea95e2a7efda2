/** Bearer tokens, scoping (404 across engagements), admin-only routes, rate limit, audit trail. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearerSecret } from '../../src/server/auth/authenticate.js';
import { createToken, findToken, revokeToken } from '../../src/server/auth/tokens.js';
import { RateLimiter } from '../../src/server/limits/token-bucket.js';
import { bearer, json, world } from './helpers.js';

const shared = world();

describe('bearer tokens', () => {
  it('answers 401 with a coded error without a token, with a malformed one and with an unknown one', async () => {
    const w = await shared;
    for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer tmk_' + 'x'.repeat(43) }, { authorization: `Bearer ${w.a.secret}x` }]) {
      const res = await w.app.inject({ method: 'GET', url: '/v1/engagements', headers });
      expect(res.statusCode).toBe(401);
      expect(json(res)).toMatchObject({ code: 'TM_ERR_UNAUTHORIZED', message: 'missing or invalid API token' });
      expect(Object.keys(json(res)).sort()).toEqual(['code', 'details', 'hint', 'message']);
    }
  });

  it('answers 401 for unknown routes without a token (routes are not revealed), 404 with one', async () => {
    const w = await shared;
    expect((await w.app.inject({ method: 'GET', url: '/v1/nope' })).statusCode).toBe(401);
    const res = await w.app.inject({ method: 'GET', url: '/v1/nope', headers: bearer(w.a.secret) });
    expect(res.statusCode).toBe(404);
    expect(json(res).code).toBe('TM_ERR_NOT_FOUND');
  });

  it('stores only the SHA-256 of a secret, and a revoked token stops working at once', async () => {
    const w = await shared;
    const { secret, token } = createToken(w.store, { engagementId: w.a.engagement.id });
    const row = w.store.catalog.prepare('SELECT * FROM tokens WHERE id = ?').get(token.id) as Record<string, unknown>;
    expect(row.hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(findToken(w.store, secret)?.id).toBe(token.id);
    expect((await w.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(secret) })).statusCode).toBe(200);
    revokeToken(w.store, token.id);
    expect(findToken(w.store, secret)).toBeUndefined();
    expect((await w.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(secret) })).statusCode).toBe(401);
  });

  it('parses only well-formed bearer headers', () => {
    expect(bearerSecret('Bearer abc')).toBe('abc');
    expect(bearerSecret('bearer   abc ')).toBe('abc');
    expect(bearerSecret('Bearer a b')).toBeUndefined();
    expect(bearerSecret('Token abc')).toBeUndefined();
    expect(bearerSecret(undefined)).toBeUndefined();
  });

  it('refuses a token for an engagement that does not exist', async () => {
    const { store } = await shared;
    expect(() => createToken(store, { engagementId: 'eng_missing' })).toThrow(/engagement not found/);
    expect(() => createToken(store, { engagementId: '../etc' })).toThrow(/invalid engagement id/);
  });
});

describe('scope', () => {
  it('an engagement token sees only its engagement: the other answers 404 exactly like a missing id', async () => {
    const w = await shared;
    const other = await w.app.inject({ method: 'GET', url: `/v1/engagements/${w.b.engagement.id}`, headers: bearer(w.a.secret) });
    const missing = await w.app.inject({ method: 'GET', url: '/v1/engagements/eng_doesnotexist', headers: bearer(w.a.secret) });
    expect(other.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(json(other).code).toBe('TM_ERR_NOT_FOUND');
    expect(json(other).message).toBe(`engagement not found: ${w.b.engagement.id}`);
    const list = json(await w.app.inject({ method: 'GET', url: '/v1/engagements', headers: bearer(w.a.secret) }));
    expect(list.engagements.map((e: { id: string }) => e.id)).toEqual([w.a.engagement.id]);
  });

  it('the admin token sees every engagement; engagement tokens may not use admin routes (403)', async () => {
    const w = await shared;
    const list = json(await w.app.inject({ method: 'GET', url: '/v1/engagements', headers: bearer(w.admin) }));
    expect(list.engagements.map((e: { id: string }) => e.id).sort()).toEqual([w.a.engagement.id, w.b.engagement.id].sort());
    for (const [method, url, payload] of [['POST', '/v1/engagements', { client: 'X' }], ['GET', '/v1/tokens', undefined], ['POST', '/v1/tokens', { admin: true }], ['GET', '/v1/audit-log', undefined]] as const) {
      const res = await w.app.inject({ method, url, headers: bearer(w.a.secret), ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(json(res).code).toBe('TM_ERR_FORBIDDEN');
    }
  });

  it('admin mints an engagement token over HTTP (secret once), lists without secrets, revokes', async () => {
    const w = await shared;
    const made = await w.app.inject({ method: 'POST', url: '/v1/tokens', headers: bearer(w.admin), payload: { engagementId: w.b.engagement.id, label: 'ci' } });
    expect(made.statusCode).toBe(201);
    const { token, secret } = json(made);
    expect(token).toMatchObject({ engagementId: w.b.engagement.id, admin: false, label: 'ci', revokedAt: null });
    const me = json(await w.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(secret) }));
    expect(me.token.id).toBe(token.id);
    const list = await w.app.inject({ method: 'GET', url: '/v1/tokens', headers: bearer(w.admin) });
    expect(list.body).not.toContain(secret);
    expect(json(list).tokens.map((t: { id: string }) => t.id)).toContain(token.id);
    const both = await w.app.inject({ method: 'POST', url: '/v1/tokens', headers: bearer(w.admin), payload: { engagementId: w.b.engagement.id, admin: true } });
    expect(both.statusCode).toBe(400);
    const ghost = await w.app.inject({ method: 'POST', url: '/v1/tokens', headers: bearer(w.admin), payload: { engagementId: 'eng_ghost' } });
    expect(ghost.statusCode).toBe(404);
    const revoked = await w.app.inject({ method: 'DELETE', url: `/v1/tokens/${token.id}`, headers: bearer(w.admin) });
    expect(json(revoked).token.revokedAt).toEqual(expect.any(String));
    expect((await w.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(secret) })).statusCode).toBe(401);
  });
});

describe('audit trail', () => {
  it('records every request with the token id (never the secret), including refused ones', async () => {
    const w = await shared;
    await w.app.inject({ method: 'GET', url: `/v1/engagements/${w.a.engagement.id}`, headers: bearer(w.a.secret) });
    await w.app.inject({ method: 'GET', url: `/v1/engagements/${w.b.engagement.id}`, headers: bearer(w.a.secret) });
    await w.app.inject({ method: 'GET', url: '/v1/engagements' });
    const entries = w.store.auditLog(3).reverse();
    expect(entries.map((e) => [e.actor, e.action, e.target, (e.params as { status: number }).status])).toEqual([
      [w.a.tokenId, 'http.request', `/v1/engagements/${w.a.engagement.id}`, 200],
      [w.a.tokenId, 'http.request', `/v1/engagements/${w.b.engagement.id}`, 404],
      ['anonymous', 'http.request', '/v1/engagements', 401],
    ]);
    expect(JSON.stringify(w.store.auditLog(1000))).not.toContain(w.a.secret);
    const viaHttp = json(await w.app.inject({ method: 'GET', url: '/v1/audit-log?limit=2', headers: bearer(w.admin) }));
    expect(viaHttp.entries).toHaveLength(2);
    expect(viaHttp.entries[0].actor).toBe('anonymous');
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a token spends its bucket; other tokens are unaffected', async () => {
    const w = await world({ limits: { ratePerMinute: 3 } });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await w.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(w.a.secret) })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const limited = await w.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(w.a.secret) });
    expect(limited.statusCode).toBe(429);
    expect(json(limited).code).toBe('TM_ERR_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(20);
    expect((await w.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(w.b.secret) })).statusCode).toBe(200);
  });

  it('token bucket: burst of one minute, refills evenly, Retry-After is the wait for one token', () => {
    const r = new RateLimiter(60);
    for (let i = 0; i < 60; i++) expect(r.take('k', 1000).ok).toBe(true);
    expect(r.take('k', 1000)).toEqual({ ok: false, limit: 60, remaining: 0, resetSeconds: 60, retryAfterSeconds: 1 });
    expect(r.take('k', 1999).ok).toBe(false);
    expect(r.take('k', 2000).ok).toBe(true);
    expect(r.take('other', 2000).ok).toBe(true);
    const slow = new RateLimiter(2);
    slow.take('k', 0);
    slow.take('k', 0);
    expect(slow.take('k', 0)).toEqual({ ok: false, limit: 2, remaining: 0, resetSeconds: 60, retryAfterSeconds: 30 });
  });

  it('forgets idle buckets when many keys are seen, without resetting a spent one early', () => {
    const r = new RateLimiter(1, 2);
    expect(r.take('a', 0).ok).toBe(true);
    expect(r.take('b', 0).ok).toBe(true);
    expect(r.take('c', 0).ok).toBe(true); // prunes: a and b are spent, the oldest (a) goes
    expect(r.take('b', 0).ok).toBe(false);
  });
});
