/**
 * The CLI's bundle (dist/cli, `npm run build`) is what bin/tickmark.js runs, and it answers as the
 * modules it is built from do: the same help, the same usage errors, the same selection for a seed.
 * It is loaded from the code cache the build wrote for it. Needs the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerFile, type WorkerName } from '../../src/pool/pool.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const BIN = join(process.cwd(), 'bin/tickmark.js');
const FIXTURE = join(process.cwd(), 'fixtures/change/changes-2025.csv');

function bundled(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(process.cwd(), 'dist/cli/main.cjs'), ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The bundle's `main` run in a child process, loaded as bin loads it (the entry is a CommonJS file exporting it). */
function runBundled(args: string[]): { code: number | null; out: string; err: string } {
  const loader = JSON.stringify(join(process.cwd(), 'dist/src/cli/bundle-loader.js'));
  const script = `const { loadBundle } = await import(${loader}); const { main } = loadBundle(${JSON.stringify(join(process.cwd(), 'dist/cli'))}).exports; process.exitCode = await main(${JSON.stringify(args)});`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const inProcess = runCli;

describe('the CLI bundle', () => {
  it('is built beside dist/src and no older than it, so bin runs it', () => {
    const at = (p: string) => statSync(join(process.cwd(), p)).mtimeMs;
    expect(existsSync(join(process.cwd(), 'dist/cli/main.cjs'))).toBe(true);
    expect(at('dist/cli/main.cjs')).toBeGreaterThanOrEqual(at('dist/src/cli/main.js'));
    expect(bundled([]).code).toBe(0); // the entry only defines main: nothing runs on import
  });

  it('starts from the code cache the build wrote: no file it loads at start is compiled from source', () => {
    const script = `
      const { loadBundle } = await import(${JSON.stringify(join(process.cwd(), 'dist/src/cli/bundle-loader.js'))});
      const bundle = loadBundle(${JSON.stringify(join(process.cwd(), 'dist/cli'))});
      console.log(JSON.stringify(bundle.stats));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const stats = JSON.parse(r.stdout) as { cached: number; compiled: number };
    expect(stats.compiled).toBe(0);
    expect(stats.cached).toBeGreaterThan(3);
    expect(readdirSync(join(process.cwd(), 'dist/cli/cache')).filter((f) => f.endsWith('.v8')).length).toBeGreaterThan(20);
  });

  it('prints the help and the usage errors the modules print', async () => {
    for (const args of [['--help'], ['help', 'pull'], ['pul'], ['pull', '--sed', '7']]) {
      const a = runBundled(args);
      const b = await inProcess(args);
      expect({ code: a.code, out: a.out, err: a.err }, args.join(' ')).toEqual(b);
    }
  }, 60_000);

  it('draws the same selection through bin as the modules do in-process', async () => {
    const dir = tempDir('tm-bundle-');
    const args = ['sample', FIXTURE, '--kind', 'change', '--seed', 'bundle-7', '--size', '9', '--method', 'stratified', '--period', '2025-01-01..2025-12-31', '--workers', '0', '--json'];
    const viaBin = spawnSync(process.execPath, [BIN, ...args, '--data-dir', join(dir, 'a')], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    expect(viaBin.status, viaBin.stderr).toBe(0);
    const here = await inProcess([...args, '--data-dir', join(dir, 'b')]);
    const sha = (text: string) => (JSON.parse(text) as { manifest: { selectionSha256: string } }).manifest.selectionSha256;
    expect(sha(viaBin.stdout)).toMatch(/^[0-9a-f]{64}$/);
    expect(sha(viaBin.stdout)).toBe(sha(here.out));
  }, 60_000);
});

describe('the worker bundle', () => {
  const names = readdirSync(join(process.cwd(), 'dist/workers')).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3) as WorkerName);

  it('holds each worker file, no older than the file tsc wrote, and the pool starts workers on it', () => {
    expect(names).toEqual(expect.arrayContaining(['parse-chunk', 'scan-chunk', 'export-sample']));
    const at = (p: string) => statSync(join(process.cwd(), p)).mtimeMs;
    for (const name of names) {
      expect(at(`dist/workers-bundle/${name}.js`), name).toBeGreaterThanOrEqual(at(`dist/workers/${name}.js`));
      expect(workerFile(name)).toBe(join(process.cwd(), 'dist/workers-bundle', `${name}.js`));
    }
  });

  it('is one file for the ingest worker: its thread loads no other module of ours', () => {
    const source = readFileSync(join(process.cwd(), 'dist/workers-bundle/parse-chunk.js'), 'utf8');
    const specifiers = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    expect(specifiers.length).toBeGreaterThan(0);
    expect(specifiers.filter((s) => s.startsWith('.') || s.startsWith('/'))).toEqual([]);
    expect(source).toMatch(/export \{[^}]*as default/);
  });
});
