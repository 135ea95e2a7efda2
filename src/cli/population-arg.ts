/**
 * Commands take `FILE|POPULATION_ID`: a stored population id, or a file that is ingested first
 * (idempotently — the same bytes and options give back the same population).
 */
import { existsSync, statSync } from 'node:fs';
import { tickmarkError } from '../errors.js';
import { ingestFile, type IngestOptions } from '../ingest/ingest.js';
import type { PopulationMeta } from '../population/types.js';
import { isId } from '../store/ids.js';
import { openStore, type Store } from '../store/store.js';
import { int, list, readJsonFile, requireStr, str } from './args.js';
import type { CommandContext } from './command.js';
import { progressBar } from './progress.js';
import { grouped } from '../text/grouped.js';

/** The flags every command that ingests understands. */
export const ingestFlags = {
  kind: { type: 'string' },
  map: { type: 'string' },
  tz: { type: 'string' },
  'date-order': { type: 'string' },
  delimiter: { type: 'string' },
  sheet: { type: 'string' },
  key: { type: 'string', multiple: true },
  'event-time': { type: 'string' },
  workers: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
} as const;

export function storeFor(ctx: CommandContext): Store {
  const dataDir = str(ctx, 'data-dir');
  return openStore(dataDir ? { dataDir } : {});
}

/** The --workers flag (any command that scans). */
export function workersFlag(ctx: CommandContext): number | undefined {
  return int(ctx, 'workers', { min: 0, max: 64 });
}

export function ingestOptions(ctx: CommandContext): IngestOptions {
  const map = str(ctx, 'map');
  const dateOrder = str(ctx, 'date-order');
  const workers = int(ctx, 'workers', { min: 0, max: 64 });
  return {
    kind: requireStr(ctx, 'kind'),
    ...(map ? { map: readJsonFile(map, '--map') as Record<string, string> } : {}),
    ...(str(ctx, 'tz') ? { timeZone: str(ctx, 'tz')! } : {}),
    ...(dateOrder ? { dateOrder: dateOrder as 'dmy' | 'mdy' } : {}),
    ...(str(ctx, 'delimiter') ? { delimiter: str(ctx, 'delimiter')! } : {}),
    ...(str(ctx, 'sheet') ? { sheet: str(ctx, 'sheet')! } : {}),
    ...(list(ctx, 'key').length ? { key: list(ctx, 'key') } : {}),
    ...(str(ctx, 'event-time') ? { eventTime: str(ctx, 'event-time')! } : {}),
    ...(workers !== undefined ? { workers } : {}),
  };
}

export async function resolvePopulation(ctx: CommandContext, store: Store, arg: string | undefined): Promise<{ population: PopulationMeta; created: boolean }> {
  if (!arg) throw tickmarkError('TM_ERR_USAGE', { message: 'name a population file or a stored population id' });
  if (isId(arg) && arg.startsWith('pop_') && !existsSync(arg)) {
    const population = store.requirePopulation(arg);
    const kind = str(ctx, 'kind');
    if (kind !== undefined && kind !== population.kind) {
      throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--kind', expected: `must match the stored population ${arg}, which is ${population.kind} (a stored population needs no --kind)`, got: kind });
    }
    return { population, created: false };
  }
  if (existsSync(arg) && statSync(arg).isDirectory()) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'FILE', expected: 'must be a file (CSV or XLSX), not a directory', got: arg });
  }
  const bar = progressBar(ctx.io, 'ingest');
  try {
    const out = await ingestFile(store, arg, { ...ingestOptions(ctx), onProgress: (p) => bar.update(p.bytes, `${grouped(p.rows)} rows`) });
    return out;
  } finally {
    bar.done();
  }
}
