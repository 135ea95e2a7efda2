/**
 * The browser side of the service, beside the API on the same origin: the web app (the files
 * `npm run build` writes to `dist/web/`) at `/`, and the API reference (Swagger UI over the same
 * OpenAPI document as `/v1/openapi.json`) at `/docs`. Both are public — the app signs in with a
 * token and then calls only the public `/v1` routes; the reference holds no data. Every answer
 * here carries a strict Content-Security-Policy: scripts, styles and data from this origin only.
 * Without a built app (`dist/web/index.html` missing) only `/docs` is served.
 *
 * @example
 * app.register(webPlugin(routes)) // GET / → the app, GET /docs → the API reference
 */
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../package-root.js';
import { ENGINE_VERSION } from '../../version.js';
import { openApiDocument, type CollectedRoute } from '../openapi.js';
import { DOCS_CSS, DOCS_JS } from './docs-theme.js';
import { APP_CSP, DOCS_CSP, securityHeaders } from './security-headers.js';

/** Where `npm run build` writes the app. */
export function webAppDir(): string {
  return join(packageRoot(), 'dist', 'web');
}

export function webPlugin(routes: CollectedRoute[], appDir: string = webAppDir()) {
  return async (web: FastifyInstance): Promise<void> => {
    // Everything registered in this plugin is public: no token, no per-token rate limit.
    web.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), public: true };
    });

    if (existsSync(join(appDir, 'index.html'))) {
      await web.register(async (app) => {
        app.addHook('onSend', securityHeaders(APP_CSP));
        // One route per built file (read at start-up), not a catch-all: unknown paths stay coded 404s.
        await app.register(fastifyStatic, { root: appDir, prefix: '/', wildcard: false, index: 'index.html', cacheControl: true, maxAge: 0 });
      });
    }

    await web.register(async (docs) => {
      // The document is the one /v1/openapi.json serves, built from the routes' own schemas.
      await docs.register(fastifySwagger, { mode: 'static', specification: { document: { openapi: '3.0.3', info: { title: 'tickmark', version: ENGINE_VERSION }, paths: {} } } });
      await docs.register(fastifySwaggerUi, {
        routePrefix: '/docs',
        staticCSP: DOCS_CSP,
        transformSpecification: () => openApiDocument(routes),
        transformSpecificationClone: false,
        // The base layout: no top bar (its URL box and logo are for exploring other documents).
        uiConfig: { docExpansion: 'list', deepLinking: false, persistAuthorization: false, layout: 'BaseLayout' },
        theme: {
          title: 'tickmark API reference',
          css: [{ filename: 'tickmark.css', content: DOCS_CSS }],
          js: [{ filename: 'tickmark.js', content: DOCS_JS }],
        },
      });
      docs.addHook('onSend', securityHeaders(null));
    });
  };
}
