/**
 * Where a population folder finds the copy of the file it was read from. A CSV chunk whose text is
 * byte for byte a range of that copy keeps only the range (chunk-codec.ts), and its readers take
 * the text from here. While a file is ingested the copy is the folder's own `source` file; once
 * the population is stored the copy lives in the store's `sources/` by its SHA-256, which the
 * folder's `source.sha256` names.
 *
 * @example
 * readSourceRange(populationDir, 1024, 4096) // the copy's bytes [1024, 5120)
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { tickmarkError } from '../errors.js';

/** The copy's name in a folder being ingested (its chunks and the copy side by side). */
export const SOURCE_COPY = 'source';
/** The file naming a stored population's copy (its SHA-256 in hex). */
export const SOURCE_NAME = 'source.sha256';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The path of the copy a population folder's chunks read their text from. */
export function sourceCopyPath(dir: string): string {
  const local = join(dir, SOURCE_COPY);
  if (existsSync(local)) return local;
  const named = join(dir, SOURCE_NAME);
  const sha = existsSync(named) ? readFileSync(named, 'ascii').trim() : '';
  if (!SHA256_HEX.test(sha)) throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'source copy of the population in', id: dir });
  return join(dir, '..', '..', 'sources', sha);
}

/** A population folder's source copy, opened for reading (the caller closes it). */
export function openSourceCopy(dir: string): number {
  const path = sourceCopyPath(dir);
  try {
    return openSync(path, 'r');
  } catch {
    throw tickmarkError('TM_ERR_NOT_FOUND', { what: 'source copy', id: path });
  }
}

/** Bytes [start, start + length) of a population folder's source copy, into `into` when given (else a new buffer). */
export function readSourceRange(dir: string, start: number, length: number, into?: Buffer): Buffer {
  const out = into && into.length >= length ? into.subarray(0, length) : Buffer.allocUnsafe(length);
  const fd = openSourceCopy(dir);
  try {
    for (let done = 0; done < length; ) {
      const n = readSync(fd, out, done, length - done, start + done);
      if (n === 0) throw tickmarkError('TM_ERR_NOT_FOUND', { what: `bytes ${start + done}–${start + length} of the source copy of`, id: dir });
      done += n;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}
