// Shared benchmark plumbing: generate data once into bench/data (git-ignored), run each
// measurement in a fresh child process (so peak RSS is its own), print a table.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const dataDir = join(root, 'bench', 'data');

/**
 * A generated population file (created once, reused by later runs). `shape`: a name and the
 * generator's shape options (quoting, bom, encoding, extraColumns, nonAsciiText, …).
 */
export async function generated(kind, rows, seed = 7, shape = undefined) {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, `${kind}-${rows}${shape ? `-${shape.name}` : ''}.csv`);
  if (!existsSync(file)) {
    const { writePopulation } = await import(join(root, 'dist/src/synthetic/index.js'));
    process.stderr.write(`generating ${rows.toLocaleString('en-US')} ${kind} rows → ${file}\n`);
    await writePopulation(file, { kind, rows, seed, period: { start: '2025-01-01', end: '2025-12-31' }, ...(shape?.options ?? {}) });
  }
  return file;
}

/** Run `bench/measure.js <task> <json>` in a child process; returns its JSON line. */
export function measure(task, args = {}, env = {}) {
  const out = execFileSync(process.execPath, [join(root, 'bench', 'measure.js'), task, JSON.stringify(args)], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TZ: 'UTC', ...env }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop());
}

/** Median of `runs` measurements (by seconds). */
export function median(task, args, runs = 3) {
  const all = Array.from({ length: runs }, () => measure(task, args)).sort((a, b) => a.seconds - b.seconds);
  return all[Math.floor(all.length / 2)];
}

export function fileMB(file) {
  return statSync(file).size / 1e6;
}

export function table(rows) {
  const cols = Object.keys(rows[0]);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (vals) => vals.map((v, i) => String(v).padEnd(width[i])).join('  ');
  console.log(line(cols));
  console.log(line(width.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => r[c])));
}

export const fmt = {
  s: (x) => x.toFixed(2),
  int: (x) => Math.round(x).toLocaleString('en-US'),
  mb: (x) => x.toFixed(1),
  ratio: (x) => `${x.toFixed(2)}×`,
};
