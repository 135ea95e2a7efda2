/**
 * Zip-bomb limits, in two places. Before anything is inflated, `checkDeclaredSizes` refuses an
 * archive whose central directory declares too many entries, too many bytes in total, or an entry
 * that expands more than `maxRatio` times (entries up to 1 MiB are exempt: small XML parts
 * legitimately compress 200:1). While inflating, `InflatedSizeMeter` refuses a part the moment it
 * produces more bytes than its directory entry declared — so a lying directory cannot get past the
 * first check — and reports a part that produced fewer bytes, or the wrong CRC, as damaged.
 *
 * @example
 * checkDeclaredSizes(entries, DEFAULT_XLSX_LIMITS) // throws TM_ERR_XLSX_BOMB { what, got, limit }
 */
import { crc32 } from 'node:zlib';
import { tickmarkError } from '../../../errors.js';
import { invalidXlsx } from '../invalid.js';
import { RATIO_EXEMPT_BYTES, type XlsxLimits } from '../options.js';
import type { ZipEntry } from './central-directory.js';

export function bomb(what: string, got: number, limit: number) {
  return tickmarkError('TM_ERR_XLSX_BOMB', { what, got, limit });
}

/** Refuse an archive with more entries than allowed, before its directory is even read. */
export function checkEntryCount(count: number, limits: Required<XlsxLimits>): void {
  if (count > limits.maxEntries) throw bomb('number of entries', count, limits.maxEntries);
}

/** Refuse an archive whose declared sizes break a limit. */
export function checkDeclaredSizes(entries: readonly ZipEntry[], limits: Required<XlsxLimits>): void {
  checkEntryCount(entries.length, limits);
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    if (entry.uncompressedSize > RATIO_EXEMPT_BYTES) {
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (ratio > limits.maxRatio) {
        throw bomb(`compression ratio of ${entry.name} (${entry.uncompressedSize} bytes from ${entry.compressedSize})`, round(ratio), limits.maxRatio);
      }
    }
  }
  if (total > limits.maxUncompressedBytes) throw bomb('total uncompressed size in bytes', total, limits.maxUncompressedBytes);
}

/** Counts and checksums the inflated bytes of one entry against its directory record. */
export class InflatedSizeMeter {
  private bytes = 0;
  private checksum = 0;

  constructor(private readonly entry: ZipEntry) {}

  /** Account for one inflated chunk; throws TM_ERR_XLSX_BOMB once the entry exceeds its declared size. */
  add(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (this.bytes > this.entry.uncompressedSize) {
      throw bomb(`inflated size of ${this.entry.name} (declared ${this.entry.uncompressedSize} bytes)`, this.bytes, this.entry.uncompressedSize);
    }
    this.checksum = crc32(chunk, this.checksum);
  }

  /** At the end of the entry: the size and CRC-32 must be the declared ones. */
  finish(): void {
    if (this.bytes !== this.entry.uncompressedSize) {
      throw invalidXlsx(`${this.entry.name} inflates to ${this.bytes} bytes but its directory entry declares ${this.entry.uncompressedSize}`);
    }
    if (this.checksum >>> 0 !== this.entry.crc32 >>> 0) throw invalidXlsx(`${this.entry.name} fails its CRC-32 check: the data is damaged`);
  }
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
