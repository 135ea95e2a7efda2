/**
 * The browser side of the service: the built app at `/` and the API reference at `/docs`, both
 * public, with a strict Content-Security-Policy; the API routes keep their token.
 */
import Fastify from 'fastify';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { webPlugin } from '../../src/server/web/web-plugin.js';
import { APP_CSP } from '../../src/server/web/security-headers.js';
import { tempDir } from '../helpers/tmp.js';
import { json, world } from './helpers.js';

async function appOver(dir: string) {
  const app = Fastify();
  await app.register(webPlugin([], dir));
  await app.ready();
  return app;
}

describe('the web app at /', () => {
  it('serves the built index and assets with the app CSP, one route per file', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>tickmark</title>');
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log(1)');
    const app = await appOver(dir);
    try {
      const index = await app.inject({ method: 'GET', url: '/' });
      expect(index.statusCode).toBe(200);
      expect(index.body).toContain('<title>tickmark</title>');
      expect(index.headers['content-security-policy']).toBe(APP_CSP);
      expect(APP_CSP).toContain("default-src 'self'");
      expect(APP_CSP).not.toContain('unsafe');
      expect(index.headers['x-content-type-options']).toBe('nosniff');
      const js = await app.inject({ method: 'GET', url: '/assets/app-1a2b.js' });
      expect(js.statusCode).toBe(200);
      expect(js.headers['content-type']).toMatch(/javascript/);
      expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('is left out when the app was not built; the docs are still served', async () => {
    const app = await appOver(tempDir());
    try {
      expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/docs' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('the API reference at /docs', () => {
  it('needs no token, loads Swagger UI from this origin, and shows the same document as /v1/openapi.json', async () => {
    const w = await world();
    const page = await w.app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self';/);
    expect(page.body).toContain('swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/https?:\/\//);
    expect((await w.app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' })).statusCode).toBe(200);
    // Its accessibility mends come from this origin too (no inline script under the CSP).
    expect(page.body).toContain('theme/tickmark.js');
    expect((await w.app.inject({ method: 'GET', url: '/docs/static/theme/tickmark.js' })).body).toContain("setAttribute('aria-label', 'Servers')");
    const docs = json(await w.app.inject({ method: 'GET', url: '/docs/json' }));
    const api = json(await w.app.inject({ method: 'GET', url: '/v1/openapi.json' }));
    expect(docs).toEqual(api);
    expect(Object.keys(api.paths)).not.toContain('/docs');
    // The API itself still needs a token.
    expect((await w.app.inject({ method: 'GET', url: '/v1/engagements' })).statusCode).toBe(401);
  });
});
