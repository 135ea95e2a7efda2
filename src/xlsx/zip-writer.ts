/**
 * A zip archive written front to back onto a stream: what an .xlsx package is. Small parts are
 * added whole (sizes and CRC-32 in their local header); a large part is streamed — its text
 * deflated as it comes, on libuv's thread pool while the caller renders more, its CRC-32 and
 * sizes written after the data in a data descriptor — so a sheet of a million rows never sits
 * whole in memory. The central directory goes at the end. Deflate and CRC-32 are node:zlib's. A part or an archive past 4 GiB gets ZIP64 fields where
 * the classic ones cannot hold its numbers: 8-byte sizes in the part's data descriptor, a ZIP64
 * extra field in its central record, a ZIP64 end of central directory (readers take the sizes
 * from the central directory, as Excel, LibreOffice and tickmark's reader do). At most 65,535
 * entries, refused with an error rather than written wrong.
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
import { crc32, deflateRawSync } from 'node:zlib';
import { DeflateStream } from './deflate-stream.js';
import { PairsWhole, ScratchBuffers } from './utf8.js';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const DESCRIPTOR = 0x08074b50;
const END = 0x06054b50;
const UTF8_NAMES = 0x0800;
const SIZES_AFTER_DATA = 0x0008;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const MAX_ENTRIES = 0xffff;
/** Classic zip fields hold numbers below this; from it on, ZIP64 fields hold them. */
const ZIP64_FROM = 0xffffffff;
/** Text gathered before a streamed entry deflates it. */
const PIECE_BYTES = 1 << 20;
/** Past this many bytes a whole entry is deflated at level 1 (much faster; a little larger), as a streamed one past its first piece is. */
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

/** A streamed entry: write text (or UTF-8 bytes, read before `write` returns), then end it. */
export interface ZipEntryWriter {
  write(text: string | Uint8Array): Promise<void>;
  end(): Promise<void>;
}

export class ZipWriter {
  private readonly written: Written[] = [];
  private offset = 0;
  private readonly stamp: { date: number; time: number };
  private streaming = false;
  private readonly scratch = new ScratchBuffers();

  /**
   * `modified`: the time stamped on every entry. `zip64From`: sizes and offsets from this on are
   * written in ZIP64 fields (4 GiB; lower only to exercise those fields in tests).
   */
  constructor(private readonly out: Writable, modified: Date, private readonly zip64From = ZIP64_FROM) {
    this.stamp = dosDateTime(modified);
  }

  /** Add a whole entry. */
  async add(name: string, content: string | Buffer): Promise<void> {
    this.checkIdle();
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const packed = deflateRawSync(data, { level: data.length > BIG_ENTRY ? 1 : 6 });
    if (data.length >= ZIP64_FROM) throw new Error(`zip: ${name} is too large to add whole; stream it`);
    const entry = this.begin(name, 0, crc32(data), packed.length, data.length);
    const header = this.localHeader(entry);
    this.offset += header.length + packed.length;
    this.written.push(entry);
    await this.emit(Buffer.concat([header, packed]));
  }

  /**
   * Start a streamed entry; no other entry may be added until it ends. Text (encoded as it comes)
   * and bytes (copied as they come) are gathered into pieces; an entry that ends within its first
   * piece is deflated whole (level 6), a larger one piece by piece at level 1 (`DeflateStream`), on
   * libuv's thread pool while the caller renders the next piece.
   */
  open(name: string): ZipEntryWriter {
    this.checkIdle();
    this.streaming = true;
    const entry = this.begin(name, SIZES_AFTER_DATA, 0, 0, 0);
    const header = this.localHeader(entry);
    const scratch = this.scratch;
    /** The piece being filled and its length; a text's first half of a surrogate pair waits for its second. */
    let piece: Buffer | undefined;
    let at = 0;
    const pairs = new PairsWhole();
    let stream: DeflateStream | undefined;
    const room = (n: number): Buffer => {
      if (!piece) {
        piece = scratch.take(Math.max(2 * PIECE_BYTES, n));
        at = 0;
      } else if (at + n > piece.length) {
        const bigger = scratch.take(at + n);
        piece.copy(bigger, 0, 0, at);
        scratch.give(piece);
        piece = bigger;
      }
      return piece;
    };
    const add = (text: string | Uint8Array): void => {
      if (typeof text === 'string') {
        // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair, two units, takes 4).
        at += pairs.write(text, room(text.length * 3 + 3), at);
      } else {
        at += pairs.end(room(3), at);
        room(text.length).set(text, at);
        at += text.length;
      }
    };
    const take = (): Buffer => {
      const data = (piece ?? room(0)).subarray(0, at);
      piece = undefined;
      at = 0;
      entry.crc = crc32(data, entry.crc);
      entry.size += data.length;
      return data;
    };
    return {
      write: async (text) => {
        add(text);
        if (at < PIECE_BYTES) return;
        if (!stream) {
          await this.emit(header);
          stream = new DeflateStream(1, (bytes) => this.emit(bytes));
        }
        const data = take();
        await stream.write(data, () => scratch.give(data));
      },
      end: async () => {
        at += pairs.end(room(3), at);
        if (stream) {
          if (at) {
            const data = take();
            await stream.write(data, () => scratch.give(data));
          }
          entry.compressed = await stream.end();
        } else {
          const data = take();
          const packed = deflateRawSync(data, { level: 6 });
          scratch.give(data);
          entry.compressed = packed.length;
          await this.emit(Buffer.concat([header, packed]));
        }
        const large = entry.size >= this.zip64From || entry.compressed >= this.zip64From;
        const descriptor = Buffer.alloc(large ? 24 : 16);
        descriptor.writeUInt32LE(DESCRIPTOR, 0);
        descriptor.writeUInt32LE(entry.crc >>> 0, 4);
        if (large) {
          descriptor.writeBigUInt64LE(BigInt(entry.compressed), 8);
          descriptor.writeBigUInt64LE(BigInt(entry.size), 16);
        } else {
          descriptor.writeUInt32LE(entry.compressed, 8);
          descriptor.writeUInt32LE(entry.size, 12);
        }
        await this.emit(descriptor);
        this.offset += header.length + entry.compressed + descriptor.length;
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
      // The numbers too large for their classic field go, in this order, in a ZIP64 extra field.
      const large = [e.size, e.compressed, e.offset].filter((n) => n >= this.zip64From);
      const extra = Buffer.alloc(large.length ? 4 + 8 * large.length : 0);
      if (large.length) {
        extra.writeUInt16LE(0x0001, 0);
        extra.writeUInt16LE(8 * large.length, 2);
        large.forEach((n, i) => extra.writeBigUInt64LE(BigInt(n), 4 + 8 * i));
      }
      const record = Buffer.alloc(46);
      record.writeUInt32LE(CENTRAL, 0);
      record.writeUInt16LE(large.length ? 45 : 20, 4); // made by: 4.5 (ZIP64) or 2.0, MS-DOS attributes
      const clamp = (n: number) => (n >= this.zip64From ? ZIP64_FROM : n);
      this.fields({ ...e, size: clamp(e.size), compressed: clamp(e.compressed) }).copy(record, 6);
      if (large.length) record.writeUInt16LE(45, 6); // version needed: 4.5 (ZIP64)
      record.writeUInt16LE(extra.length, 30);
      record.writeUInt32LE(clamp(e.offset), 42);
      records.push(record, e.name, extra);
    }
    const directory = Buffer.concat(records);
    const tail: Buffer[] = [directory];
    const zip64 = this.offset >= this.zip64From || directory.length >= this.zip64From;
    if (zip64) {
      const record = Buffer.alloc(56);
      record.writeUInt32LE(ZIP64_END, 0);
      record.writeBigUInt64LE(44n, 4); // size of the rest of the record
      record.writeUInt16LE(45, 12);
      record.writeUInt16LE(45, 14);
      record.writeBigUInt64LE(BigInt(this.written.length), 24);
      record.writeBigUInt64LE(BigInt(this.written.length), 32);
      record.writeBigUInt64LE(BigInt(directory.length), 40);
      record.writeBigUInt64LE(BigInt(this.offset), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(ZIP64_LOCATOR, 0);
      locator.writeBigUInt64LE(BigInt(this.offset + directory.length), 8);
      locator.writeUInt32LE(1, 16); // disks
      tail.push(record, locator);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END, 0);
    end.writeUInt16LE(this.written.length, 8);
    end.writeUInt16LE(this.written.length, 10);
    end.writeUInt32LE(zip64 ? ZIP64_FROM : directory.length, 12);
    end.writeUInt32LE(zip64 ? ZIP64_FROM : this.offset, 16);
    tail.push(end);
    await this.emit(Buffer.concat(tail));
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
