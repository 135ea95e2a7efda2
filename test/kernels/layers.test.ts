import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

/** The modules a folder's files import at run time (type-only imports left out), as paths under src/. */
function runtimeImports(folder: string): { file: string; target: string }[] {
  const out: { file: string; target: string }[] = [];
  for (const entry of readdirSync(join(SRC, folder), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm)) {
      if (m[1] || !m[2]!.startsWith('.')) continue;
      out.push({ file: path.slice(SRC.length + 1), target: join(entry.parentPath, m[2]!).slice(SRC.length + 1) });
    }
  }
  return out;
}

describe('layers', () => {
  it('population/ imports nothing from store/ at run time (the store depends on the population, not back)', () => {
    expect(runtimeImports('population').filter((i) => i.target.startsWith('store/'))).toEqual([]);
  });

  it('kernels/ import only kernels/ and time/ at run time', () => {
    expect(runtimeImports('kernels').filter((i) => !i.target.startsWith('kernels/') && !i.target.startsWith('time/'))).toEqual([]);
  });

  it('sees the imports it checks (the store does import the population)', () => {
    expect(runtimeImports('store').some((i) => i.target.startsWith('population/'))).toBe(true);
  });
});
