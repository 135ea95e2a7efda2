/**
 * Ingest a population: a CSV (streamed, any size) or XLSX file — or a byte stream — becomes a
 * typed, fingerprinted population in the store. Same bytes + same options → same population id.
 *
 * @example
 * const { population } = await ingestFile(store, 'changes.csv', { kind: 'change' })
 * population.source.sha256 // equals `sha256sum changes.csv`
 */
import { createHash } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { tickmarkError } from '../errors.js';
import { kindSpec } from '../population/kinds.js';
import { chooseSource, type SourceChoice } from '../sources/choose.js';
import type { FieldFormat, MalformedRow, PopulationLayout, PopulationMeta, TypingOptions } from '../population/types.js';
import { contentId } from '../store/ids.js';
import type { Store } from '../store/store.js';
import { assertTimeZone } from '../time/zone.js';
import { ENGINE_VERSION } from '../version.js';
import type { PopulationAssembler } from './assemble.js';
import { ingestCsvStream, type CsvInput } from './csv/ingest-csv.js';
import { DELIMITERS } from './csv/detect.js';
import { TEXT_ENCODINGS, type TextEncoding } from './csv/encoding.js';
import { mapColumns, type ColumnMapping } from './mapping/map-columns.js';
import { profileDateOrders } from './mapping/profile-date-orders.js';
import { checkFieldFormats } from './typing/formats.js';
import { makeTypingPlan } from './typing/plan.js';
import { assertColumnsTyped } from './typing/untyped-columns.js';
import { DEFAULT_CHUNK_SIZE, ingestThreads } from './threads.js';

export { DEFAULT_CHUNK_SIZE } from './threads.js';

export interface IngestOptions {
  /** The population kind; absent: the kind of the source profile the header matches. */
  kind?: string;
  /** A source profile id (`--source`): applied whatever the header matching would choose. */
  source?: string;
  /** Explicit field → header mapping (overrides the automatic one); null leaves a field unmapped. */
  map?: Record<string, string | null>;
  /** Person field → separators between the people of one cell (`--multi-value approver=;`). */
  multiValue?: Record<string, string[]>;
  /** For generic populations: the key header(s) and event-time header. */
  key?: string[];
  eventTime?: string;
  timeZone?: string;
  dateOrder?: 'dmy' | 'mdy';
  /** Per canonical field: how its values are written (epoch seconds/ms, day/month order) — from a source profile or a flag. */
  formats?: Record<string, FieldFormat>;
  delimiter?: string;
  /** CSV: read the file in this encoding (default: its byte order mark, else judged from its text). */
  encoding?: TextEncoding;
  /** The 1-based line (CSV) or Excel row (XLSX) of the header row (default: the first row, or found below a preamble). */
  headerRow?: number;
  sheet?: string;
  format?: 'csv' | 'xlsx';
  /** Worker threads (default: the cores); 0 parses in this thread. */
  workers?: number;
  /** Bytes per parse chunk (default: 8 workers' worth of chunks per file, 1–8 MiB). */
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

/**
 * Chunks small enough that every worker gets several (a 40 MB file in 8 MiB chunks leaves one
 * of two workers idle for the last fifth), never below 1 MiB nor above the default.
 */
export function balancedChunkSize(totalBytes: number | undefined, threads: number): number {
  if (totalBytes === undefined || threads === 0) return DEFAULT_CHUNK_SIZE;
  return Math.min(DEFAULT_CHUNK_SIZE, Math.max(1024 * 1024, Math.ceil(totalBytes / (threads * 8))));
}

function typingOptions(opts: IngestOptions, choice?: SourceChoice): TypingOptions {
  if (opts.dateOrder && opts.dateOrder !== 'dmy' && opts.dateOrder !== 'mdy') {
    throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--date-order', expected: 'must be dmy or mdy', got: opts.dateOrder });
  }
  // A profile's date order only breaks a tie its values leave open (profileDateOrders); --date-order decides.
  const dateOrder = opts.dateOrder;
  // The profile's per-field formats, then the caller's (which win field by field).
  const given = choice?.forKind?.formats || opts.formats ? { ...(choice?.forKind?.formats ?? {}), ...(opts.formats ?? {}) } : undefined;
  const formats = given ? checkFieldFormats(given) : undefined;
  return { timeZone: assertTimeZone(opts.timeZone ?? 'UTC'), ...(dateOrder ? { dateOrder } : {}), ...(formats && Object.keys(formats).length ? { formats } : {}) };
}

/** What the header (and the first rows) decide: the source profile, the kind, the typing and the mapping. */
export interface IngestDecision {
  choice: SourceChoice;
  typing: TypingOptions;
  mapping: ColumnMapping;
}

/** Choose the source profile and kind, then map the headers, checking values on `sample`. */
export function decideIngest(headers: string[], sample: readonly (readonly string[])[], delimiter: string | undefined, opts: IngestOptions): IngestDecision {
  const choice = chooseSource(headers, { ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.source ? { source: opts.source } : {}), ...(delimiter ? { delimiter } : {}) });
  const typing = typingOptions(opts, choice);
  const mapping = mapColumns(kindSpec(choice.kind), headers, {
    ...(opts.map ? { map: opts.map } : {}),
    ...(opts.key ? { key: opts.key } : {}),
    ...(opts.eventTime ? { eventTime: opts.eventTime } : {}),
    ...(opts.multiValue ? { multiValue: opts.multiValue } : {}),
    ...(choice.profile && choice.forKind ? { profile: { id: choice.profile.id, ...choice.forKind } } : {}),
    sample,
    typing,
  });
  // A system's profile knows its date format; a format profile (excel-eu) only guesses a locale from the delimiter.
  const systemOrder = choice.profile && !choice.profile.anyKind ? choice.profile.read?.dateOrder : undefined;
  const fallback = profileDateOrders(systemOrder, mapping.mapping, headers, sample, mapping.fields, typing);
  const typed = Object.keys(fallback).length ? { ...typing, formats: checkFieldFormats({ ...(typing.formats ?? {}), ...fallback }) } : typing;
  return { choice, typing: typed, mapping };
}

/** Ingest options that do not change what the population means (how it is read, who asked). */
const OPERATIONAL: readonly string[] = ['workers', 'chunkSize', 'inThreadBelow', 'name', 'actor', 'signal', 'onProgress', 'engagementId', 'totalBytes', 'format'];

/** A digest of the options that shape the population (every option but the operational ones). */
export function optionsDigest(opts: IngestOptions): string {
  const shaping = Object.fromEntries(Object.entries(opts).filter(([k, v]) => !OPERATIONAL.includes(k) && v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256').update(JSON.stringify(shaping)).digest('hex').slice(0, 32);
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

/** Common names of the encodings read, to the names used here. */
const ENCODING_ALIASES: Record<string, TextEncoding> = {
  utf8: 'utf-8', 'utf-8': 'utf-8', 'utf-16le': 'utf-16le', utf16le: 'utf-16le', 'utf-16be': 'utf-16be', utf16be: 'utf-16be',
  'windows-1252': 'windows-1252', cp1252: 'windows-1252', win1252: 'windows-1252', 'iso-8859-1': 'iso-8859-1', latin1: 'iso-8859-1', 'latin-1': 'iso-8859-1', 'iso8859-1': 'iso-8859-1',
};

function checkEncoding(e: string): TextEncoding {
  const v = ENCODING_ALIASES[String(e).toLowerCase()];
  if (!v) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--encoding', expected: `must be one of ${TEXT_ENCODINGS.join(', ')}`, got: e });
  return v;
}

function checkHeaderRow(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--header-row', expected: 'must be a line number (1 or more)', got: n });
  return n;
}

interface Finished {
  sha256: string;
  bytes: number;
  headers: string[];
  decision: IngestDecision;
  assembler: PopulationAssembler;
  source: PopulationMeta['source'];
  layout: PopulationLayout;
}

/**
 * A population's id: its source bytes and every option that changes what they mean. How the bytes
 * were read is part of it where it can differ for the same bytes: a single-byte encoding, and a
 * header row below the first row (found, or given — found ones are the same for the same bytes).
 * So are the source profile (its scales and formats type the values) and declared multi-person cells.
 */
function populationId(d: IngestDecision, sha256: string, source: Pick<PopulationMeta['source'], 'delimiter' | 'sheet' | 'encoding'>, layout: PopulationLayout | undefined, engagementId: string | null | undefined): string {
  const { mapping, typing, choice } = d;
  const multiValue = Object.keys(mapping.multiValue).length ? { multiValue: mapping.multiValue } : {};
  const read = {
    ...(source.encoding === 'windows-1252' || source.encoding === 'iso-8859-1' ? { encoding: source.encoding } : {}),
    ...(layout && layout.headerFrom !== 'first' ? { headerLine: layout.headerLine } : {}),
  };
  // The engagement is part of the identity: the same export uploaded to two engagements is two populations.
  const identity = {
    v: 1, sha256, ...(engagementId ? { engagement: engagementId } : {}), kind: choice.kind, mapping: mapping.mapping, key: mapping.key, eventTime: mapping.eventTime ?? null, typing,
    delimiter: source.delimiter ?? null, sheet: source.sheet ?? null, ...read,
    ...(choice.profile ? { profile: choice.profile.id } : {}), ...multiValue, ...(mapping.unit === 'row' ? { unit: 'row' } : {}),
  };
  return contentId('pop', identity);
}

function buildMeta(f: Finished, opts: IngestOptions): PopulationMeta {
  const a = f.assembler;
  const { choice, typing, mapping } = f.decision;
  return {
    id: populationId(f.decision, f.sha256, f.source, f.layout, opts.engagementId),
    kind: choice.kind,
    source: f.source,
    headers: f.headers,
    mapping: mapping.mapping,
    key: mapping.key,
    ...(mapping.eventTime ? { eventTime: mapping.eventTime } : {}),
    typing: a.dayMonthOrders.length ? { ...typing, columns: columnTyping(a) } : typing,
    rows: { total: a.total, accepted: a.accepted, malformed: a.malformed, nonData: a.nonData.count },
    nonData: a.nonData,
    layout: f.layout,
    columns: a.columns(),
    issues: a.issues,
    chunks: a.chunks,
    engineVersion: ENGINE_VERSION,
    createdAt: new Date().toISOString(),
    ...(choice.profile ? { profile: { id: choice.profile.id, name: choice.profile.name, reason: choice.reason, forced: choice.forced } } : {}),
    mappingDecisions: mapping.decisions,
    unit: mapping.unit,
    ...(mapping.lineItems ? { lineItems: true } : {}),
    ...(Object.keys(mapping.multiValue).length ? { multiValue: mapping.multiValue } : {}),
    optionsDigest: optionsDigest(opts),
  };
}

/** The day/month order each timestamp column's own values decided, with the first value proving it. */
function columnTyping(a: PopulationAssembler): NonNullable<PopulationMeta['typing']['columns']> {
  return Object.fromEntries(a.dayMonthOrders.map((d) => [d.field, { column: d.column, dateOrder: d.dateOrder, evidence: { line: d.evidence.line, raw: d.evidence.raw }, resolved: d.resolved }]));
}

/** What needs the whole file (a column's day/month order), then the refusal of a column that mostly did not type. */
function finishTyping(a: PopulationAssembler, mapping: ColumnMapping): void {
  a.finish();
  assertColumnsTyped(mapping.fields, mapping.eventTime, mapping.mapping, (field) => a.fieldOutcome(field));
}

/** Ingest a CSV byte stream (an HTTP body, a file stream). */
export async function ingestStream(store: Store, input: AsyncIterable<Buffer | Uint8Array | string>, opts: IngestOptions & { totalBytes?: number }): Promise<IngestResult> {
  return ingestCsv(store, input, opts);
}

async function ingestCsv(store: Store, input: CsvInput, opts: IngestOptions & { totalBytes?: number }): Promise<IngestResult> {
  if (opts.kind !== undefined) kindSpec(opts.kind); // an unknown kind fails before a byte is read
  typingOptions(opts);
  const delimiter = checkDelimiter(opts.delimiter);
  const threads = ingestThreads(opts.totalBytes, opts);
  const chunkSize = opts.chunkSize ?? balancedChunkSize(opts.totalBytes, threads);
  const dir = store.tempDir();
  let decision: IngestDecision | undefined;
  try {
    const out = await ingestCsvStream(input, dir, (head) => {
      decision = decideIngest(head.headers, head.sample, head.delimiter, opts);
      return makeTypingPlan(head.headers, decision.mapping.mapping, decision.mapping.fields, decision.typing);
    }, {
      threads,
      chunkSize,
      ...(delimiter ? { delimiter } : {}),
      ...(opts.encoding !== undefined ? { encoding: checkEncoding(opts.encoding) } : {}),
      ...(opts.headerRow !== undefined ? { headerRow: checkHeaderRow(opts.headerRow) } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onProgress ? { onProgress: (p) => opts.onProgress!({ ...p, ...(opts.totalBytes !== undefined ? { totalBytes: opts.totalBytes } : {}) }) } : {}),
    });
    finishTyping(out.assembler, decision!.mapping);
    const meta = buildMeta({
      sha256: out.sha256, bytes: out.bytes, headers: out.head.headers, decision: decision!, assembler: out.assembler,
      source: { name: opts.name ?? 'population.csv', format: 'csv', sha256: out.sha256, bytes: out.bytes, encoding: out.encoding, delimiter: out.head.delimiter },
      layout: { headerLine: out.head.headerLine, headerFrom: out.head.headerFrom, renamed: out.head.renamed },
    }, opts);
    const done = store.commitPopulation(meta, dir, join(dir, 'source'), opts.actor, opts.engagementId ?? null);
    return { population: done.meta, created: done.created };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * The population a file was already ingested as with these options, found by hashing the file
 * (no parse): only tried when a stored population has the same size and format, so a first ingest
 * pays nothing. Same bytes and the same shaping options (their digest, kept in the population)
 * decide the same profile, kind and mapping, so it is that population. A population stored before
 * the digest existed is matched by recomputing its mapping from its stored headers.
 */
async function alreadyIngested(store: Store, path: string, bytes: number, format: 'csv' | 'xlsx', opts: IngestOptions): Promise<PopulationMeta | undefined> {
  const engagementId = opts.engagementId ?? null;
  const digest = optionsDigest(opts);
  const candidates = store.listPopulations(engagementId ?? undefined)
    .filter((p) => p.source.bytes === bytes && p.source.format === format && store.populationEngagement(p.id) === engagementId)
    .filter((p) => (p.optionsDigest ? p.optionsDigest === digest : opts.kind !== undefined && p.kind === opts.kind));
  if (!candidates.length) return undefined;
  const sha256 = await fileSha256(path);
  const delimiter = checkDelimiter(opts.delimiter);
  const encoding = opts.encoding !== undefined ? checkEncoding(opts.encoding) : undefined;
  const headerRow = opts.headerRow !== undefined ? checkHeaderRow(opts.headerRow) : undefined;
  for (const c of candidates) {
    if (c.source.sha256 !== sha256 || (delimiter && delimiter !== c.source.delimiter) || (opts.sheet && opts.sheet !== c.source.sheet)) continue;
    if (encoding && format === 'csv' && encoding !== (c.source.encoding === 'utf-8-bom' ? 'utf-8' : c.source.encoding)) continue;
    if (headerRow !== undefined && headerRow !== (c.layout?.headerLine ?? 1)) continue;
    // Read in a single-byte encoding, or from a header row given: whether reading without them gives the same needs the full read.
    if (!encoding && (c.source.encoding === 'windows-1252' || c.source.encoding === 'iso-8859-1')) continue;
    if (headerRow === undefined && c.layout?.headerFrom === 'given') continue;
    if (c.optionsDigest) return c;
    let decision: IngestDecision;
    try {
      decision = decideIngest(c.headers, [], c.source.delimiter, opts);
    } catch {
      return undefined; // let the full ingest report the mapping error
    }
    if (populationId(decision, sha256, c.source, c.layout, engagementId) === c.id) return c;
  }
  return undefined;
}

/** SHA-256 of a file, read into one reused buffer (no fresh memory per read). */
async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafeSlow(1024 * 1024);
  const fh = await open(path, 'r');
  try {
    for (let n; (n = (await fh.read(buf, 0, buf.length)).bytesRead) > 0; ) hash.update(buf.subarray(0, n));
  } finally {
    await fh.close();
  }
  return hash.digest('hex');
}

/** Ingest a file from disk (CSV or XLSX, by extension or `format`). */
export async function ingestFile(store: Store, path: string, opts: IngestOptions): Promise<IngestResult> {
  if (!existsSync(path) || !statSync(path).isFile()) throw tickmarkError('TM_ERR_FILE_NOT_FOUND', { path });
  const totalBytes = statSync(path).size;
  const format = opts.format ?? (/\.xlsx$/i.test(path) ? 'xlsx' : 'csv');
  const name = opts.name ?? basename(path);
  const existing = await alreadyIngested(store, path, totalBytes, format, opts);
  if (existing) {
    store.log({ actor: opts.actor ?? 'cli', action: 'population.reingest', target: existing.id, params: { sha256: existing.source.sha256 } });
    return { population: existing, created: false };
  }
  if (format === 'xlsx') {
    if (opts.kind !== undefined) kindSpec(opts.kind);
    typingOptions(opts);
    const dir = store.tempDir();
    try {
      const { ingestXlsxFile } = await import('./xlsx-ingest.js'); // exceljs loads only when needed
      const out = await ingestXlsxFile(path, dir, (headers, sample) => decideIngest(headers, sample, undefined, opts), opts);
      finishTyping(out.assembler, out.decision.mapping);
      const meta = buildMeta({
        ...out,
        source: { name, format: 'xlsx', sha256: out.sha256, bytes: out.bytes, sheet: out.sheet },
      }, opts);
      const done = store.commitPopulation(meta, dir, join(dir, 'source'), opts.actor, opts.engagementId ?? null);
      return { population: done.meta, created: done.created };
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }
  return ingestCsv(store, { path }, { ...opts, name, totalBytes });
}

/** Every malformed row kept for a population (they live beside its chunk files). */
export async function malformedRows(store: Store, meta: PopulationMeta): Promise<MalformedRow[]> {
  const { readFile } = await import('node:fs/promises');
  const file = join(store.populationDir(meta.id), 'malformed.jsonl');
  if (!existsSync(file)) return [];
  return (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as MalformedRow);
}
