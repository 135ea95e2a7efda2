/** LibreOffice headless (Debian's libreoffice-calc): re-save a workbook or print it to PDF, each run with a fresh user profile. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export function soffice(): string | null {
  for (const bin of ['/usr/bin/soffice', 'soffice']) {
    if (spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0) return bin;
  }
  return null;
}

/** Convert `path` into `outDir` as `format` (`xlsx`, `pdf`); returns the new file's path. */
export function convert(bin: string, path: string, format: 'xlsx' | 'pdf', outDir: string): string {
  const profile = mkdtempSync(join(tmpdir(), 'tickmark-lo-profile-'));
  try {
    execFileSync(bin, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', format, '--outdir', outDir, path], { stdio: 'ignore', timeout: 120_000 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return join(outDir, basename(path).replace(/\.xlsx$/i, `.${format}`));
}
