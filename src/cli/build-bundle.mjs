// Bundle the CLI into dist/cli/ and the worker files into dist/workers-bundle/ (part of `npm run
// build`, after tsc): dist/src/cli/main.js and the modules it imports become a few files, with
// each lazily loaded command and engine split off where it is imported; each worker file of
// dist/workers becomes one file of its own (a thread boots fastest on one file; a thread that
// runs two kinds of task loads each bundle once). bin/tickmark.js runs the CLI
// bundle and the pool (src/pool/pool.ts) starts workers on the worker bundle, so a command and
// each worker thread resolve and compile a handful of files instead of one per source module.
// Packages stay in node_modules.
// The CLI bundle is CommonJS, loaded by src/cli/bundle-loader.ts with V8's code cache: after
// bundling, a child process runs a pull of the change fixture, then a pull of the population it
// stored with another seed, and writes the code compiled meanwhile to dist/cli/cache, so a command
// starts from compiled code rather than from source text.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const workers = join(root, 'dist', 'workers');
const cliOut = join(root, 'dist', 'cli');

if (process.argv[2] === '--warm-cache') {
  await warmCache();
  process.exit(0);
}

if (!existsSync(cli) || !existsSync(workers)) {
  console.error(`tickmark: ${existsSync(cli) ? workers : cli} is missing: run tsc first`);
  process.exit(1);
}

/** Bundle the entry file `input` (and the chunks it imports lazily) into `out`: ES modules, or CommonJS files (.cjs) with `format: 'cjs'`. */
async function bundle(input, out, format = 'esm') {
  const build = await rolldown({
    input,
    platform: 'node',
    // Packages (bare specifiers, node: built-ins) load from node_modules as they would unbundled.
    external: (id) => !id.startsWith('.') && !isAbsolute(id),
    logLevel: 'warn',
    // A module imported lazily by one worker and eagerly by another is bundled eagerly where it must be.
    onLog: (level, log, report) => (log.code === 'INEFFECTIVE_DYNAMIC_IMPORT' ? undefined : report(level, log)),
  });
  const ext = format === 'cjs' ? 'cjs' : 'js';
  await build.write({ dir: out, format, entryFileNames: `[name].${ext}`, chunkFileNames: `[name]-[hash].${ext}` });
  await build.close();
}

/** In a child process: a pull of a file, then of the population it stored with a new seed; then the bundle's code cache. */
async function warmCache() {
  const { loadBundle } = await import(join(root, 'dist', 'src', 'cli', 'bundle-loader.js'));
  const bundle = loadBundle(cliOut);
  const { main } = bundle.exports;
  const quiet = { out: () => {}, err: () => {}, isTTY: false };
  const dir = mkdtempSync(join(tmpdir(), 'tickmark-warm-'));
  try {
    const fixture = join(root, 'fixtures', 'change', 'changes-2025.csv');
    let id = '';
    const io = { ...quiet, out: (t) => { id ||= /"(pop_[0-9a-z]+)"/.exec(t)?.[1] ?? ''; } };
    const pull = (what, seed, extra = []) => main(['pull', what, '--period', '2025-01-01..2025-12-31', '--seed', seed, '--size', '25', '--method', 'stratified', '--strata', 'month',
      '--data-dir', join(dir, 'data'), '-o', join(dir, `${seed}.xlsx`), ...extra], io);
    const first = await pull(fixture, 'warm-1', ['--kind', 'change', '--json']);
    const again = id ? await pull(id, 'warm-2') : 1;
    if (first !== 0 || again !== 0) throw new Error(`the warm-up pulls failed (${first}, ${again})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`tickmark: code cache of ${bundle.writeCache()} CLI files written to ${join(cliOut, 'cache')}`);
}

rmSync(cliOut, { recursive: true, force: true });
await bundle(cli, cliOut, 'cjs');
console.log(`tickmark: CLI bundled into ${cliOut}`);
// A child process, so that the cache is made under the flags a command runs with.
const warm = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--warm-cache'], { stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } });
if (warm.status !== 0) console.log('tickmark: no code cache for the CLI (the warm-up failed); the CLI compiles from source');
const workersOut = join(root, 'dist', 'workers-bundle');
rmSync(workersOut, { recursive: true, force: true });
for (const file of readdirSync(workers).filter((f) => f.endsWith('.js'))) await bundle(join(workers, file), workersOut);
console.log(`tickmark: workers bundled into ${workersOut}`);
