/**
 * Selection projections: beside each chunk file, the few columns a selection reads — record and
 * line numbers, the record key (business or content key, exactly as `recordKeys` gives it) and
 * the event time. The first scan that selects writes them; every later selection with the same
 * key and event-time fields reads them instead of the chunk, about a tenth of the bytes. A new
 * seed still hashes every key (the PRN depends on it), but no longer reads every row's text.
 *
 * Derived, never edited, named by what they depend on (like the chunk files they shadow), and
 * written to a temporary name then renamed: a reader sees a whole file or none. A selection with
 * a filter or key items reads fields a projection does not keep, so it always reads the chunks.
 * Their file layout is projection-file.ts.
 *
 * @example
 * const tag = projectionTag(spec) // 'k3f9c2a41d07e' (undefined with a filter or key items)
 * mapSelection(loadProjection(dir, projectionRef(ref, tag)), projectedSpec(spec)) // the chunk's own partial
 */
import { createHash } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { contentKey, recordKeys } from '../population/key.js';
import type { ChunkRef, PopulationChunk } from '../population/types.js';
import { eventTimes } from '../sampling/eligibility.js';
import type { SelectionSpec } from '../sampling/spec.js';
import { columnsOf } from '../population/vectors.js';
import type { TextUnits } from '../kernels/units.js';
import { PROJECTED_KEY, writeProjectionFile, type ProjectionColumns } from './projection-file.js';

export { PROJECTED_KEY };

/** Bump when what a projection holds or how its file is laid out changes: older files are then simply not found. */
const LAYOUT = 2;

/** A short name for what a projection depends on; undefined when the spec reads other fields. */
export function projectionTag(spec: SelectionSpec): string | undefined {
  if (spec.filter !== undefined || spec.method === 'key-items') return undefined;
  const basis = JSON.stringify([LAYOUT, spec.key, spec.key.length ? [] : spec.headers, spec.eventTime ?? null]);
  return 'k' + createHash('sha256').update(basis).digest('hex').slice(0, 12);
}

/** The projection of one chunk file (same folder, record numbers already global). */
export function projectionRef(ref: ChunkRef, tag: string): ChunkRef {
  return { file: `${ref.file.replace(/\.[^.]*$/, '')}.${tag}.sel`, rows: ref.rows, recordOffset: 0, lineOffset: 0 };
}

/** Whether a chunk reference names a projection (what `projectionRef` gives). */
export function isProjection(ref: ChunkRef): boolean {
  return ref.file.endsWith('.sel');
}

/** The spec to run on a projection: its key is the projected key column. */
export function projectedSpec(spec: SelectionSpec): SelectionSpec {
  return { ...spec, key: [PROJECTED_KEY] };
}

/** Whether each chunk's projection is on disk. */
export function projectionsOnDisk(dir: string, refs: readonly ChunkRef[], tag: string): boolean[] {
  return refs.map((ref) => existsSync(join(dir, projectionRef(ref, tag).file)));
}

/** The projection's columns: keys laid end to end (Latin-1 when they all fit), event times, numbers. */
export function projectionColumns(chunk: PopulationChunk, spec: SelectionSpec): ProjectionColumns {
  const rows = chunk.rows;
  const keys = keyText(chunk, spec);
  return {
    rows,
    record: chunk.record.slice(0, rows),
    line: chunk.line.slice(0, rows),
    offsets: keys.offsets,
    text: keys.text,
    encoding: keys.encoding,
    ...(spec.eventTime ? { eventTime: { field: spec.eventTime, values: eventTimes(chunk, spec.eventTime).slice(0, rows) } } : {}),
  };
}

/** Keys laid end to end: key i is text[offsets[i], offsets[i + 1]). */
interface KeyText {
  text: Uint8Array;
  encoding: 'latin1' | 'utf8';
  offsets: Int32Array;
}

/**
 * Every row's record key laid end to end. A one-field text key whose cells are Latin-1 code units
 * is copied byte by byte (no string per row); a blank cell (its content key) and every other key
 * comes from its key string.
 */
function keyText(chunk: PopulationChunk, spec: SelectionSpec): KeyText {
  const single = spec.key.length === 1 ? columnsOf(chunk).field(spec.key[0]!) : undefined;
  const cells = single?.kind === 'text' ? single.units() : undefined;
  return (cells && copiedKeys(chunk, spec, cells)) || joinedKeys(recordKeys(chunk, spec.key, spec.headers));
}

function joinedKeys(keys: string[]): KeyText {
  const text = keys.join('');
  const encoding = /[^\u0000-\u00ff]/.test(text) ? 'utf8' : 'latin1';
  // Offsets count the stored text's bytes.
  const offsets = new Int32Array(keys.length + 1);
  let at = 0;
  for (let i = 0; i < keys.length; i++) {
    at += encoding === 'latin1' ? keys[i]!.length : Buffer.byteLength(keys[i]!, 'utf8');
    offsets[i + 1] = at;
  }
  return { text: Buffer.from(text, encoding), encoding, offsets };
}

/** The Latin-1 copy; undefined when the cells or a content key fall outside Latin-1 (then the joined path runs). */
function copiedKeys(chunk: PopulationChunk, spec: SelectionSpec, cells: TextUnits): KeyText | undefined {
  if (!(cells.units instanceof Uint8Array)) return undefined;
  const rows = chunk.rows;
  const others = new Map<number, string>();
  const room = new Int32Array(rows);
  let size = 0;
  for (let i = 0; i < rows; i++) {
    const a = cells.start[i]!;
    if (cells.valid[i] && cells.end[i]! > a) {
      size += cells.end[i]! - a;
      continue;
    }
    const key = contentKey(chunk, i, spec.headers);
    if (/[^\u0000-\u00ff]/.test(key)) return undefined;
    others.set(i, key);
    room[i] = key.length;
    size += key.length;
  }
  const out = Buffer.allocUnsafe(size);
  const offsets = new Int32Array(rows + 1);
  copySpans(cells.units, cells.start, cells.end, room, out, offsets, rows);
  for (const [i, key] of others) out.write(key, offsets[i]!, 'latin1');
  return { text: out, encoding: 'latin1', offsets };
}

/**
 * Lay the spans' bytes end to end in `out`, with their new offsets (row i at offsets[i]); a row
 * whose span is null or empty keeps `room[i]` bytes for its key string (the caller writes it). A
 * top-level loop over typed arrays, which V8 keeps optimised (keys are short: a byte loop beats a copy call).
 */
function copySpans(bytes: Uint8Array, s: Int32Array, e: Int32Array, room: Int32Array, out: Uint8Array, offsets: Int32Array, rows: number): void {
  let at = 0;
  for (let i = 0; i < rows; i++) {
    const a = s[i]!;
    const b = e[i]!;
    if (room[i] === 0 && b > a) for (let j = a; j < b; j++) out[at++] = bytes[j]!;
    else at += room[i]!;
    offsets[i + 1] = at;
  }
}

/**
 * Write a chunk's projection (a cache: a failure, e.g. the population removed meanwhile, only
 * means the next selection reads the chunk again).
 */
export function writeProjection(dir: string, ref: ChunkRef, tag: string, chunk: PopulationChunk, spec: SelectionSpec): void {
  const path = join(dir, projectionRef(ref, tag).file);
  const temp = `${path}.${process.pid}-${threadId}.tmp`;
  try {
    writeProjectionFile(temp, projectionColumns(chunk, spec));
    renameSync(temp, path);
  } catch {
    rmSync(temp, { force: true });
  }
}
