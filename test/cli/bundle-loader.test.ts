/**
 * The bundle loader, each load in a fresh process (as a command runs: within one process V8 keeps
 * compiled scripts of its own, whatever the cache files say). Runs the built loader (dist/src).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_DIR } from '../../src/cli/bundle-loader.js';
import { tempDir } from '../helpers/tmp.js';

/** A bundle of CommonJS files: an entry, a chunk it requires, which requires the entry back (a cycle), and a built-in. */
function fakeBundle(answer = 42): string {
  const dir = tempDir('tm-bundle-loader-');
  writeFileSync(join(dir, 'main.cjs'), `const chunk = require("./chunk-A.cjs"); const { join } = require("node:path");
exports.main = (x) => chunk.twice(x) + ${answer}; exports.where = join("a", "b"); exports.file = __filename; exports.seen = chunk.seen;`);
  writeFileSync(join(dir, 'chunk-A.cjs'), `const back = require("./main.cjs"); exports.twice = (x) => 2 * x; exports.seen = typeof back;`);
  return dir;
}

interface Loaded { stats: { cached: number; compiled: number }; main: number; where: string; file: string; seen: string; written?: number }

/** loadBundle(dir) in a child process: its stats and what the entry answers; `write`: then write the cache. */
function load(dir: string, write = false): Loaded {
  const script = `
    const { loadBundle } = await import(${JSON.stringify(join(process.cwd(), 'dist/src/cli/bundle-loader.js'))});
    const bundle = loadBundle(${JSON.stringify(dir)});
    const e = bundle.exports;
    const written = ${write} ? bundle.writeCache() : undefined;
    console.log(JSON.stringify({ stats: bundle.stats, main: e.main(5), where: e.where, file: e.file, seen: e.seen, written }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Loaded;
}

describe('loadBundle', () => {
  it('runs a bundle of CommonJS files: relative requires load its files once, others load as require does', () => {
    const dir = fakeBundle();
    const loaded = load(dir);
    expect(loaded).toEqual({ stats: { cached: 0, compiled: 2 }, main: 52, where: join('a', 'b'), file: join(dir, 'main.cjs'), seen: 'object' });
  });

  it('uses the code cache written for the same text, and compiles a changed file from its text', () => {
    const dir = fakeBundle();
    expect(load(dir, true).written).toBe(2);
    expect(readdirSync(join(dir, CACHE_DIR)).sort()).toEqual([expect.stringMatching(/^chunk-A\.cjs\.[0-9a-f]{16}\.v8$/), expect.stringMatching(/^main\.cjs\.[0-9a-f]{16}\.v8$/)]);
    expect(load(dir)).toMatchObject({ stats: { cached: 2, compiled: 0 }, main: 52 });
    // The entry changed, to text of the same length: its cache was made from other text, so it is compiled from the new one.
    writeFileSync(join(dir, 'main.cjs'), readFileSync(join(dir, 'main.cjs'), 'utf8').replace('+ 42', '+ 24'));
    expect(load(dir)).toMatchObject({ stats: { cached: 1, compiled: 1 }, main: 34 });
  });

  it('compiles from the text when a cache file is not one V8 accepts', () => {
    const dir = fakeBundle(7);
    load(dir, true);
    for (const f of readdirSync(join(dir, CACHE_DIR))) writeFileSync(join(dir, CACHE_DIR, f), 'not a code cache');
    expect(load(dir)).toMatchObject({ stats: { cached: 0, compiled: 2 }, main: 17 });
  });
});
