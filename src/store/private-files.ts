/**
 * The data directory holds client populations: it is private to the user running tickmark.
 * Folders are made 0700 and files 0600 whatever the process umask; what other code wrote with
 * looser modes (worker threads, which cannot change the umask, and `copyFile`, which copies the
 * source file's mode) is tightened before it is moved into place.
 *
 * @example
 * privateDir('/srv/tickmark')        // mkdir -p, then chmod 0700
 * privateTree(tempDir)                // every folder 0700, every file 0600
 */
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** Make a folder (and its parents) and set it to 0700. */
export function privateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: DIR_MODE });
  chmodSync(path, DIR_MODE);
}

/** Create an empty file 0600 if it does not exist; an existing one is set to 0600. */
export function privateFile(path: string): void {
  closeSync(openSync(path, 'a', FILE_MODE));
  chmodSync(path, FILE_MODE);
}

/** Set a folder tree (or one file) to 0700 folders and 0600 files; symbolic links are left alone. */
export function privateTree(path: string): void {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return;
  if (!st.isDirectory()) {
    if ((st.mode & 0o777) !== FILE_MODE) chmodSync(path, FILE_MODE);
    return;
  }
  if ((st.mode & 0o777) !== DIR_MODE) chmodSync(path, DIR_MODE);
  for (const name of readdirSync(path)) privateTree(join(path, name));
}
