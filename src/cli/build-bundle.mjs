// Bundle the CLI into dist/cli/ and the worker files into dist/workers-bundle/ (part of `npm run
// build`, after tsc): dist/src/cli/main.js and the modules it imports become a few files, with
// each lazily loaded command and engine split off where it is imported; each worker file of
// dist/workers becomes one file of its own (a thread boots fastest on one file; a thread that
// runs two kinds of task loads each bundle once). bin/tickmark.js runs the CLI
// bundle and the pool (src/pool/pool.ts) starts workers on the worker bundle, so a command and
// each worker thread resolve and compile a handful of files instead of one per source module.
// Packages stay in node_modules.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const workers = join(root, 'dist', 'workers');

if (!existsSync(cli) || !existsSync(workers)) {
  console.error(`tickmark: ${existsSync(cli) ? workers : cli} is missing: run tsc first`);
  process.exit(1);
}

/** Bundle the entry file `input` (and the chunks it imports lazily) into `out`. */
async function bundle(input, out) {
  const build = await rolldown({
    input,
    platform: 'node',
    // Packages (bare specifiers, node: built-ins) load from node_modules as they would unbundled.
    external: (id) => !id.startsWith('.') && !isAbsolute(id),
    logLevel: 'warn',
    // A module imported lazily by one worker and eagerly by another is bundled eagerly where it must be.
    onLog: (level, log, report) => (log.code === 'INEFFECTIVE_DYNAMIC_IMPORT' ? undefined : report(level, log)),
  });
  await build.write({ dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' });
  await build.close();
}

const cliOut = join(root, 'dist', 'cli');
rmSync(cliOut, { recursive: true, force: true });
await bundle(cli, cliOut);
console.log(`tickmark: CLI bundled into ${cliOut}`);
const workersOut = join(root, 'dist', 'workers-bundle');
rmSync(workersOut, { recursive: true, force: true });
for (const file of readdirSync(workers).filter((f) => f.endsWith('.js'))) await bundle(join(workers, file), workersOut);
console.log(`tickmark: workers bundled into ${workersOut}`);
