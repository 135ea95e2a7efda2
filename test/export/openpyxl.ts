/** Find a Python with openpyxl (Debian's python3-openpyxl lives under /usr/bin/python3, not in a pyenv). */
import { execFileSync, spawnSync } from 'node:child_process';

export function pythonWithOpenpyxl(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(python, ['-c', 'import openpyxl'], { stdio: 'ignore' });
    if (r.status === 0) return python;
  }
  return null;
}

export function readWithOpenpyxl<T>(python: string, path: string): T {
  return JSON.parse(execFileSync(python, ['test/export/read_workbook.py', path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as T;
}
