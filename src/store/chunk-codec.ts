/**
 * The columnar cache format of a typed population chunk: one file per chunk, written once.
 * Layout: `TMCK` magic, u32 version, u32 header length, a JSON header listing each column's
 * section, then 8-byte-aligned sections. Numbers are little-endian Float64/Int32 arrays; text
 * columns are the concatenated UTF-8 of their values, a cumulative UTF-16 offset array and a
 * null map, so a column decodes with one native `toString` and cheap slices. Measured against
 * Arrow IPC through flechette (which decodes each string with TextDecoder): ~50× faster to
 * read and write for text-heavy populations. Columns decode lazily, on first access.
 *
 * @example
 * const bytes = encodeChunk(chunk); const back = decodeChunk(bytes); back.fields.deployed_at.values
 */
import type { FieldColumn, PopulationChunk } from '../population/types.js';

const MAGIC = 0x4b434d54; // 'TMCK' little-endian
const VERSION = 1;

type Section =
  | { name: string; kind: 'i32' | 'f64'; offset: number; length: number; fieldType?: FieldColumn['type'] }
  | { name: string; kind: 'utf8'; offset: number; length: number; textBytes: number; fieldType?: FieldColumn['type'] }
  | { name: string; kind: 'alias'; of: string; fieldType: FieldColumn['type'] };

interface Header {
  rows: number;
  headers: string[];
  sections: Section[];
}

function sameValues(a: (string | null)[], b: (string | null)[]): boolean {
  if (a === b) return true;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function encodeText(values: (string | null)[], rows: number): Buffer[] {
  const offsets = new Int32Array(rows + 1);
  const nulls = new Uint8Array(rows);
  let pos = 0;
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    if (v == null) nulls[i] = 1;
    else pos += v.length;
    offsets[i + 1] = pos;
  }
  const text = Buffer.from(values.join(''), 'utf8'); // join renders null/undefined as ''
  return [Buffer.from(offsets.buffer), Buffer.from(nulls.buffer), text];
}

export function encodeChunk(chunk: PopulationChunk): Buffer {
  const headers = Object.keys(chunk.source);
  const parts: Buffer[] = [];
  const sections: Section[] = [];
  let offset = 0;
  const push = (buffers: Buffer[]) => {
    const start = offset;
    for (const b of buffers) {
      parts.push(b);
      offset += b.length;
    }
    const pad = (8 - (offset % 8)) % 8;
    if (pad) {
      parts.push(Buffer.alloc(pad));
      offset += pad;
    }
    return start;
  };
  const rows = chunk.rows;
  sections.push({ name: 'record', kind: 'i32', offset: push([Buffer.from(chunk.record.buffer, chunk.record.byteOffset, rows * 4)]), length: rows * 4 });
  sections.push({ name: 'line', kind: 'i32', offset: push([Buffer.from(chunk.line.buffer, chunk.line.byteOffset, rows * 4)]), length: rows * 4 });
  for (const h of headers) {
    const bufs = encodeText(chunk.source[h]!, rows);
    const start = push(bufs);
    sections.push({ name: `s:${h}`, kind: 'utf8', offset: start, length: bufs.reduce((n, b) => n + b.length, 0), textBytes: bufs[2]!.length });
  }
  for (const [name, col] of Object.entries(chunk.fields)) {
    if (col.values instanceof Float64Array) {
      const v = col.values;
      sections.push({ name: `f:${name}`, kind: 'f64', fieldType: col.type, offset: push([Buffer.from(v.buffer, v.byteOffset, rows * 8)]), length: rows * 8 });
      continue;
    }
    const alias = headers.find((h) => sameValues(col.values as (string | null)[], chunk.source[h]!));
    if (alias !== undefined) {
      sections.push({ name: `f:${name}`, kind: 'alias', of: `s:${alias}`, fieldType: col.type });
      continue;
    }
    const bufs = encodeText(col.values, rows);
    sections.push({ name: `f:${name}`, kind: 'utf8', fieldType: col.type, offset: push(bufs), length: bufs.reduce((n, b) => n + b.length, 0), textBytes: bufs[2]!.length });
  }
  const header = Buffer.from(JSON.stringify({ rows, headers, sections } satisfies Header), 'utf8');
  const pre = Buffer.alloc(12);
  pre.writeUInt32LE(MAGIC, 0);
  pre.writeUInt32LE(VERSION, 4);
  pre.writeUInt32LE(header.length, 8);
  const headPad = (8 - ((12 + header.length) % 8)) % 8;
  return Buffer.concat([pre, header, Buffer.alloc(headPad), ...parts]);
}

function decodeText(buf: Buffer, base: number, s: Extract<Section, { kind: 'utf8' }>, rows: number): (string | null)[] {
  const start = base + s.offset;
  const offsets = new Int32Array((buf.buffer as ArrayBuffer).slice(buf.byteOffset + start, buf.byteOffset + start + (rows + 1) * 4));
  const nullStart = start + (rows + 1) * 4;
  const textStart = nullStart + rows;
  const text = buf.toString('utf8', textStart, textStart + s.textBytes);
  const out = new Array<string | null>(rows);
  for (let i = 0; i < rows; i++) out[i] = buf[nullStart + i] ? null : text.slice(offsets[i]!, offsets[i + 1]!);
  return out;
}

function lazy<T>(target: Record<string, T>, key: string, make: () => T): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = make();
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
  });
}

/** Decode a chunk file's bytes; columns are materialised on first access. */
export function decodeChunk(buf: Buffer): PopulationChunk {
  if (buf.length < 12 || buf.readUInt32LE(0) !== MAGIC) throw new Error('not a tickmark chunk file');
  if (buf.readUInt32LE(4) !== VERSION) throw new Error(`unsupported chunk version ${buf.readUInt32LE(4)}`);
  const headerLen = buf.readUInt32LE(8);
  const header = JSON.parse(buf.toString('utf8', 12, 12 + headerLen)) as Header;
  const base = 12 + headerLen + ((8 - ((12 + headerLen) % 8)) % 8);
  const rows = header.rows;
  const byName = new Map(header.sections.map((s) => [s.name, s]));
  const numeric = (s: Section, Ctor: typeof Int32Array | typeof Float64Array) => {
    const sec = s as Extract<Section, { kind: 'i32' | 'f64' }>;
    const start = buf.byteOffset + base + sec.offset;
    return new Ctor((buf.buffer as ArrayBuffer).slice(start, start + sec.length));
  };
  const source: Record<string, (string | null)[]> = {};
  for (const h of header.headers) lazy(source, h, () => decodeText(buf, base, byName.get(`s:${h}`) as Extract<Section, { kind: 'utf8' }>, rows));
  const fields: Record<string, FieldColumn> = {};
  for (const s of header.sections) {
    if (!s.name.startsWith('f:')) continue;
    const name = s.name.slice(2);
    const type = s.fieldType!;
    if (s.kind === 'f64') lazy(fields, name, () => ({ type, values: numeric(s, Float64Array) as Float64Array }) as FieldColumn);
    else if (s.kind === 'alias') lazy(fields, name, () => ({ type, values: source[s.of.slice(2)]! }) as FieldColumn);
    else if (s.kind === 'utf8') lazy(fields, name, () => ({ type, values: decodeText(buf, base, s, rows) }) as FieldColumn);
  }
  return {
    rows,
    record: numeric(byName.get('record')!, Int32Array) as Int32Array,
    line: numeric(byName.get('line')!, Int32Array) as Int32Array,
    source,
    fields,
  };
}
