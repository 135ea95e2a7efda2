/**
 * Load the CLI's bundle (dist/cli, CommonJS files written by build-bundle.mjs) with V8's code
 * cache: each file of the bundle is compiled from its cached code when `cache/` beside it holds
 * one made from the same text (named by the text's SHA-256), so a command does not parse and
 * compile again what the build already compiled. A cache V8 refuses (another Node, other flags)
 * or none at all: the file is compiled from its text, as `require` would. Packages and Node's
 * built-ins load with the file's own `require`; only the bundle's files (`./…`) load here.
 * Caches are written only when asked (`writeCache`, by the build), never while a command runs.
 *
 * @example
 * const bundle = loadBundle('/…/dist/cli'); await (bundle.exports as typeof import('./main.js')).main(['--version'])
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';

/** What a CommonJS file sees: its wrapper's parameters. */
type Wrapped = (exports: unknown, require: NodeJS.Require | ((id: string) => unknown), module: { exports: unknown }, filename: string, dirname: string) => void;

export interface LoadedBundle {
  /** The entry file's exports. */
  exports: unknown;
  /** Files compiled from their cached code, and from their text. */
  stats: { cached: number; compiled: number };
  /** Write the code cache of every file loaded (with the functions compiled so far); returns how many. */
  writeCache(): number;
}

export const CACHE_DIR = 'cache';

const cacheName = (file: string, text: string) => `${basename(file)}.${createHash('sha256').update(text).digest('hex').slice(0, 16)}.v8`;

export function loadBundle(dir: string, entry = 'main.cjs'): LoadedBundle {
  const modules = new Map<string, { exports: unknown }>();
  const scripts: { script: Script; cache: string }[] = [];
  const stats = { cached: 0, compiled: 0 };
  const cacheDir = join(dir, CACHE_DIR);

  const load = (file: string): unknown => {
    const known = modules.get(file);
    if (known) return known.exports;
    const text = readFileSync(file, 'utf8');
    const cache = join(cacheDir, cacheName(file, text));
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(cache);
    } catch {
      // no cache for this text: compiled from it
    }
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${text}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
    if (cachedData && !script.cachedDataRejected) stats.cached++;
    else stats.compiled++;
    scripts.push({ script, cache });
    const module = { exports: {} as unknown };
    modules.set(file, module);
    const outside = createRequire(file);
    const require = (id: string): unknown => (id.startsWith('./') || id.startsWith('../') ? load(resolve(dirname(file), id)) : outside(id));
    (script.runInThisContext() as Wrapped).call(module.exports, module.exports, require, module, file, dirname(file));
    return module.exports;
  };

  return {
    exports: load(resolve(dir, entry)),
    stats,
    writeCache() {
      mkdirSync(cacheDir, { recursive: true });
      for (const { script, cache } of scripts) {
        const temp = `${cache}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, cache);
      }
      return scripts.length;
    },
  };
}
