/**
 * Set some values of a typed number/timestamp field in a chunk file already written, in place:
 * the field's section is read, the rows changed, and the section written back (one read and one
 * write whatever the number of rows). Used at ingest for values that could only be typed once
 * the whole population was seen (a column's day/month order).
 *
 * @example
 * patchFieldValues('chunk-000000.tmck', 'deployed_at', [4, 9], [1743638400000, 1743724800000])
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { dataStart, headerLength, type Header } from './chunk-codec.js';

function readFully(fd: number, buf: Buffer, position: number): void {
  for (let done = 0; done < buf.length; ) {
    const n = readSync(fd, buf, done, buf.length - done, position + done);
    if (n === 0) throw new Error(`chunk file ends before byte ${position + buf.length}`);
    done += n;
  }
}

export function patchFieldValues(path: string, field: string, rows: readonly number[], values: readonly number[]): void {
  const fd = openSync(path, 'r+');
  try {
    const prefix = Buffer.alloc(12);
    readFully(fd, prefix, 0);
    const length = headerLength(prefix);
    const json = Buffer.alloc(length);
    readFully(fd, json, 12);
    const header = JSON.parse(json.toString('utf8')) as Header;
    const section = header.sections.find((s) => s.name === `f:${field}`);
    if (section?.kind !== 'f64') throw new Error(`${path} has no number section for field ${field}`);
    const at = dataStart(length) + section.offset;
    const bytes = Buffer.alloc(section.length);
    readFully(fd, bytes, at);
    const column = new Float64Array(bytes.buffer, bytes.byteOffset, section.length / 8);
    for (let k = 0; k < rows.length; k++) column[rows[k]!] = values[k]!;
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, at + done);
  } finally {
    closeSync(fd);
  }
}
