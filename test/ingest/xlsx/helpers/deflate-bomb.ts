/**
 * Raw deflate data for a large, highly compressible payload without ever holding it: each piece
 * is compressed on its own and sync-flushed (a byte-aligned, non-final block that refers to
 * nothing before it), so pieces can be repeated by concatenation and closed with a final empty
 * block. 200 MiB of spaces costs ~200 KiB and a few milliseconds.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface DeflatedPayload {
  compressed: Buffer;
  uncompressedSize: number;
  crc32: number;
}

export function deflateRepeated(prefix: string, filler: Buffer, times: number, suffix: string): DeflatedPayload {
  const block = (data: Buffer) => deflateRawSync(data, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const head = Buffer.from(prefix, 'utf8');
  const tail = Buffer.from(suffix, 'utf8');
  const fillerBlock = block(filler);
  const pieces = [block(head), ...Array.from({ length: times }, () => fillerBlock), block(tail), deflateRawSync(Buffer.alloc(0))];
  let crc = crc32(head);
  for (let i = 0; i < times; i++) crc = crc32(filler, crc);
  crc = crc32(tail, crc);
  return { compressed: Buffer.concat(pieces), uncompressedSize: head.length + filler.length * times + tail.length, crc32: crc >>> 0 };
}
