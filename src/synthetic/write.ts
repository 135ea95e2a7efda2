/**
 * Writes a generated population to a file (UTF-8, or Windows-1252 when asked) in ~1 MB batches with backpressure, hashing as it goes,
 * then writes the manifest beside it as `<file>.manifest.json`. The CSV appears under its name only
 * when complete (temp file + rename).
 *
 * @example
 * const manifest = await writePopulation('changes.csv', { kind: 'change', rows: 1_000_000, seed: 7 })
 * manifest.file?.sha256 // hex SHA-256 of changes.csv
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { basename } from 'node:path';
import { modelOf } from './kinds/index.js';
import { planLayout } from './layout.js';
import type { PopulationManifest } from './manifest.js';
import { populationText } from './generate.js';
import { resolveOptions, type GenerateOptions } from './options.js';
import { randomStream } from './rng.js';
import { windows1252Bytes } from '../ingest/csv/encoding.js';

/** Bytes per write: text chunks are batched to about 1 MB. */
export const WRITE_BATCH_BYTES = 1 << 20;

/** Path of the manifest written beside a generated file. */
export function manifestPath(path: string): string {
  return `${path}.manifest.json`;
}

export async function writePopulation(path: string, options: GenerateOptions): Promise<PopulationManifest> {
  const resolved = resolveOptions(options);
  const model = modelOf(resolved.kind);
  const layout = planLayout(resolved, model, randomStream(resolved.seed, 'layout'));
  const temp = `${path}.${process.pid}.tmp`;
  const out = createWriteStream(temp);
  const hash = createHash('sha256');
  let bytes = 0;
  let manifest: PopulationManifest | undefined;
  try {
    await once(out, 'open');
    let batch: Buffer[] = [];
    let batchBytes = 0;
    const flush = async () => {
      const chunk = Buffer.concat(batch, batchBytes);
      batch = [];
      batchBytes = 0;
      hash.update(chunk);
      bytes += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
    };
    for (const text of populationText(resolved, model, layout, (m) => (manifest = m))) {
      const encoded = resolved.encoding === 'windows-1252' ? windows1252Bytes(text) : Buffer.from(text, 'utf8');
      batch.push(encoded);
      batchBytes += encoded.length;
      if (batchBytes >= WRITE_BATCH_BYTES) await flush();
    }
    if (batchBytes > 0) await flush();
    out.end();
    await once(out, 'finish');
    await rename(temp, path);
  } catch (err) {
    out.destroy();
    await rm(temp, { force: true });
    throw err;
  }
  const complete: PopulationManifest = { ...manifest!, file: { name: basename(path), bytes, sha256: hash.digest('hex') } };
  await writeFile(manifestPath(path), JSON.stringify(complete, null, 2) + '\n');
  return complete;
}
