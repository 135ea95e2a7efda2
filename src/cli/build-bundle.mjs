// Bundle the CLI into dist/cli/ (part of `npm run build`, after tsc): dist/src/cli/main.js and the
// modules it imports become a few files, with each lazily loaded command and engine split off where
// it is imported. bin/tickmark.js runs the bundle, so a command resolves and compiles a handful of
// files instead of one per source module. Packages stay in node_modules; the worker files
// (dist/workers) keep running from dist/src.
import { existsSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const input = join(root, 'dist', 'src', 'cli', 'main.js');
const out = join(root, 'dist', 'cli');

if (!existsSync(input)) {
  console.error(`tickmark: ${input} is missing: run tsc first`);
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
const bundle = await rolldown({
  input,
  platform: 'node',
  // Packages (bare specifiers, node: built-ins) load from node_modules as they would unbundled.
  external: (id) => !id.startsWith('.') && !isAbsolute(id),
  logLevel: 'warn',
});
await bundle.write({ dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' });
await bundle.close();
console.log(`tickmark: CLI bundled into ${out}`);
