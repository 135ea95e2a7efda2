/**
 * The zip central directory, read without inflating anything: the End Of Central Directory record
 * (EOCD) at the file's tail, its ZIP64 counterpart when the classic fields are saturated, then one
 * record per entry with its name, method, CRC, compressed and uncompressed sizes and the offset of
 * its local header. Pure functions over byte buffers; the I/O lives in `directory-file.ts`.
 * Anything inconsistent throws TM_ERR_XLSX_INVALID with the reason.
 *
 * @example
 * const eocd = findEndOfCentralDirectory(tail, fileSize - tail.length)
 * const entries = parseCentralDirectory(cdBytes, eocd.entryCount)
 */
import { invalidXlsx } from '../invalid.js';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface EndOfCentralDirectory {
  /** Offset of the EOCD record (or of the ZIP64 EOCD record when there is one). */
  offset: number;
  entryCount: number;
  directoryOffset: number;
  directorySize: number;
  /** Set when a ZIP64 locator precedes the EOCD: where the ZIP64 EOCD record starts. */
  zip64RecordOffset?: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
export const EOCD_SIZE = 22;
export const ZIP64_LOCATOR_SIZE = 20;
export const ZIP64_EOCD_SIZE = 56;
/** The EOCD may be followed by a comment of up to 65,535 bytes. */
export const MAX_TAIL = EOCD_SIZE + 0xffff + ZIP64_LOCATOR_SIZE;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

/**
 * Find the EOCD in the last bytes of the file (`tail` starts at absolute offset `tailStart`).
 * The record is searched from the end; one whose comment length reaches exactly the end of the
 * file is preferred, so a comment that happens to contain the signature cannot fool the search.
 */
export function findEndOfCentralDirectory(tail: Buffer, tailStart: number): EndOfCentralDirectory {
  let found = -1;
  let loose = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== EOCD_SIGNATURE) continue;
    const commentLength = tail.readUInt16LE(i + 20);
    if (i + EOCD_SIZE + commentLength === tail.length) {
      found = i;
      break;
    }
    if (loose < 0 && i + EOCD_SIZE + commentLength <= tail.length) loose = i;
  }
  if (found < 0) found = loose;
  if (found < 0) throw invalidXlsx('no end-of-central-directory record: the file is not a zip archive, or it is truncated');
  const disk = tail.readUInt16LE(found + 4);
  const directoryDisk = tail.readUInt16LE(found + 6);
  const entriesOnDisk = tail.readUInt16LE(found + 8);
  const entryCount = tail.readUInt16LE(found + 10);
  const directorySize = tail.readUInt32LE(found + 12);
  const directoryOffset = tail.readUInt32LE(found + 16);
  const eocd: EndOfCentralDirectory = { offset: tailStart + found, entryCount, directoryOffset, directorySize };
  const locator = found - ZIP64_LOCATOR_SIZE;
  if (locator >= 0 && tail.readUInt32LE(locator) === ZIP64_LOCATOR_SIGNATURE) {
    eocd.zip64RecordOffset = readU64(tail, locator + 8, 'ZIP64 end-of-central-directory offset');
    return eocd;
  }
  if (disk !== 0 && disk !== U16_MAX) throw invalidXlsx('multi-disk (split) zip archives are not supported');
  if (directoryDisk !== disk || entriesOnDisk !== entryCount) throw invalidXlsx('multi-disk (split) zip archives are not supported');
  if (entryCount === U16_MAX || directorySize === U32_MAX || directoryOffset === U32_MAX) {
    throw invalidXlsx('the end-of-central-directory record needs ZIP64 fields but the ZIP64 locator is missing');
  }
  return eocd;
}

/** Read the 56-byte ZIP64 EOCD record (the fixed part; its extensible data is ignored). */
export function parseZip64EndOfCentralDirectory(record: Buffer, offset: number): EndOfCentralDirectory {
  if (record.length < ZIP64_EOCD_SIZE || record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) {
    throw invalidXlsx('the ZIP64 end-of-central-directory record is missing or damaged');
  }
  const entriesOnDisk = readU64(record, 24, 'ZIP64 entry count');
  const entryCount = readU64(record, 32, 'ZIP64 entry count');
  if (record.readUInt32LE(16) !== 0 || record.readUInt32LE(20) !== 0 || entriesOnDisk !== entryCount) {
    throw invalidXlsx('multi-disk (split) zip archives are not supported');
  }
  return {
    offset,
    entryCount,
    directorySize: readU64(record, 40, 'ZIP64 central directory size'),
    directoryOffset: readU64(record, 48, 'ZIP64 central directory offset'),
  };
}

/** Parse `expected` central directory records from `directory` (the exact directory bytes). */
export function parseCentralDirectory(directory: Buffer, expected: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < expected; n++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      throw invalidXlsx(`central directory record ${n + 1} of ${expected} is missing or damaged`);
    }
    const flags = directory.readUInt16LE(at + 8);
    const method = directory.readUInt16LE(at + 10);
    const crc32 = directory.readUInt32LE(at + 16);
    let compressedSize = directory.readUInt32LE(at + 20);
    let uncompressedSize = directory.readUInt32LE(at + 24);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    let localHeaderOffset = directory.readUInt32LE(at + 42);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > directory.length) throw invalidXlsx(`central directory record ${n + 1} runs past the directory`);
    const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
    if (uncompressedSize === U32_MAX || compressedSize === U32_MAX || localHeaderOffset === U32_MAX) {
      const zip64 = zip64Extra(directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), name);
      if (uncompressedSize === U32_MAX) uncompressedSize = zip64.next('uncompressed size');
      if (compressedSize === U32_MAX) compressedSize = zip64.next('compressed size');
      if (localHeaderOffset === U32_MAX) localHeaderOffset = zip64.next('local header offset');
    }
    entries.push({ name, method, flags, crc32, compressedSize, uncompressedSize, localHeaderOffset });
    at = end;
  }
  return entries;
}

/**
 * Check that the entries can be real: each entry's header and data lie before the directory and
 * no two entries overlap (overlapping entries are how non-recursive zip bombs reuse one kernel
 * of compressed data many times). The local header's own name/extra lengths are not known here,
 * so the check uses the central record's name length, a lower bound.
 */
export function checkEntryLayout(entries: readonly ZipEntry[], directoryOffset: number): void {
  const byOffset = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 0; i < byOffset.length; i++) {
    const entry = byOffset[i]!;
    const minimalEnd = entry.localHeaderOffset + 30 + Buffer.byteLength(entry.name) + entry.compressedSize;
    const next = byOffset[i + 1];
    if (minimalEnd > directoryOffset) throw invalidXlsx(`entry ${entry.name} runs past the start of the central directory`);
    if (next && minimalEnd > next.localHeaderOffset) throw invalidXlsx(`entries ${entry.name} and ${next.name} overlap`);
  }
}

/** The ZIP64 extended-information extra field (id 1): the saturated sizes, in a fixed order. */
function zip64Extra(extra: Buffer, name: string): { next(what: string): number } {
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      const field = extra.subarray(at + 4, at + 4 + size);
      let pos = 0;
      return {
        next(what) {
          if (pos + 8 > field.length) throw invalidXlsx(`entry ${name}: its ZIP64 extra field lacks the ${what}`);
          const value = readU64(field, pos, `${name} ${what}`);
          pos += 8;
          return value;
        },
      };
    }
    at += 4 + size;
  }
  throw invalidXlsx(`entry ${name} has saturated sizes but no ZIP64 extra field`);
}

function readU64(buf: Buffer, at: number, what: string): number {
  const value = buf.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidXlsx(`${what} is out of range`);
  return Number(value);
}
