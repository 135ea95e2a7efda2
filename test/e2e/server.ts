/**
 * The service for an end-to-end test, as `tickmark serve` runs it: `buildApp` over a fresh data
 * directory, listening on 127.0.0.1 on a free port, with an admin token minted the way
 * `tickmark token create --admin` does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { createToken } from '../../src/server/auth/tokens.js';
import { openStore } from '../../src/store/store.js';

export interface TestServer {
  url: string;
  app: FastifyInstance;
  dataDir: string;
  admin: string;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tickmark-e2e-'));
  const dataDir = join(dir, 'data');
  const seed = openStore({ dataDir });
  const admin = createToken(seed, { admin: true, label: 'e2e admin' }).secret;
  seed.close();
  const app = buildApp({ dataDir, workers: 0 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, app, dataDir, admin,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
