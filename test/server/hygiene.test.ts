/** A new data directory is private; answers carry the auth, cache and rate-limit headers. */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bearer, changeCsv, json, uploadCsv, world } from './helpers.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the data directory', () => {
  it('is 0700 with 0600 files: the catalog (and its WAL), a stored source and a population chunk', async () => {
    const old = process.umask(0o022);
    try {
      const w = await world();
      const pop = json(await uploadCsv(w.app, w.a.secret, w.a.engagement.id, changeCsv(20))).population;
      expect(mode(w.dataDir).toString(8)).toBe('700');
      for (const sub of ['sources', 'populations', 'tmp', 'exports', join('populations', pop.id)]) expect(mode(join(w.dataDir, sub)).toString(8), sub).toBe('700');
      for (const file of ['catalog.sqlite', 'catalog.sqlite-wal', join('sources', pop.source.sha256)]) expect(mode(join(w.dataDir, file)).toString(8), file).toBe('600');
      const chunk = w.store.population(pop.id)!.chunks[0]!.file;
      expect(mode(join(w.dataDir, 'populations', pop.id, chunk)).toString(8)).toBe('600');
    } finally {
      process.umask(old);
    }
  });
});

describe('shutting down', () => {
  it('answers a coded 503 with Retry-After, not 499', async () => {
    const w = await world();
    w.app.tickmark.shutdown.abort();
    const res = await w.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(w.a.secret) });
    expect(res.statusCode).toBe(503);
    expect(json(res).code).toBe('TM_ERR_UNAVAILABLE');
    expect(res.headers['retry-after']).toBe('5');
  });
});

describe('headers', () => {
  const shared = world({ limits: { ratePerMinute: 120 } });

  it('401 carries WWW-Authenticate: Bearer (invalid_token when one was sent)', async () => {
    const w = await shared;
    const none = await w.app.inject({ method: 'GET', url: '/v1/me' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="tickmark"');
    const wrong = await w.app.inject({ method: 'GET', url: '/v1/me', headers: bearer('tmk_nope') });
    expect(wrong.headers['www-authenticate']).toBe('Bearer realm="tickmark", error="invalid_token"');
  });

  it('the token secret and every authenticated answer are Cache-Control: no-store; health is not', async () => {
    const w = await shared;
    const made = await w.app.inject({ method: 'POST', url: '/v1/tokens', headers: bearer(w.admin), payload: { engagementId: w.a.engagement.id } });
    expect(made.statusCode).toBe(201);
    expect(made.headers['cache-control']).toBe('no-store');
    expect((await w.app.inject({ method: 'GET', url: `/v1/engagements/${w.a.engagement.id}`, headers: bearer(w.a.secret) })).headers['cache-control']).toBe('no-store');
    expect((await w.app.inject({ method: 'GET', url: '/v1/nope', headers: bearer(w.a.secret) })).headers['cache-control']).toBe('no-store');
    expect((await w.app.inject({ method: 'GET', url: '/v1/health' })).headers['cache-control']).toBeUndefined();
  });

  it('RateLimit-Limit / -Remaining / -Reset on every authenticated answer, remaining counting down', async () => {
    const w = await shared;
    const first = await w.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(w.b.secret) });
    const second = await w.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(w.b.secret) });
    expect(first.headers['ratelimit-limit']).toBe('120');
    expect(Number(second.headers['ratelimit-remaining'])).toBe(Number(first.headers['ratelimit-remaining']) - 1);
    expect(Number(second.headers['ratelimit-reset'])).toBeGreaterThanOrEqual(1);
  });
});
