#!/usr/bin/env node
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// A closed pipe (`tickmark … --json | head`) ends the command quietly, as other CLIs do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

// The CLI's bundle (dist/cli, written by `npm run build` after tsc, loaded with its code cache)
// starts faster than the compiled modules it is made of; when tsc alone has rebuilt dist/src
// since, those run instead.
const modified = (path) => statSync(new URL(path, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? Number.NaN;
const bundled = modified('../dist/cli/main.cjs') >= modified('../dist/src/cli/main.js');
const { main } = bundled
  ? (await import('../dist/src/cli/bundle-loader.js')).loadBundle(fileURLToPath(new URL('../dist/cli/', import.meta.url))).exports
  : await import('../dist/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
