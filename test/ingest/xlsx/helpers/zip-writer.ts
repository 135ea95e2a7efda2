/**
 * A small zip writer for tests, with knobs to build damaged and hostile archives: declared sizes
 * that lie, data descriptors, ZIP64 fields, pre-compressed data, a wrong CRC.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  data?: Buffer | string;
  /** 8 = deflate (default), 0 = stored. */
  method?: 0 | 8;
  level?: number;
  /** Raw compressed bytes to store instead of compressing `data` (then give uncompressedSize and crc). */
  compressed?: Buffer;
  /** Override the declared uncompressed size (a lying directory). */
  uncompressedSize?: number;
  crc32?: number;
  /** Write sizes and CRC in a data descriptor (general purpose flag bit 3), zero in the local header. */
  dataDescriptor?: boolean;
  /** Write 0xFFFFFFFF sizes and offset with a ZIP64 extra field in the central directory. */
  zip64?: boolean;
}

export interface ZipOptions {
  /** Bytes appended after the EOCD as its comment. */
  comment?: string;
  /** Write ZIP64 end-of-central-directory record and locator. */
  zip64End?: boolean;
}

export function writeZip(parts: readonly ZipPart[], options: ZipOptions = {}): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const raw = part.data === undefined ? Buffer.alloc(0) : Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data, 'utf8');
    const method = part.method ?? 8;
    const compressed = part.compressed ?? (method === 8 ? deflateRawSync(raw, { level: part.level ?? 6 }) : raw);
    const size = part.uncompressedSize ?? raw.length;
    const crc = (part.crc32 ?? crc32(raw)) >>> 0;
    const flags = 0x0800 | (part.dataDescriptor ? 0x0008 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x0021, 12);
    local.writeUInt32LE(part.dataDescriptor ? 0 : crc, 14);
    local.writeUInt32LE(part.dataDescriptor ? 0 : compressed.length, 18);
    local.writeUInt32LE(part.dataDescriptor ? 0 : size, 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, compressed);
    let written = 30 + name.length + compressed.length;
    if (part.dataDescriptor) {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(compressed.length, 8);
      descriptor.writeUInt32LE(size, 12);
      chunks.push(descriptor);
      written += 16;
    }
    let extra = Buffer.alloc(0);
    if (part.zip64) {
      extra = Buffer.alloc(4 + 24);
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(compressed.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(45, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(flags, 8);
    record.writeUInt16LE(method, 10);
    record.writeUInt16LE(0x0021, 14);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(part.zip64 ? 0xffffffff : compressed.length, 20);
    record.writeUInt32LE(part.zip64 ? 0xffffffff : size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt16LE(extra.length, 30);
    record.writeUInt32LE(part.zip64 ? 0xffffffff : offset, 42);
    central.push(record, name, extra);
    offset += written;
  }
  const directory = Buffer.concat(central);
  const directoryOffset = offset;
  chunks.push(directory);
  offset += directory.length;
  const comment = Buffer.from(options.comment ?? '', 'utf8');
  if (options.zip64End) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(parts.length), 24);
    record.writeBigUInt64LE(BigInt(parts.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(directoryOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset), 8);
    locator.writeUInt32LE(1, 16);
    chunks.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.zip64End ? 0xffff : parts.length, 8);
  end.writeUInt16LE(options.zip64End ? 0xffff : parts.length, 10);
  end.writeUInt32LE(options.zip64End ? 0xffffffff : directory.length, 12);
  end.writeUInt32LE(options.zip64End ? 0xffffffff : directoryOffset, 16);
  end.writeUInt16LE(comment.length, 20);
  chunks.push(end, comment);
  return Buffer.concat(chunks);
}
