/**
 * The package's root folder (the one holding package.json), found from this module's own path
 * so the same code works from `src/` (tests) and from `dist/` (the CLI and server). Compiled
 * worker files and the native PRN kernel are found from it.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('tickmark package root not found');
    dir = up;
  }
  return (root = dir);
}
