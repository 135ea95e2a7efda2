/**
 * Temp folders and stores for tests, removed when the test that made them ends (made inside a
 * test), else after the file's last hook (made at file level or in a `beforeAll`). An `afterAll`
 * registered inside a running test or a hook never runs, which is how ~2,500 stores once piled up
 * in /tmp: so this module registers its one `afterAll` when a test file imports it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';
import { openStore, type Store } from '../../src/store/store.js';

type CleanUp = () => unknown;
/** Made outside any test: undone after the file's tests. */
const afterFile: CleanUp[] = [];
afterAll(async () => {
  for (const fn of afterFile.splice(0).reverse()) await fn(); // last made, first undone
});
/** Made inside the running test: undone when it ends. */
let duringTest: CleanUp[] | undefined;

/** Run `fn` when the current test ends, or after the file's tests when not inside a test. */
export function cleanUp(fn: CleanUp): void {
  if (!duringTest) {
    const list: CleanUp[] = [];
    try {
      onTestFinished(async () => {
        duringTest = undefined;
        for (const f of list.reverse()) await f();
      });
      duringTest = list;
    } catch {
      afterFile.push(fn); // not inside a test
      return;
    }
  }
  duringTest.push(fn);
}

export function tempDir(prefix = 'tickmark-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanUp(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function tempStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'tickmark-store-'));
  const store = openStore({ dataDir: join(dir, 'data') });
  cleanUp(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

export function writeTemp(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
