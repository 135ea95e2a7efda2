/**
 * A zip archive written front to back onto a stream: what an .xlsx package is. Small parts are
 * added whole (sizes and CRC-32 in their local header); a large part is streamed — its text
 * deflated in pieces as it comes (each piece ends on a sync flush, so the pieces join into one
 * deflate stream), its CRC-32 and sizes written after the data in a data descriptor — so a sheet
 * of a million rows never sits whole in memory. The central directory goes at the end.
 * Deflate and CRC-32 are node:zlib's. Limits: 65,535 entries and 4 GiB (no ZIP64), refused with
 * an error rather than written wrong.
 *
 * @example
 * const zip = new ZipWriter(createWriteStream('x.zip'), new Date())
 * await zip.add('a.xml', '<a/>')
 * const entry = zip.open('big.xml')
 * await entry.write('<rows>…')
 * await entry.end()
 * await zip.finish()
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { constants, crc32, deflateRawSync } from 'node:zlib';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const DESCRIPTOR = 0x08074b50;
const END = 0x06054b50;
const UTF8_NAMES = 0x0800;
const SIZES_AFTER_DATA = 0x0008;
const MAX_ENTRIES = 0xffff;
const MAX_BYTES = 0xffffffff;
/** Text gathered before a streamed entry deflates it. */
const PIECE_BYTES = 1 << 20;
/** Past this many bytes an entry is deflated at level 1 (much faster; a little larger). */
const BIG_ENTRY = 1 << 20;

/** MS-DOS date and time of `d`'s UTC fields (1980-01-01 for earlier dates). */
function dosDateTime(d: Date): { date: number; time: number } {
  const year = d.getUTCFullYear();
  if (year < 1980) return { date: (1 << 5) | 1, time: 0 };
  return {
    date: ((Math.min(year, 2107) - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
  };
}

interface Written {
  name: Buffer;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** A streamed entry: write text, then end it. */
export interface ZipEntryWriter {
  write(text: string): Promise<void>;
  end(): Promise<void>;
}

export class ZipWriter {
  private readonly written: Written[] = [];
  private offset = 0;
  private readonly stamp: { date: number; time: number };
  private streaming = false;

  /** `modified`: the time stamped on every entry. */
  constructor(private readonly out: Writable, modified: Date) {
    this.stamp = dosDateTime(modified);
  }

  /** Add a whole entry. */
  async add(name: string, content: string | Buffer): Promise<void> {
    this.checkIdle();
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const packed = deflateRawSync(data, { level: data.length > BIG_ENTRY ? 1 : 6 });
    const entry = this.begin(name, 0, crc32(data), packed.length, data.length);
    if (data.length > MAX_BYTES || this.offset + packed.length > MAX_BYTES) throw new Error(`zip: ${name} is larger than 4 GiB`);
    const header = this.localHeader(entry);
    this.offset += header.length + packed.length;
    this.written.push(entry);
    await this.emit(Buffer.concat([header, packed]));
  }

  /** Start a streamed entry; no other entry may be added until it ends. */
  open(name: string): ZipEntryWriter {
    this.checkIdle();
    this.streaming = true;
    const entry = this.begin(name, SIZES_AFTER_DATA, 0, 0, 0);
    let header: Buffer | undefined = this.localHeader(entry);
    let pending: string[] = [];
    let pendingBytes = 0;
    const deflatePiece = async (last: boolean): Promise<void> => {
      const data = Buffer.from(pending.join(''), 'utf8');
      pending = [];
      pendingBytes = 0;
      const level = entry.size + data.length > BIG_ENTRY ? 1 : 6;
      entry.crc = crc32(data, entry.crc);
      entry.size += data.length;
      const packed = deflateRawSync(data, { level, finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
      entry.compressed += packed.length;
      if (entry.size > MAX_BYTES || this.offset + entry.compressed > MAX_BYTES) throw new Error(`zip: ${entry.name.toString()} is larger than 4 GiB`);
      const bytes = header ? Buffer.concat([header, packed]) : packed;
      header = undefined;
      await this.emit(bytes);
    };
    return {
      write: async (text) => {
        pending.push(text);
        pendingBytes += text.length;
        if (pendingBytes >= PIECE_BYTES) await deflatePiece(false);
      },
      end: async () => {
        await deflatePiece(true);
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(DESCRIPTOR, 0);
        descriptor.writeUInt32LE(entry.crc >>> 0, 4);
        descriptor.writeUInt32LE(entry.compressed, 8);
        descriptor.writeUInt32LE(entry.size, 12);
        await this.emit(descriptor);
        this.offset += this.localHeader(entry).length + entry.compressed + descriptor.length;
        this.written.push(entry);
        this.streaming = false;
      },
    };
  }

  /** Write the central directory and end the stream. */
  async finish(): Promise<void> {
    this.checkIdle();
    const records: Buffer[] = [];
    for (const e of this.written) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(CENTRAL, 0);
      record.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
      this.fields(e).copy(record, 6);
      record.writeUInt32LE(e.offset, 42);
      records.push(record, e.name);
    }
    const directory = Buffer.concat(records);
    if (this.offset + directory.length > MAX_BYTES) throw new Error('zip: the archive is larger than 4 GiB');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END, 0);
    end.writeUInt16LE(this.written.length, 8);
    end.writeUInt16LE(this.written.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(this.offset, 16);
    await this.emit(Buffer.concat([directory, end]));
    this.out.end();
  }

  private checkIdle(): void {
    if (this.streaming) throw new Error('zip: an entry is still being written');
  }

  private begin(name: string, flags: number, crc: number, compressed: number, size: number): Written {
    if (this.written.length >= MAX_ENTRIES) throw new Error(`zip: more than ${MAX_ENTRIES} entries`);
    return { name: Buffer.from(name, 'utf8'), flags: flags | UTF8_NAMES, crc, compressed, size, offset: this.offset };
  }

  /** The 26 bytes local and central headers share: version needed … name length. */
  private fields(e: Written): Buffer {
    const f = Buffer.alloc(24);
    f.writeUInt16LE(20, 0); // version needed: 2.0 (deflate)
    f.writeUInt16LE(e.flags, 2);
    f.writeUInt16LE(8, 4); // deflate
    f.writeUInt16LE(this.stamp.time, 6);
    f.writeUInt16LE(this.stamp.date, 8);
    f.writeUInt32LE(e.crc >>> 0, 10);
    f.writeUInt32LE(e.compressed, 14);
    f.writeUInt32LE(e.size, 18);
    f.writeUInt16LE(e.name.length, 22);
    return f;
  }

  private localHeader(e: Written): Buffer {
    const header = Buffer.alloc(30 + e.name.length);
    header.writeUInt32LE(LOCAL, 0);
    const streamed = e.flags & SIZES_AFTER_DATA;
    this.fields(streamed ? { ...e, crc: 0, compressed: 0, size: 0 } : e).copy(header, 4);
    e.name.copy(header, 30);
    return header;
  }

  /** Write bytes, waiting while the stream's buffer is full. */
  private async emit(bytes: Buffer): Promise<void> {
    if (!this.out.write(bytes)) await once(this.out, 'drain');
  }
}
