/**
 * Ingest a population: a CSV (streamed, any size) or XLSX file — or a byte stream — becomes a
 * typed, fingerprinted population in the store. Same bytes + same options → same population id.
 *
 * @example
 * const { population } = await ingestFile(store, 'changes.csv', { kind: 'change' })
 * population.source.sha256 // equals `sha256sum changes.csv`
 */
import { createReadStream, existsSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tickmarkError } from '../errors.js';
import { kindSpec, type Kind } from '../population/kinds.js';
import type { MalformedRow, PopulationMeta, TypingOptions } from '../population/types.js';
import { defaultThreads } from '../pool/pool.js';
import { contentId } from '../store/ids.js';
import type { Store } from '../store/store.js';
import { assertTimeZone } from '../time/zone.js';
import { ENGINE_VERSION } from '../version.js';
import type { PopulationAssembler } from './assemble.js';
import { ingestCsvStream } from './csv/ingest-csv.js';
import { DELIMITERS } from './csv/detect.js';
import { mapColumns, type ColumnMapping } from './mapping/map-columns.js';
import { makeTypingPlan } from './typing/plan.js';

export interface IngestOptions {
  kind: string;
  /** Explicit field → header mapping (overrides the automatic one). */
  map?: Record<string, string>;
  /** For generic populations: the key header(s) and event-time header. */
  key?: string[];
  eventTime?: string;
  timeZone?: string;
  dateOrder?: 'dmy' | 'mdy';
  delimiter?: string;
  sheet?: string;
  format?: 'csv' | 'xlsx';
  /** Worker threads (default: the cores); 0 parses in this thread. */
  workers?: number;
  /** Bytes per parse chunk (default 8 MiB). */
  chunkSize?: number;
  /** Inputs smaller than this are parsed in-thread (default 2 chunks). */
  inThreadBelow?: number;
  name?: string;
  engagementId?: string | null;
  actor?: string;
  signal?: AbortSignal;
  onProgress?: (p: { bytes: number; rows: number; totalBytes?: number }) => void;
}

export interface IngestResult {
  population: PopulationMeta;
  /** False when the same bytes with the same options were already ingested. */
  created: boolean;
}

export const DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;

function typingOptions(opts: IngestOptions): TypingOptions {
  if (opts.dateOrder && opts.dateOrder !== 'dmy' && opts.dateOrder !== 'mdy') {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--date-order', expected: 'must be dmy or mdy', got: opts.dateOrder });
  }
  return { timeZone: assertTimeZone(opts.timeZone ?? 'UTC'), ...(opts.dateOrder ? { dateOrder: opts.dateOrder } : {}) };
}

function checkDelimiter(d: string | undefined): string | undefined {
  if (d === undefined) return undefined;
  const named: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t', pipe: '|', '\\t': '\t' };
  const v = named[d] ?? d;
  if (!(DELIMITERS as readonly string[]).includes(v)) {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--delimiter', expected: 'must be comma, semicolon, tab or pipe', got: d });
  }
  return v;
}

interface Finished {
  sha256: string;
  bytes: number;
  headers: string[];
  mapping: ColumnMapping;
  assembler: PopulationAssembler;
  source: PopulationMeta['source'];
}

function buildMeta(kind: Kind, typing: TypingOptions, f: Finished, engagementId: string | null | undefined): PopulationMeta {
  // The engagement is part of the identity: the same export uploaded to two engagements is two populations.
  const identity = { v: 1, sha256: f.sha256, ...(engagementId ? { engagement: engagementId } : {}), kind, mapping: f.mapping.mapping, key: f.mapping.key, eventTime: f.mapping.eventTime ?? null, typing, delimiter: f.source.delimiter ?? null, sheet: f.source.sheet ?? null };
  const a = f.assembler;
  return {
    id: contentId('pop', identity),
    kind,
    source: f.source,
    headers: f.headers,
    mapping: f.mapping.mapping,
    key: f.mapping.key,
    ...(f.mapping.eventTime ? { eventTime: f.mapping.eventTime } : {}),
    typing,
    rows: { total: a.total, accepted: a.accepted, malformed: a.malformed },
    columns: a.columns(),
    issues: a.issues,
    chunks: a.chunks,
    engineVersion: ENGINE_VERSION,
    createdAt: new Date().toISOString(),
  };
}

/** Ingest a CSV byte stream (an HTTP body, a file stream). */
export async function ingestStream(store: Store, input: AsyncIterable<Buffer | Uint8Array | string>, opts: IngestOptions & { totalBytes?: number; sourceFile?: string }): Promise<IngestResult> {
  const spec = kindSpec(opts.kind);
  const typing = typingOptions(opts);
  const delimiter = checkDelimiter(opts.delimiter);
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const small = opts.totalBytes !== undefined && opts.totalBytes < (opts.inThreadBelow ?? chunkSize * 2);
  const threads = opts.workers ?? (small ? 0 : defaultThreads());
  const dir = store.tempDir();
  let mapping: ColumnMapping | undefined;
  try {
    const out = await ingestCsvStream(input, dir, (head) => {
      mapping = mapColumns(spec, head.headers, { ...(opts.map ? { map: opts.map } : {}), ...(opts.key ? { key: opts.key } : {}), ...(opts.eventTime ? { eventTime: opts.eventTime } : {}) });
      return makeTypingPlan(head.headers, mapping.mapping, mapping.fields, typing);
    }, {
      threads,
      chunkSize,
      ...(opts.sourceFile ? { sourceFile: opts.sourceFile } : {}),
      ...(delimiter ? { delimiter } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onProgress ? { onProgress: (p) => opts.onProgress!({ ...p, ...(opts.totalBytes !== undefined ? { totalBytes: opts.totalBytes } : {}) }) } : {}),
    });
    const meta = buildMeta(spec.kind, typing, {
      sha256: out.sha256, bytes: out.bytes, headers: out.head.headers, mapping: mapping!, assembler: out.assembler,
      source: { name: opts.name ?? 'population.csv', format: 'csv', sha256: out.sha256, bytes: out.bytes, encoding: out.head.encoding, delimiter: out.head.delimiter },
    }, opts.engagementId);
    const done = store.commitPopulation(meta, dir, join(dir, 'source'), opts.actor, opts.engagementId ?? null);
    return { population: done.meta, created: done.created };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Ingest a file from disk (CSV or XLSX, by extension or `format`). */
export async function ingestFile(store: Store, path: string, opts: IngestOptions): Promise<IngestResult> {
  if (!existsSync(path) || !statSync(path).isFile()) throw tickmarkError('TM_ERR_FILE_NOT_FOUND', { path });
  const totalBytes = statSync(path).size;
  const format = opts.format ?? (/\.xlsx$/i.test(path) ? 'xlsx' : 'csv');
  const name = opts.name ?? basename(path);
  if (format === 'xlsx') {
    const spec = kindSpec(opts.kind);
    const typing = typingOptions(opts);
    const dir = store.tempDir();
    try {
      const { ingestXlsxFile } = await import('./xlsx-ingest.js'); // exceljs loads only when needed
      const out = await ingestXlsxFile(path, dir, spec, typing, opts);
      const meta = buildMeta(spec.kind, typing, {
        ...out,
        source: { name, format: 'xlsx', sha256: out.sha256, bytes: out.bytes, sheet: out.sheet },
      }, opts.engagementId);
      const done = store.commitPopulation(meta, dir, join(dir, 'source'), opts.actor, opts.engagementId ?? null);
      return { population: done.meta, created: done.created };
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }
  return ingestStream(store, createReadStream(path, { highWaterMark: 1024 * 1024 }), { ...opts, name, totalBytes, sourceFile: path });
}

/** Every malformed row kept for a population (they live beside its chunk files). */
export async function malformedRows(store: Store, meta: PopulationMeta): Promise<MalformedRow[]> {
  const { readFile } = await import('node:fs/promises');
  const file = join(store.populationDir(meta.id), 'malformed.jsonl');
  if (!existsSync(file)) return [];
  return (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as MalformedRow);
}
