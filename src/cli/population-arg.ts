/**
 * Commands take `FILE|POPULATION_ID`: a stored population id, or a file that is ingested first
 * (idempotently — the same bytes and options give back the same population); `-` reads a CSV from
 * standard input (recorded as the source `stdin`).
 */
import { existsSync, statSync } from 'node:fs';
import { tickmarkError } from '../errors.js';
import type { IngestOptions } from '../ingest/ingest.js';
import { parseMultiValue, readMapFile } from '../ingest/mapping/map-file.js';
import { ingestThreads } from '../ingest/threads.js';
import type { FieldFormat, PopulationMeta } from '../population/types.js';
import { getPool } from '../pool/pool.js';
import { isId } from '../store/ids.js';
import { openStore, type Store } from '../store/store.js';
import { int, list, readJsonFile, str } from './args.js';
import type { CommandContext } from './command.js';
import { progressBar } from './progress.js';
import { isSqlPull } from './sql-target.js';
import { grouped } from '../text/grouped.js';

/** The population argument that reads a CSV from standard input. */
export const STDIN = '-';

/** The flags every command that ingests understands. */
export const ingestFlags = {
  kind: { type: 'string' },
  source: { type: 'string' },
  'multi-value': { type: 'string', multiple: true },
  map: { type: 'string' },
  tz: { type: 'string' },
  'date-order': { type: 'string' },
  'field-format': { type: 'string', multiple: true },
  delimiter: { type: 'string' },
  encoding: { type: 'string' },
  'header-row': { type: 'string' },
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
  const mapFile = str(ctx, 'map');
  const map = mapFile ? readMapFile(readJsonFile(mapFile, '--map')) : undefined;
  const kind = str(ctx, 'kind') ?? map?.kind;
  const source = str(ctx, 'source') ?? map?.source;
  const multiValue = parseMultiValue(list(ctx, 'multi-value'));
  const dateOrder = str(ctx, 'date-order');
  const workers = int(ctx, 'workers', { min: 0, max: 64 });
  const headerRow = int(ctx, 'header-row', { min: 1 });
  return {
    ...(kind ? { kind } : {}),
    ...(source ? { source } : {}),
    ...(map ? { map: map.map } : {}),
    ...(Object.keys(multiValue).length ? { multiValue } : {}),
    ...(str(ctx, 'tz') ? { timeZone: str(ctx, 'tz')! } : {}),
    ...(dateOrder ? { dateOrder: dateOrder as 'dmy' | 'mdy' } : {}),
    ...(list(ctx, 'field-format').length ? { formats: fieldFormats(list(ctx, 'field-format')) } : {}),
    ...(str(ctx, 'delimiter') ? { delimiter: str(ctx, 'delimiter')! } : {}),
    ...(str(ctx, 'encoding') ? { encoding: str(ctx, 'encoding') as NonNullable<IngestOptions['encoding']> } : {}),
    ...(headerRow !== undefined ? { headerRow } : {}),
    ...(str(ctx, 'sheet') ? { sheet: str(ctx, 'sheet')! } : {}),
    ...(list(ctx, 'key').length ? { key: list(ctx, 'key') } : {}),
    ...(str(ctx, 'event-time') ? { eventTime: str(ctx, 'event-time')! } : {}),
    ...(workers !== undefined ? { workers } : {}),
  };
}

/** `--field-format FIELD=epoch-s|epoch-ms|dmy|mdy` (repeatable; hints for one field combine). */
function fieldFormats(specs: string[]): Record<string, FieldFormat> {
  const out: Record<string, FieldFormat> = {};
  for (const spec of specs) {
    const m = /^([^=]+)=(epoch-s|epoch-ms|dmy|mdy)$/.exec(spec.trim());
    if (!m) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--field-format', expected: 'must be FIELD=epoch-s, FIELD=epoch-ms, FIELD=dmy or FIELD=mdy', got: spec });
    const f = (out[m[1]!.trim()] ??= {});
    if (m[2] === 'epoch-s' || m[2] === 'epoch-ms') f.epoch = m[2] === 'epoch-s' ? 's' : 'ms';
    else f.dateOrder = m[2] as 'dmy' | 'mdy';
  }
  return out;
}

/**
 * Start the worker pool the population argument's ingest will parse on, when it is a CSV file
 * parsed on workers: its threads boot while the command loads and prepares the rest. Nothing
 * starts for a stored population, standard input, an XLSX or SQL source, a file small enough to
 * parse in this thread, or a file the size of a population already stored (a re-ingest finds it
 * by its hash, unparsed). Flags it cannot read are left for the command to report.
 */
export function startIngestWorkers(ctx: CommandContext): void {
  const arg = ctx.positionals[0];
  if (arg === undefined || arg === STDIN || /\.xlsx$/i.test(arg) || str(ctx, 'sheet') !== undefined || isSqlPull(ctx)) return;
  try {
    const file = statSync(arg, { throwIfNoEntry: false });
    if (!file?.isFile()) return;
    const workers = workersFlag(ctx);
    const threads = ingestThreads(file.size, workers !== undefined ? { workers } : {});
    if (threads === 0) return;
    const store = storeFor(ctx);
    try {
      if (store.listPopulations().some((p) => p.source.bytes === file.size)) return;
    } finally {
      store.close();
    }
    getPool(threads, 'parse-chunk');
  } catch {
    // the command itself reports a flag or a store it cannot use
  }
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
  const { ingestFile, ingestStream } = await import('../ingest/ingest.js');
  const bar = progressBar(ctx.io, 'ingest');
  try {
    const onProgress: IngestOptions['onProgress'] = (p) => bar.update(p.bytes, `${grouped(p.rows)} rows`);
    if (arg === STDIN) {
      if (process.stdin.isTTY) throw tickmarkError('TM_ERR_USAGE', { message: '- reads the population from standard input: pipe a CSV into it (cat changes.csv | tickmark ingest - --kind change)' });
      if (str(ctx, 'sheet') !== undefined) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--sheet', expected: 'names a sheet of an XLSX file; standard input (-) is read as CSV', got: str(ctx, 'sheet')! });
      return await ingestStream(store, process.stdin, { ...ingestOptions(ctx), name: 'stdin', onProgress });
    }
    const out = await ingestFile(store, arg, { ...ingestOptions(ctx), onProgress });
    return out;
  } finally {
    bar.done();
  }
}
