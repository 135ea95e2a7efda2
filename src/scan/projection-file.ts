/**
 * The file of a selection projection (selection-projection.ts): its columns laid out as a
 * selection reads them, so that reading one is one read and a few typed-array views over it —
 * no section to decode, no span ends to rebuild. Little-endian, every array at a multiple of its
 * element size:
 *
 *   magic 'TMSEL' 2 0 0 · rows u32 · key text bytes u32 · encoding u8 (0 Latin-1, 1 UTF-8) ·
 *   has times u8 · event-time name bytes u16 · 0 u32 · event-time name (UTF-8), padded to 8 ·
 *   event times f64[rows] (when present) · record i32[rows] · line i32[rows] ·
 *   key offsets i32[rows + 1] (key i is text[offsets[i], offsets[i + 1])) · key text.
 *
 * Read back, a projection is a `PopulationChunk` whose vectors answer for the projected key and
 * the event time only.
 *
 * @example
 * writeProjectionFile(path, { rows: 2, record, line, offsets: Int32Array.of(0, 4, 8), text: Buffer.from('CHG1CHG2', 'latin1'), encoding: 'latin1' })
 * columnsOf(loadProjection(dir, ref)).field(PROJECTED_KEY)?.cell(1) // 'CHG2'
 */
import { closeSync, fstatSync, openSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unitsOfStrings, type TextUnits } from '../kernels/units.js';
import type { ChunkRef, PopulationChunk } from '../population/types.js';
import { blankRowsOf, Float64Numbers, type ChunkVectors, type FieldVector, type TextVector } from '../population/vectors.js';

/** The projected key's field name: one no mapping can give (it holds the separator). */
export const PROJECTED_KEY = '\u001fkey';

const MAGIC = Buffer.from('TMSEL\u0002\u0000\u0000', 'latin1');
const HEADER = 24;

export interface ProjectionColumns {
  rows: number;
  /** Source record and line numbers (the population's, not the chunk's). */
  record: Int32Array;
  line: Int32Array;
  /** Key i is text[offsets[i], offsets[i + 1]) (rows + 1 entries). */
  offsets: Int32Array;
  /** Every row's key laid end to end: Latin-1 when every character fits, else UTF-8. */
  text: Uint8Array;
  encoding: 'latin1' | 'utf8';
  /** The event-time field and each row's time (epoch ms, NaN when none). */
  eventTime?: { field: string; values: Float64Array };
}

const pad8 = (n: number) => (n + 7) & ~7;
const bytesOf = (a: Int32Array | Float64Array, count: number) => new Uint8Array(a.buffer, a.byteOffset, count * a.BYTES_PER_ELEMENT);

/** The file's bytes, in parts (written one after the other). */
export function projectionParts(p: ProjectionColumns): Uint8Array[] {
  const name = Buffer.from(p.eventTime?.field ?? '', 'utf8');
  const header = Buffer.alloc(pad8(HEADER + name.length));
  MAGIC.copy(header, 0);
  header.writeUInt32LE(p.rows, 8);
  header.writeUInt32LE(p.text.length, 12);
  header.writeUInt8(p.encoding === 'utf8' ? 1 : 0, 16);
  header.writeUInt8(p.eventTime ? 1 : 0, 17);
  header.writeUInt16LE(name.length, 18);
  name.copy(header, HEADER);
  const parts: Uint8Array[] = [header];
  if (p.eventTime) parts.push(bytesOf(p.eventTime.values, p.rows));
  parts.push(bytesOf(p.record, p.rows), bytesOf(p.line, p.rows), bytesOf(p.offsets, p.rows + 1), p.text);
  return parts;
}

export function writeProjectionFile(path: string, p: ProjectionColumns): void {
  writeFileSync(path, Buffer.concat(projectionParts(p)), { mode: 0o600 });
}

/** The columns of a projection file's bytes (views over them; `bytes` must start at an offset that is a multiple of 8). */
export function decodeProjection(bytes: Buffer): ProjectionColumns {
  if (bytes.length < HEADER || !bytes.subarray(0, MAGIC.length).equals(MAGIC) || bytes.byteOffset % 8 !== 0) throw new Error('not a tickmark selection projection');
  const rows = bytes.readUInt32LE(8);
  const textBytes = bytes.readUInt32LE(12);
  const encoding = bytes.readUInt8(16) === 1 ? 'utf8' : 'latin1';
  const hasTimes = bytes.readUInt8(17) === 1;
  const nameBytes = bytes.readUInt16LE(18);
  let at = pad8(HEADER + nameBytes);
  const size = at + (hasTimes ? 8 * rows : 0) + 4 * (3 * rows + 1) + textBytes;
  if (bytes.length !== size) throw new Error(`selection projection of ${bytes.length} bytes, ${size} expected`);
  const view = <T>(make: new (b: ArrayBuffer, offset: number, length: number) => T, length: number, width: number): T => {
    const out = new make(bytes.buffer as ArrayBuffer, bytes.byteOffset + at, length);
    at += length * width;
    return out;
  };
  const field = bytes.toString('utf8', HEADER, HEADER + nameBytes);
  const times = hasTimes ? view(Float64Array, rows, 8) : undefined;
  const record = view(Int32Array, rows, 4);
  const line = view(Int32Array, rows, 4);
  const offsets = view(Int32Array, rows + 1, 4);
  const text = bytes.subarray(at, at + textBytes);
  return { rows, record, line, offsets, text, encoding, ...(times ? { eventTime: { field, values: times } } : {}) };
}

let scratch: Buffer | undefined;

/**
 * Load a projection into a buffer this thread reuses for every projection (it starts at offset 0
 * of its own memory, as the typed-array views need): the chunk's arrays are views of it, valid
 * until the next load — for a selection, whose partial keeps numbers and key strings only.
 */
export function loadProjection(dir: string, ref: ChunkRef): PopulationChunk {
  const fd = openSync(join(dir, ref.file), 'r');
  try {
    const size = fstatSync(fd).size;
    if (!scratch || scratch.length < size) scratch = Buffer.allocUnsafeSlow(Math.max(size, (scratch?.length ?? 0) * 1.5) | 0);
    // A projection is renamed into place whole: a read of its size gets all of it.
    const bytes = scratch.subarray(0, readSync(fd, scratch, 0, size, 0));
    return projectionChunk(decodeProjection(bytes));
  } finally {
    closeSync(fd);
  }
}

/** A projection as a chunk: its record and line numbers, and vectors for the key and the event time. */
export function projectionChunk(p: ProjectionColumns): PopulationChunk {
  return { rows: p.rows, record: p.record, line: p.line, source: {}, fields: {}, vectors: new ProjectionVectors(p) };
}

class ProjectionVectors implements ChunkVectors {
  private readonly key: KeyText;
  private readonly times: Float64Numbers | undefined;
  constructor(private readonly p: ProjectionColumns) {
    this.key = new KeyText(p);
    this.times = p.eventTime ? new Float64Numbers(p.eventTime.values, p.rows, 'timestamp') : undefined;
  }

  source(): undefined {
    return undefined;
  }

  field(name: string): FieldVector | undefined {
    if (name === PROJECTED_KEY) return this.key;
    return name === this.p.eventTime?.field ? this.times : undefined;
  }

  rowHashes(): undefined {
    return undefined;
  }
}

/** The projected keys: spans of the key text, ends taken from the next key's start. */
class KeyText implements TextVector {
  readonly kind = 'text';
  readonly type = 'string';
  readonly rows: number;
  private strings: (string | null)[] | undefined;
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  constructor(private readonly p: ProjectionColumns) {
    this.rows = p.rows;
    this.start = p.offsets.subarray(0, p.rows);
    this.end = p.offsets.subarray(1, p.rows + 1);
  }

  cell(i: number): string | null {
    return Buffer.from(this.p.text.buffer, this.p.text.byteOffset + this.start[i]!, this.end[i]! - this.start[i]!).toString(this.p.encoding);
  }

  values(): (string | null)[] {
    return (this.strings ??= Array.from({ length: this.rows }, (_, i) => this.cell(i)));
  }

  /** The key bytes themselves when they are code units (Latin-1, or UTF-8 that is all ASCII); else UTF-16. */
  units(): TextUnits {
    const { text, encoding } = this.p;
    if (encoding === 'latin1' || text.every((b) => b < 0x80)) return { units: text, start: this.start, end: this.end, valid: new Uint8Array(this.rows).fill(1) };
    return unitsOfStrings(this.values(), this.rows);
  }

  blankRows(): number[] {
    return blankRowsOf(this.values(), this.rows);
  }
}
