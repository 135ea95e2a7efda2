/**
 * Open a zip archive for reading: read its central directory from the file's tail, refuse it
 * (TM_ERR_XLSX_BOMB) when the declared sizes break the limits, and locate each entry's data.
 * Nothing is inflated here. Entry names are looked up case-insensitively (OPC part names are).
 *
 * @example
 * const archive = await openZipArchive('changes.xlsx', DEFAULT_XLSX_LIMITS)
 * archive.entry('xl/workbook.xml') // ZipEntry | undefined
 */
import { open, type FileHandle } from 'node:fs/promises';
import { tickmarkError } from '../../../errors.js';
import { invalidXlsx } from '../invalid.js';
import type { XlsxLimits } from '../options.js';
import { checkDeclaredSizes, checkEntryCount } from './bomb-guard.js';
import {
  checkEntryLayout,
  findEndOfCentralDirectory,
  MAX_TAIL,
  parseCentralDirectory,
  parseZip64EndOfCentralDirectory,
  ZIP64_EOCD_SIZE,
  type ZipEntry,
} from './central-directory.js';

export interface ZipArchive {
  path: string;
  size: number;
  entries: readonly ZipEntry[];
  /** The entry with this part name (case-insensitive, leading slash ignored). */
  entry(name: string): ZipEntry | undefined;
  /** Absolute offset of the entry's compressed data (after its local header). */
  dataStart(entry: ZipEntry): Promise<number>;
}

const LOCAL_SIGNATURE = 0x04034b50;
const OLE2_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** A central directory larger than this is not a spreadsheet's. */
const MAX_DIRECTORY_BYTES = 64 * 1024 ** 2;

export async function openZipArchive(path: string, limits: Required<XlsxLimits>): Promise<ZipArchive> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw tickmarkError('TM_ERR_FILE_NOT_FOUND', { path });
    throw err;
  }
  try {
    const size = (await handle.stat()).size;
    const { entries, directoryOffset } = await readDirectory(handle, size, limits);
    const byName = new Map<string, ZipEntry>();
    for (const entry of entries) byName.set(normalizeName(entry.name), entry);
    return {
      path,
      size,
      entries,
      entry: (name) => byName.get(normalizeName(name)),
      dataStart: (entry) => localDataStart(path, entry, directoryOffset),
    };
  } finally {
    await handle.close();
  }
}

async function readDirectory(
  handle: FileHandle,
  size: number,
  limits: Required<XlsxLimits>,
): Promise<{ entries: ZipEntry[]; directoryOffset: number }> {
  if (size === 0) throw invalidXlsx('the file is empty');
  const head = await readAt(handle, 0, Math.min(size, 8));
  if (head.length === 8 && head.equals(OLE2_SIGNATURE)) {
    throw invalidXlsx('this is an OLE2 compound file: a password-protected workbook or a legacy .xls, not an .xlsx zip');
  }
  const tailLength = Math.min(size, MAX_TAIL);
  const tail = await readAt(handle, size - tailLength, tailLength);
  let eocd = findEndOfCentralDirectory(tail, size - tailLength);
  if (eocd.zip64RecordOffset !== undefined) {
    if (eocd.zip64RecordOffset + ZIP64_EOCD_SIZE > eocd.offset) throw invalidXlsx('the ZIP64 locator points outside the archive');
    const record = await readAt(handle, eocd.zip64RecordOffset, ZIP64_EOCD_SIZE);
    eocd = parseZip64EndOfCentralDirectory(record, eocd.zip64RecordOffset);
  }
  checkEntryCount(eocd.entryCount, limits);
  if (eocd.directoryOffset + eocd.directorySize > eocd.offset) {
    throw invalidXlsx('the central directory lies outside the file: the file is truncated or damaged');
  }
  if (eocd.directorySize > MAX_DIRECTORY_BYTES) throw invalidXlsx(`the central directory is ${eocd.directorySize} bytes, too large for a workbook`);
  const directory = await readAt(handle, eocd.directoryOffset, eocd.directorySize);
  const entries = parseCentralDirectory(directory, eocd.entryCount);
  checkEntryLayout(entries, eocd.directoryOffset);
  checkDeclaredSizes(entries, limits);
  return { entries, directoryOffset: eocd.directoryOffset };
}

/** Read the 30-byte local header to find where the entry's data starts; it must agree with the directory. */
async function localDataStart(path: string, entry: ZipEntry, directoryOffset: number): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const header = await readAt(handle, entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) {
      throw invalidXlsx(`the local header of ${entry.name} is missing or damaged`);
    }
    if (header.readUInt16LE(8) !== entry.method) throw invalidXlsx(`the local header of ${entry.name} disagrees with the central directory`);
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > directoryOffset) throw invalidXlsx(`the data of ${entry.name} runs into the central directory`);
    return start;
  } finally {
    await handle.close();
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await handle.read(buffer, read, length - read, position + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return read === length ? buffer : buffer.subarray(0, read);
}

function normalizeName(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase();
}
