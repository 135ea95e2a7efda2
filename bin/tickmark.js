#!/usr/bin/env node
import { statSync } from 'node:fs';

// A closed pipe (`tickmark … --json | head`) ends the command quietly, as other CLIs do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

// The CLI's bundle (dist/cli, written by `npm run build` after tsc) starts faster than the
// compiled modules it is made of; when tsc alone has rebuilt dist/src since, those run instead.
const modified = (path) => statSync(new URL(path, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? Number.NaN;
const bundled = modified('../dist/cli/main.js') >= modified('../dist/src/cli/main.js');
const { main } = await import(bundled ? '../dist/cli/main.js' : '../dist/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
