/** Temp folders and stores for tests, removed after each test file. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openStore, type Store } from '../../src/store/store.js';

export function tempDir(prefix = 'tickmark-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function tempStore(): Store {
  const store = openStore({ dataDir: join(tempDir('tickmark-store-'), 'data') });
  afterAll(() => store.close());
  return store;
}

export function writeTemp(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
